import type { BitacoraImmudb } from './bitacora-immudb';
import { leerAccionPersonal, PREFIJO_PERSONAL, type AccionPersonalEnBitacora, type TipoAccionPersonal } from './esquema';
import { recorrerPrefijo } from './recorrido';

export interface AccionPersonalLeida {
  key: string;
  txId: number;
  accion: AccionPersonalEnBitacora;
}

/**
 * The staff actions of the given kinds, in key (time) order, as of the cut `sinceTx`, each one
 * re-read with an inclusion proof (verifiedGet) and re-checked (schema, data hash, key). The scan
 * reads every `personal/` entry; only the few of the wanted kinds are parsed and proven.
 * Throws BitacoraNoVerificableError when a proof fails, and Error when an entry is malformed or
 * the proven value differs from the scanned one.
 */
export async function accionesPersonalesProbadas(
  bitacora: BitacoraImmudb,
  tipos: readonly TipoAccionPersonal[],
  { sinceTx }: { sinceTx: number },
): Promise<AccionPersonalLeida[]> {
  // Canonical JSON writes `"tipo":"X"` exactly so: a cheap filter before parsing thousands of logins.
  const marcas = tipos.map((t) => `"tipo":"${t}"`);
  const leidas: AccionPersonalLeida[] = [];
  for await (const e of recorrerPrefijo(bitacora, PREFIJO_PERSONAL, { sinceTx })) {
    if (!marcas.some((m) => e.value.includes(m))) continue;
    const probada = await bitacora.verifiedGet(e.key);
    if (!probada || probada.value !== e.value) throw new Error(`${e.key}: el valor probado no coincide con el leído`);
    const accion = leerAccionPersonal(e.key, probada.value);
    if (tipos.includes(accion.tipo)) leidas.push({ key: e.key, txId: probada.txId, accion });
  }
  return leidas;
}
