import { canonico, sha256Hex } from './esquema';
import { hashValorGuardado } from './arbol-immudb';
import { ARCHIVOS } from './paquete';
import { textoInforme } from './paquete-informe';
import { aHex } from './paquete-pruebas';
import { alterar, archivos, claveGuardadaHex, clavePar, firmar, paqueteValido, pemDe, verificar, type Paquete } from './paquete-ejemplo.spec-helper';

/**
 * What ties the bundle to the state the server signed: every attack here keeps each entry
 * well formed (sha256Datos recomputed, canonical JSON, acta histories whole) and re-hashes the
 * manifest, so only the transaction chain, the inclusion proofs or the coverage can catch it.
 */

const PUBLICADA = 'acta/140123B01006/000007'; // in the batch transaction 14, with a proof of two terms
const PERSONAL = 'personal/2027-06-07T02:00:00.000Z/0f0e0d0c-aaaa';

const tx = (p: Paquete, id: number) => p.transacciones.find((t) => t.id === id)!;
const voltear = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
const noPertenece = (txId: number) => expect.stringContaining(`no pertenece a la transacción ${txId} que firmó el servidor`);

/** Re-signs the bundle's state with the same server key, as another genuine export would carry it. */
function estadoFirmado(p: Paquete, txId: number, txHash: string): void {
  const servidor = firmar(p.estado.servidor.db, txId, txHash, p.clave);
  p.estado = { ...p.estado, servidor, confiable: { db: servidor.db, txId, txHash } };
}

