import type { BitacoraImmudb, EntradaLeida } from './bitacora-immudb';
import type { TxLeida } from './arbol-immudb';
import { pruebaEnTx } from './paquete-pruebas';
import type { PruebaEnPaquete } from './paquete';

/** immudb 1.1.0 answers at most 1,000 entries per scan. */
export const PAGINA_MAXIMA = 1000;

/**
 * Every entry under a prefix, in key order, one page at a time, as of `sinceTx` (a fixed cut,
 * so entries appended while it runs do not shift the pages). A key equal to the page's seek key
 * is skipped, whether the server treats seekKey as exclusive (1.1.0) or not.
 */
export async function* recorrerPrefijo(
  bitacora: BitacoraImmudb,
  prefijo: string,
  { sinceTx, pagina = PAGINA_MAXIMA }: { sinceTx: number; pagina?: number },
): AsyncGenerator<EntradaLeida> {
  let ultima: string | undefined;
  for (;;) {
    const lote = await bitacora.scan(prefijo, { limit: pagina, seekKey: ultima, sinceTx });
    const nuevas = ultima === undefined ? lote : lote.filter((e) => e.key > ultima!);
    yield* nuevas;
    if (lote.length < pagina || nuevas.length === 0) return;
    ultima = nuevas[nuevas.length - 1].key;
  }
}

const MENSAJE_GRANDE = /RESOURCE_EXHAUSTED|larger than max/i;

/**
 * Every transaction from 1 to `hasta`, in id order, a page at a time. A page of transactions
 * with many entries each can exceed gRPC's 4 MB message limit: the page is then halved.
 */
export async function* recorrerTransacciones(
  bitacora: Pick<BitacoraImmudb, 'transacciones'>,
  hasta: number,
  { pagina = PAGINA_MAXIMA }: { pagina?: number } = {},
): AsyncGenerator<TxLeida> {
  let siguiente = 1;
  let limite = pagina;
  while (siguiente <= hasta) {
    let lote: TxLeida[];
    try {
      lote = await bitacora.transacciones(siguiente, Math.min(limite, hasta - siguiente + 1));
    } catch (err) {
      if (limite > 1 && err instanceof Error && MENSAJE_GRANDE.test(err.message)) {
        limite = Math.max(1, Math.floor(limite / 2));
        continue;
      }
      throw err;
    }
    if (lote.length === 0) throw new Error(`immudb no devolvió la transacción ${siguiente} (el corte es la ${hasta})`);
    for (const tx of lote) {
      if (tx.encabezado.id !== siguiente) throw new Error(`immudb devolvió la transacción ${tx.encabezado.id} en lugar de la ${siguiente}`);
      yield tx;
      siguiente++;
    }
  }
}

/**
 * Inclusion proofs for the entries an export writes in key order. A transaction of one entry
 * needs no request (its proof is empty); a bigger one is read once with txById and kept while
 * the next keys, usually written in the same batch, ask for it.
 */
export class FuentePruebas {
  private readonly recientes = new Map<number, TxLeida>();

  constructor(
    private readonly bitacora: Pick<BitacoraImmudb, 'transaccion'>,
    private readonly entradasDeTx: (txId: number) => number,
    private readonly capacidad = 8,
  ) {}

  async de(key: string, txId: number): Promise<PruebaEnPaquete> {
    if (this.entradasDeTx(txId) === 1) return { leaf: 0, width: 1, terms: [] };
    let tx = this.recientes.get(txId);
    if (!tx) {
      tx = await this.bitacora.transaccion(txId);
      this.recientes.set(txId, tx);
      if (this.recientes.size > this.capacidad) this.recientes.delete(this.recientes.keys().next().value!);
    }
    const prueba = pruebaEnTx(tx, key);
    if (!prueba) throw new Error(`la transacción ${txId} no contiene la clave ${key} que el índice de immudb le atribuye`);
    return prueba;
  }
}
