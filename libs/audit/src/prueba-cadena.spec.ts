import { ALH_INICIAL, ArbolTx, alhDe, claveGuardada, digestoEntrada, hashValorGuardado, type TxLeida } from './arbol-immudb';
import { BitacoraNoVerificableError, type EntradaLeida, type TrustedState } from './bitacora-immudb';
import { probarContraCadena } from './prueba-cadena';

/** Transactions as immudb 1.1.0 would list them, chained by their Alh, and the state they end in. */
function cadena(txs: { key: string; value: string }[][]): { listar: (desde: number, limite: number) => Promise<TxLeida[]>; estado: TrustedState } {
  const leidas: TxLeida[] = [];
  let prevAlh: Buffer = ALH_INICIAL;
  txs.forEach((grupo, i) => {
    const encabezado = {
      id: i + 1,
      prevAlh,
      ts: 1_812_000_000 + i,
      nentries: grupo.length,
      eH: new ArbolTx(grupo.map((e) => digestoEntrada(e.key, e.value))).raiz,
      blTxId: i,
      blRoot: Buffer.alloc(32, i),
    };
    leidas.push({ encabezado, entradas: grupo.map((e) => ({ key: claveGuardada(e.key), hValue: hashValorGuardado(e.value) })) });
    prevAlh = alhDe(encabezado);
  });
  return {
    listar: async (desde, limite) => leidas.slice(desde - 1, desde - 1 + limite),
    estado: { db: 'prep', txId: leidas.length, txHash: prevAlh.toString('hex') },
  };
}

const e = (key: string, value: string, txId: number): EntradaLeida => ({ key, value, txId });

describe('proving listed entries against the chain of transactions', () => {
  const txs = [
    [{ key: 'acta/A/000001', value: '1' }],
    [
      { key: 'acta/A/000002', value: '2' },
      { key: 'acta/B/000001', value: 'b' },
    ],
    [{ key: 'acta/A/000001', value: '1 bis' }],
  ];

  it('names, in key order, a value not the one written, a key written again later, and an entry its transaction lacks', async () => {
    const { listar, estado } = cadena(txs);
    const r = await probarContraCadena(
      { transacciones: listar },
      [e('acta/B/000001', 'otro', 2), e('acta/A/000002', '2', 3), e('acta/A/000001', '1', 1)],
      estado,
    );
    expect(r.probadas).toBe(3);
    expect(r.transacciones).toBe(3);
    expect(r.noProbadas.map((n) => n.detalle)).toEqual([
      'acta/A/000001: el valor listado es el de la transacción 1 y la clave se escribió de nuevo en la 3',
      'acta/A/000002: la transacción 3 del estado confiable no contiene la entrada listada',
      'acta/B/000001: el valor listado no coincide con la lectura verificada',
    ]);
  });

  it('proves entries whose transactions chain to the trusted state', async () => {
    const { listar, estado } = cadena(txs);
    const r = await probarContraCadena(
      { transacciones: listar },
      [e('acta/A/000002', '2', 2), e('acta/B/000001', 'b', 2), e('acta/A/000001', '1 bis', 3)],
      estado,
    );
    expect(r.noProbadas).toEqual([]);
  });

  it('refuses a history that does not end in the trusted state', async () => {
    const { listar, estado } = cadena(txs);
    const otro = { ...estado, txHash: 'ab'.repeat(32) };
    await expect(probarContraCadena({ transacciones: listar }, [], otro)).rejects.toThrow(BitacoraNoVerificableError);
  });
});