describe('pruebas criptográficas del paquete', () => {
  it('el ataque del probador externo: un voto publicado +100 con sha256Datos y manifiesto recalculados', async () => {
    const p = paqueteValido();
    alterar(p, PUBLICADA, (v) => {
      const datos = v.datos as { datos: Record<string, number> };
      datos.datos.PAN += 100;
      v.sha256Datos = sha256Hex(canonico(v.datos));
    });
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([{ clave: PUBLICADA, mensaje: noPertenece(14) }]);
    const texto = textoInforme(informe, '/paquete');
    expect(texto).toContain(`${PUBLICADA}: la entrada no pertenece a la transacción 14`);
    expect(texto).toContain('NO pasó la verificación');
  });

  it('una entrada movida a otra clave', async () => {
    const p = paqueteValido();
    const e = alterar(p, PERSONAL, (v) => (v.fechaHora = '2027-06-07T02:00:01.000Z'));
    e.key = 'personal/2027-06-07T02:00:01.000Z/0f0e0d0c-aaaa';
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: e.key, mensaje: noPertenece(14) }]);
  });

  it('una entrada atribuida a otra transacción', async () => {
    const p = paqueteValido();
    const e = p.entradas.find((x) => x.key === 'acta/140124B01006/000001')!;
    e.txId = 7;
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: e.key, mensaje: noPertenece(7) },
      { clave: 'tx 8', mensaje: expect.stringContaining('su entrada no está en el paquete') },
    ]);
  });

  it('un campo alterado en un encabezado rompe la cadena en la transacción siguiente o en el hash firmado', async () => {
    const p = paqueteValido();
    tx(p, 5).ts += 1;
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'tx 6', mensaje: expect.stringContaining('su prevAlh no es el Alh recalculado de la transacción 5') },
    ]);

    const q = paqueteValido();
    tx(q, 5).eH = aHex(Buffer.alloc(32, 5));
    const informe = await verificar(archivos(q));
    expect(informe.problemas).toEqual([
      { clave: 'tx 6', mensaje: expect.stringContaining('transacción 5') },
      { clave: 'acta/140123B01006/000004', mensaje: noPertenece(5) },
    ]);
    expect(informe.cadenaProbada).toBe(false);
    expect(textoInforme(informe, '/paquete')).toContain('NO quedó probada');

    const r = paqueteValido();
    tx(r, 14).blRoot = voltear(tx(r, 14).blRoot);
    expect((await verificar(archivos(r))).problemas).toEqual([{ clave: 'tx 14', mensaje: expect.stringContaining('no es el hash firmado por el servidor') }]);
  });

  it('un prevAlh alterado', async () => {
    const p = paqueteValido();
    tx(p, 7).prevAlh = voltear(tx(p, 7).prevAlh);
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'tx 7', mensaje: expect.stringContaining('su prevAlh no es el Alh recalculado de la transacción 6') },
      // Alh(7) hashes the prevAlh it carries, so the next link breaks too.
      { clave: 'tx 8', mensaje: expect.stringContaining('su prevAlh no es el Alh recalculado de la transacción 7') },
    ]);
  });

  it('un término alterado en una prueba de inclusión, o una prueba de otro ancho', async () => {
    const p = paqueteValido();
    const e = p.entradas.find((x) => x.key === PUBLICADA)!;
    expect(e.prueba.terms).toHaveLength(2);
    e.prueba.terms[1] = voltear(e.prueba.terms[1]);
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: PUBLICADA, mensaje: noPertenece(14) }]);

    const q = paqueteValido();
    q.entradas.find((x) => x.key === PUBLICADA)!.prueba.width = 4;
    expect((await verificar(archivos(q))).problemas).toEqual([
      { clave: PUBLICADA, mensaje: expect.stringContaining('la transacción 14 tiene 3 entradas') },
      { clave: 'tx 14', mensaje: expect.stringContaining('1 de sus 3 entradas no están') },
    ]);
  });

  it('una transacción quitada de transacciones.jsonl', async () => {
    const p = paqueteValido();
    p.transacciones = p.transacciones.filter((t) => t.id !== 6);
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toEqual([
      { clave: 'tx 7', mensaje: 'faltan las transacciones 6 en transacciones.jsonl' },
      { clave: 'acta/140123B01006/000005', mensaje: 'la transacción 6 no está en transacciones.jsonl' },
    ]);
    expect(informe.cadenaProbada).toBe(false);
  });

  it('un paquete cortado en otro estado firmado por el mismo servidor', async () => {
    // Headers and entries up to tx 14, with the genuine signed state of an earlier cut (tx 10).
    const p = paqueteValido();
    estadoFirmado(p, 10, tx(p, 11).prevAlh);
    const informe = await verificar(archivos(p));
    expect(informe.problemas).toContainEqual({
      clave: ARCHIVOS.transacciones,
      mensaje: expect.stringContaining('termina en la transacción 14 y el estado firmado es la 10'),
    });
    expect(informe.problemas).toContainEqual({ clave: PERSONAL, mensaje: expect.stringContaining('posterior al estado firmado') });

    // The same tx id signed over another history (a fork, or the state of another database).
    const q = paqueteValido();
    estadoFirmado(q, 14, sha256Hex('otra historia'));
    expect((await verificar(archivos(q))).problemas).toEqual([{ clave: 'tx 14', mensaje: expect.stringContaining('no es el hash firmado por el servidor') }]);

    // A later signed state: the bundle lacks the transactions after its last header.
    const r = paqueteValido();
    estadoFirmado(r, 20, sha256Hex('más adelante'));
    expect((await verificar(archivos(r))).problemas).toEqual([
      { clave: ARCHIVOS.transacciones, mensaje: expect.stringContaining('termina en la transacción 14 y el estado firmado es la 20') },
    ]);
  });

  it('un paquete rehecho entero y firmado con otra clave solo lo delata la clave pública obtenida fuera del paquete', async () => {
    // paqueteValido() signs with a fresh key and puts its PEM in estado.json: a forger's whole bundle.
    const falso = paqueteValido();
    const servidorReal = clavePar();
    const conClave = await verificar(archivos(falso), { clavePublicaPem: pemDe(servidorReal) });
    expect(conClave.problemas).toEqual([{ clave: ARCHIVOS.estado, mensaje: expect.stringContaining('no viene de ese servidor') }]);
    const sinClave = await verificar(archivos(falso));
    expect(sinClave.problemas).toEqual([]);
    expect(sinClave.avisos).toEqual([expect.stringContaining('clave pública que trae el propio paquete')]);
  });

  it('una entrada omitida del paquete se ve en la transacción que la registró', async () => {
    const p = paqueteValido();
    p.entradas = p.entradas.filter((e) => e.key !== PERSONAL);
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'tx 14', mensaje: expect.stringContaining('1 de sus 3 entradas no están en el paquete') },
    ]);
  });

  it('una entrada del acta no puede esconderse entre las otras entradas de su transacción', async () => {
    // The tail of an acta's history dropped from entradas.jsonl and declared as a foreign entry.
    const p = paqueteValido();
    const e = p.entradas.find((x) => x.key === PUBLICADA)!;
    p.entradas = p.entradas.filter((x) => x !== e);
    tx(p, 14).otras = [{ key: claveGuardadaHex(e.key), hValue: aHex(hashValorGuardado(e.value)), prueba: e.prueba }];
    expect((await verificar(archivos(p))).problemas).toEqual([
      { clave: 'tx 14', mensaje: `la entrada ${PUBLICADA} se declara fuera del paquete, pero su prefijo se exporta en ${ARCHIVOS.entradas}` },
    ]);
  });

  it('la entrada del catálogo SQL de immudb se prueba como las demás', async () => {
    const p = paqueteValido();
    tx(p, 1).otras![0].hValue = voltear(tx(p, 1).otras![0].hValue);
    expect((await verificar(archivos(p))).problemas).toEqual([{ clave: 'tx 1', mensaje: noPertenece(1) }]);
  });

  it('un encabezado ilegible o repetido no hace fallar la verificación con una excepción', async () => {
    const p = paqueteValido();
    p.transacciones.splice(3, 0, { ...tx(p, 3) });
    const f = archivos(p);
    f[ARCHIVOS.transacciones] += `{"id": "x"}\nno es json\n${JSON.stringify({ ...tx(p, 14), id: 15, nentries: 2 ** 31 })}\n`;
    const informe = await verificar(f);
    expect(informe.problemas.map((x) => x.clave)).toEqual([
      ARCHIVOS.transacciones,
      'tx 3',
      `${ARCHIVOS.transacciones} línea 16`,
      `${ARCHIVOS.transacciones} línea 17`,
      `${ARCHIVOS.transacciones} línea 18`,
      ARCHIVOS.manifiesto,
    ]);
  });
});
