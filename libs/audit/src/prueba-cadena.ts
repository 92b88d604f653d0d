import { ALH_INICIAL, ArbolTx, PREFIJO_CLAVE, alhDe, digestoEntradaGuardada, hashValorGuardado } from './arbol-immudb';
import { BitacoraNoVerificableError, type BitacoraImmudb, type EntradaLeida, type TrustedState } from './bitacora-immudb';
import { recorrerTransacciones } from './recorrido';

/** The finding of a listed value that is not the proven one, in either way of proving (the report does not depend on it). */
export const valorNoCoincide = (key: string) => `${key}: el valor listado no coincide con la lectura verificada`;

/** Why an entry could not be proven; the detail names the key, as the full check reports it. */
export interface EntradaNoProbada {
  entrada: EntradaLeida;
  detalle: string;
}

export interface ResultadoPruebaCadena {
  /** Entries checked (proven or not). */
  probadas: number;
  /** In key order, so the report does not depend on the order transactions arrived. */
  noProbadas: EntradaNoProbada[];
  transacciones: number;
}

/**
 * Proves many entries at once against a trusted state (one the client reached through immudb's
 * own dual proofs). Every transaction from 1 to the state's txId is listed, its entries must give
 * its header's eH, and its Alh is recomputed and chained, so the last one must be the trusted
 * txHash. Each entry (key, value, txId) as the scan gave it must then be one of its transaction's
 * leaves, with the same value hash. That is what immudb's per-entry proof establishes (inclusion
 * in a transaction, that transaction in the history the client trusts), for every entry, at the
 * cost of one pass over the transactions: a verifiedGet per entry decodes the entry's whole
 * transaction each time and the server builds every proof under one lock per database.
 *
 * A broken chain or a listing that does not hash to its header is the server's history not being
 * the trusted one: BitacoraNoVerificableError, as a failed per-entry proof. An entry that is not
 * in its transaction, or whose key was written again later, is reported and the rest go on.
 */
export async function probarContraCadena(
  bitacora: Pick<BitacoraImmudb, 'transacciones'>,
  entradas: readonly EntradaLeida[],
  confiable: TrustedState,
  progreso?: (transacciones: number, total: number) => void,
): Promise<ResultadoPruebaCadena> {
  const porClave = new Map<string, EntradaLeida>();
  for (const e of entradas) porClave.set(e.key, e);
  const probadas = new Set<string>();
  const noProbadas = new Map<string, string>();
  const fallo = (operacion: string, detalle: string) => new BitacoraNoVerificableError(operacion, detalle);

  let alh: Buffer = ALH_INICIAL;
  let transacciones = 0;
  for await (const { encabezado: h, entradas: hojas } of recorrerTransacciones(bitacora, confiable.txId)) {
    if (!h.prevAlh.equals(alh)) {
      throw fallo('la cadena de transacciones', `el prevAlh de la transacción ${h.id} no es el Alh recalculado de la ${h.id - 1}`);
    }
    if (hojas.length !== h.nentries || !new ArbolTx(hojas.map((x) => digestoEntradaGuardada(x.key, x.hValue))).raiz.equals(h.eH)) {
      throw fallo('la cadena de transacciones', `las entradas que el servidor lista en la transacción ${h.id} no dan el eH de su encabezado`);
    }
    alh = alhDe(h);
    for (const hoja of hojas) {
      if (hoja.key[0] !== PREFIJO_CLAVE) continue;
      const e = porClave.get(hoja.key.subarray(1).toString('utf8'));
      if (!e) continue;
      if (e.txId === h.id) {
        if (hoja.hValue.equals(hashValorGuardado(e.value))) probadas.add(e.key);
        else noProbadas.set(e.key, valorNoCoincide(e.key));
      } else if (e.txId < h.id) {
        // The scan gave an older value than the key holds now (a verifiedGet would read this one).
        probadas.delete(e.key);
        noProbadas.set(e.key, `${e.key}: el valor listado es el de la transacción ${e.txId} y la clave se escribió de nuevo en la ${h.id}`);
      }
    }
    if (++transacciones % 50_000 === 0) progreso?.(transacciones, confiable.txId);
  }
  if (transacciones !== confiable.txId || !alh.equals(Buffer.from(confiable.txHash, 'hex'))) {
    throw fallo('la cadena de transacciones', `el Alh recalculado de la transacción ${transacciones} no es el del estado confiable (tx ${confiable.txId})`);
  }
  for (const e of entradas) {
    if (!probadas.has(e.key) && !noProbadas.has(e.key)) {
      noProbadas.set(e.key, `${e.key}: la transacción ${e.txId} del estado confiable no contiene la entrada listada`);
    }
  }
  const ordenadas = [...noProbadas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    probadas: entradas.length,
    noProbadas: ordenadas.map(([key, detalle]) => ({ entrada: porClave.get(key)!, detalle })),
    transacciones,
  };
}
