import { VERSION_ESQUEMA, claveActaDeLlave, sha256Hex, type EventoActaEnBitacora } from './esquema';
import type { EstadoFirmado, ResultadoFirma } from './firma';
import type { TrustedState } from './bitacora-immudb';

/**
 * The offline audit bundle ("paquete de auditoría"): what `npm run auditoria -- exportar`
 * writes and what `verificar` checks without any access to the database or the server.
 * This file is pure (no file system, no network) so every check can be unit-tested; the
 * CLI in scripts/auditoria.ts does the I/O.
 *
 * What the offline check proves (version 2): the server signed the state the bundle was cut
 * at; the header of every transaction from 1 to that state chains, Alh by Alh, to the signed
 * hash; every entry, with its key, value and txId, is a leaf of its transaction's tree
 * (inclusion proof against the header's eH); and every leaf of every transaction is accounted
 * for, so no acta/ or personal/ entry of that history is missing from the bundle. On top of
 * that, each value is well formed and hashes to itself, each acta's history is complete and
 * ordered, and images match their integrity codes. What it cannot prove alone: that the public
 * key is the server's (it must come from another channel), and that the images in imagenes.jsonl
 * were hashed from the files the exporter says (the auditor rehashes the files themselves).
 */
export const VERSION_PAQUETE = 2;

export const ARCHIVOS = {
  transacciones: 'transacciones.jsonl',
  entradas: 'entradas.jsonl',
  imagenes: 'imagenes.jsonl',
  estado: 'estado.json',
  leeme: 'LEEME.txt',
  manifiesto: 'manifiesto.json',
} as const;

/** The manifest hashes every file of the bundle except itself. */
export const ARCHIVOS_CON_HUELLA = [ARCHIVOS.transacciones, ARCHIVOS.entradas, ARCHIVOS.imagenes, ARCHIVOS.estado, ARCHIVOS.leeme] as const;

/** Bitácora prefixes the bundle carries: acta histories and staff (personal) records. */
export const PREFIJOS_EXPORTADOS = ['acta/', 'personal/'] as const;

// ─── File formats ─────────────────────────────────────────────────────────────────────────────

/** An inclusion proof as the bundle writes it: immudb's InclusionProof, terms in hex, leaf up. */
export interface PruebaEnPaquete {
  leaf: number;
  width: number;
  terms: string[];
}

/**
 * One line of entradas.jsonl: the entry exactly as immudb holds it (value = canonical JSON
 * text) and its inclusion proof in transaction txId.
 */
export interface LineaEntrada {
  key: string;
  value: string;
  txId: number;
  prueba: PruebaEnPaquete;
}

/**
 * An entry of a transaction that entradas.jsonl does not carry (not under acta/ or personal/,
 * e.g. the SQL catalogue entry immudb writes when it creates the database): its stored key
 * and the hash of its stored value, in hex, with its proof, so every leaf is accounted for.
 */
export interface OtraEntradaTx {
  key: string;
  hValue: string;
  prueba: PruebaEnPaquete;
}

/**
 * One line of transacciones.jsonl: the header (immudb 1.1.0 TxMetadata) of every transaction
 * from 1 to the signed one, in order; hashes in hex. `otras` only when there are any.
 */
export interface LineaTransaccion {
  id: number;
  prevAlh: string;
  ts: number;
  nentries: number;
  eH: string;
  blTxId: number;
  blRoot: string;
  otras?: OtraEntradaTx[];
}

/** One line of imagenes.jsonl. */
export interface LineaImagen {
  /** Bitácora key of the IMAGEN_DIGITALIZADA entry. */
  key: string;
  claveActa: string;
  /** CODIGO_INTEGRIDAD as written in the bitácora. */
  sha256Bitacora: string;
  ruta: string;
  /** SHA-256 recomputed from the stored file at export time; null when the file was missing. */
  sha256Archivo: string | null;
}

export interface EstadoExportado {
  /** The server's signed state the bundle was cut at: every entry has txId ≤ servidor.txId. */
  servidor: EstadoFirmado;
  /** The exporting client's trusted state after proving servidor.txId against its previous one. */
  confiable: TrustedState | null;
  consistencia: { verificada: boolean; detalle: string | null };
  /** The public key the operator says the server signs with (PEM), if configured. */
  clavePublicaEsperadaPem: string | null;
  /** verificarFirmaEstado(servidor, clavePublicaEsperadaPem) at export time. */
  firma: ResultadoFirma;
}

export interface HuellaArchivo {
  sha256: string;
  bytes: number;
}

export interface ConteosPaquete {
  transacciones: number;
  entradas: number;
  actas: number;
  imagenes: number;
  imagenesFaltantes: number;
  imagenesDistintas: number;
}

export interface Manifiesto {
  formato: 'prep-paquete-auditoria';
  versionPaquete: typeof VERSION_PAQUETE;
  esquemaBitacora: typeof VERSION_ESQUEMA;
  exportadoEn: string;
  baseDeDatos: string;
  prefijos: string[];
  conteos: ConteosPaquete;
  archivos: Record<string, HuellaArchivo>;
}

/** JSON Lines: one object per line, each line ends with \n (so files concatenate and stream). */
export function lineaJsonl(valor: unknown): string {
  return `${JSON.stringify(valor)}\n`;
}

export function huellaDeContenido(contenido: string | Buffer): HuellaArchivo {
  const buf = typeof contenido === 'string' ? Buffer.from(contenido, 'utf8') : contenido;
  return { sha256: sha256Hex(buf), bytes: buf.length };
}

export function construirManifiesto(p: {
  exportadoEn: string;
  baseDeDatos: string;
  conteos: ConteosPaquete;
  archivos: Record<string, HuellaArchivo>;
}): Manifiesto {
  for (const nombre of ARCHIVOS_CON_HUELLA) {
    if (!p.archivos[nombre]) throw new Error(`falta la huella de ${nombre} para el manifiesto`);
  }
  return {
    formato: 'prep-paquete-auditoria',
    versionPaquete: VERSION_PAQUETE,
    esquemaBitacora: VERSION_ESQUEMA,
    exportadoEn: p.exportadoEn,
    baseDeDatos: p.baseDeDatos,
    prefijos: [...PREFIJOS_EXPORTADOS],
    conteos: p.conteos,
    // Fixed order, so two exports of the same bitácora produce the same manifest apart from the time.
    archivos: Object.fromEntries(ARCHIVOS_CON_HUELLA.map((n) => [n, p.archivos[n]])),
  };
}

/**
 * The image an IMAGEN_DIGITALIZADA entry declares, or null for any other entry. Tolerant on
 * purpose: the exporter lists what the bitácora says even for a malformed entry; judging the
 * entry is the verifier's job.
 */
export function imagenDeclarada(entrada: Pick<LineaEntrada, 'key' | 'value'>): Omit<LineaImagen, 'sha256Archivo'> | null {
  if (!entrada.key.startsWith('acta/')) return null;
  let e: Partial<EventoActaEnBitacora>;
  try {
    e = JSON.parse(entrada.value);
  } catch {
    return null;
  }
  if (e?.tipo !== 'IMAGEN_DIGITALIZADA') return null;
  const datos = (e.datos ?? {}) as { sha256?: unknown; ruta?: unknown };
  return {
    key: entrada.key,
    claveActa: String(e.claveActa ?? claveActaDeLlave(entrada.key) ?? ''),
    sha256Bitacora: typeof datos.sha256 === 'string' ? datos.sha256 : '',
    ruta: typeof datos.ruta === 'string' ? datos.ruta : '',
  };
}

// ─── Verification ─────────────────────────────────────────────────────────────────────────────
