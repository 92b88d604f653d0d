/** The manifiesto of a corte: what it published, at which signed bitácora state, and each file's hash. */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { esFechaIsoConZona, formaCanonicaCatalogo, type Catalogo } from '@prep/domain';

/** Name of the manifiesto inside a corte's zip. */
export const ARCHIVO_MANIFIESTO = 'manifiesto.json';

export interface ArchivoManifiesto {
  /** Name inside the corte's zip. */
  nombre: string;
  /** SHA-256 (hex, lowercase) of its bytes. */
  sha256: string;
  bytes: number;
}

export interface ManifiestoCorte {
  formato: 'prep-corte';
  version: 1;
  /** 1, 2, 3… in the order the cortes were published. */
  numero: number;
  /** ISO 8601 instant of the corte (line 2 of each CSV). */
  instante: string;
  /** The signed immudb state the corte was cut at: every entry with txId ≤ txId, and none after. */
  estadoFirmado: { db: string; txId: number; txHash: string; firma: unknown };
  /** sha256Catalogo of the catálogo in force. */
  catalogoSha256: string;
  /** Every other file of the corte (CSVs, LEEME, …). */
  archivos: ArchivoManifiesto[];
  /**
   * true for the last corte of the night, whose participación may use C_CS
   * (politica.participacionFinal); absent means false. The verifier needs it to rebuild the summary.
   */
  final?: boolean;
}

/** RFC 8785 canonical JSON: the same manifiesto is always the same bytes (and the same hash). */
export function manifiestoCorteJson(m: ManifiestoCorte): string {
  const s = canonicalize(m);
  if (s === undefined) throw new Error('El manifiesto no se puede serializar como JSON canónico.');
  return s;
}

export function sha256Hex(datos: string | Buffer): string {
  return createHash('sha256').update(datos).digest('hex');
}

/** The catálogo's hash, as libs/catalogo computes it on load (SHA-256 of formaCanonicaCatalogo). */
export function sha256Catalogo(catalogo: Catalogo): string {
  return sha256Hex(formaCanonicaCatalogo(catalogo));
}

const RE_SHA256 = /^[0-9a-f]{64}$/;
const entero = (n: unknown, min: number) => typeof n === 'number' && Number.isInteger(n) && n >= min;

/** Parses and checks a manifiesto.json; the problems (Spanish) when it is not one. */
export function leerManifiestoCorte(texto: string | Buffer): { ok: true; manifiesto: ManifiestoCorte } | { ok: false; errores: string[] } {
  let m: Record<string, unknown>;
  try {
    const v: unknown = JSON.parse(Buffer.isBuffer(texto) ? texto.toString('utf8') : texto);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, errores: [`${ARCHIVO_MANIFIESTO} debe ser un objeto JSON.`] };
    m = v as Record<string, unknown>;
  } catch (e) {
    return { ok: false, errores: [`${ARCHIVO_MANIFIESTO} no es JSON válido: ${(e as Error).message}`] };
  }
  const errores: string[] = [];
  if (m.formato !== 'prep-corte') errores.push(`formato debe ser 'prep-corte' (se recibió ${JSON.stringify(m.formato)}).`);
  if (m.version !== 1) errores.push(`version debe ser 1 (se recibió ${JSON.stringify(m.version)}): actualice el verificador.`);
  if (!entero(m.numero, 1)) errores.push('numero debe ser un entero ≥ 1.');
  if (!esFechaIsoConZona(m.instante)) errores.push('instante debe ser una fecha ISO 8601 con zona.');
  const ef = m.estadoFirmado as Record<string, unknown> | undefined;
  if (typeof ef !== 'object' || ef === null) errores.push('falta estadoFirmado.');
  else {
    if (typeof ef.db !== 'string' || !ef.db) errores.push('estadoFirmado.db debe ser el nombre de la base de immudb.');
    if (!entero(ef.txId, 0)) errores.push('estadoFirmado.txId debe ser un entero ≥ 0.');
    if (typeof ef.txHash !== 'string') errores.push('estadoFirmado.txHash debe ser texto.');
  }
  if (typeof m.catalogoSha256 !== 'string' || !RE_SHA256.test(m.catalogoSha256)) errores.push('catalogoSha256 debe ser un SHA-256 en hexadecimal minúsculo.');
  if (m.final !== undefined && typeof m.final !== 'boolean') errores.push('final debe ser true o false.');
  if (!Array.isArray(m.archivos)) errores.push('archivos debe ser una lista.');
  else {
    const nombres = new Set<string>();
    m.archivos.forEach((a: unknown, i: number) => {
      const x = a as Record<string, unknown>;
      if (typeof x !== 'object' || x === null || typeof x.nombre !== 'string' || !x.nombre) errores.push(`archivos[${i}] no tiene nombre.`);
      else if (nombres.has(x.nombre) || x.nombre === ARCHIVO_MANIFIESTO) errores.push(`archivos[${i}]: ${x.nombre} está repetido.`);
      else nombres.add(x.nombre);
      if (typeof x?.sha256 !== 'string' || !RE_SHA256.test(x.sha256)) errores.push(`archivos[${i}].sha256 debe ser un SHA-256 en hexadecimal minúsculo.`);
      if (!entero(x?.bytes, 0)) errores.push(`archivos[${i}].bytes debe ser un entero ≥ 0.`);
    });
  }
  return errores.length ? { ok: false, errores } : { ok: true, manifiesto: m as unknown as ManifiestoCorte };
}
