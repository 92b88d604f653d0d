import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventoActa } from '@prep/domain';

/**
 * Bitácora entry format, version 1 (documented in README "Bitácora format (immudb), version 1").
 *
 * Key:   `acta/<CLAVE_ACTA>/<secuencia, 6 digits>` — deterministic, so a retried
 *        append finds the entry it already wrote instead of writing it twice.
 * Value: RFC 8785 canonical JSON of
 *        { esquema: 1, tipo, claveActa, secuencia, faseAnterior, faseNueva,
 *          usuario, fechaHora, datos, sha256Datos }
 *        where sha256Datos = SHA-256 (hex) of the canonical JSON of `datos`.
 * Anyone can recompute both hashes from the value alone.
 */
export const VERSION_ESQUEMA = 1;

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonico(valor: unknown): string {
  const s = canonicalize(valor);
  if (s === undefined) throw new Error('valor no serializable en JSON canónico');
  return s;
}

export function claveEventoActa(claveActa: string, secuencia: number): string {
  if (!Number.isInteger(secuencia) || secuencia < 1 || secuencia > 999_999) throw new Error(`secuencia fuera de rango: ${secuencia}`);
  return `acta/${claveActa}/${String(secuencia).padStart(6, '0')}`;
}

export const prefijoEventosActa = (claveActa: string) => `acta/${claveActa}/`;

/** The inverse of claveEventoActa: `acta/<CLAVE>/<secuencia>` → its parts; null for any other key. */
export function leerClaveEventoActa(key: string): { claveActa: string; secuencia: number } | null {
  const m = /^acta\/([^/]+)\/(\d{6})$/.exec(key);
  return m ? { claveActa: m[1], secuencia: Number(m[2]) } : null;
}

/** `acta/<CLAVE>/<secuencia>` → CLAVE; null for any other key. */
export function claveActaDeLlave(key: string): string | null {
  return leerClaveEventoActa(key)?.claveActa ?? null;
}

export interface EntradaBitacora {
  key: string;
  value: string;
}

export interface EventoActaEnBitacora {
  esquema: typeof VERSION_ESQUEMA;
  tipo: EventoActa['tipo'];
  claveActa: string;
  secuencia: number;
  faseAnterior: string | null;
  faseNueva: string;
  usuario: string;
  fechaHora: string;
  datos: unknown;
  sha256Datos: string;
}

export function entradaEventoActa(evento: EventoActa): EntradaBitacora {
  const cuerpo: EventoActaEnBitacora = {
    esquema: VERSION_ESQUEMA,
    tipo: evento.tipo,
    claveActa: evento.claveActa,
    secuencia: evento.secuencia,
    faseAnterior: evento.faseAnterior,
    faseNueva: evento.faseNueva,
    usuario: evento.usuario,
    fechaHora: evento.fechaHora,
    datos: evento.datos,
    sha256Datos: sha256Hex(canonico(evento.datos)),
  };
  return { key: claveEventoActa(evento.claveActa, evento.secuencia), value: canonico(cuerpo) };
}

/** Parses and re-checks an entry read back from the bitácora (its own data hash included). */
export function leerEventoActa(value: string): EventoActaEnBitacora {
  const e = JSON.parse(value) as EventoActaEnBitacora;
  if (e.esquema !== VERSION_ESQUEMA) throw new Error(`esquema de bitácora desconocido: ${String(e.esquema)}`);
  if (sha256Hex(canonico(e.datos)) !== e.sha256Datos) throw new Error(`sha256Datos no coincide en ${e.claveActa}#${e.secuencia}`);
  return e;
}

/**
 * Staff actions outside an acta's workflow (logins, task claims, catálogo loads,
 * operation close, accounts). Key: `personal/<fechaHora ISO>/<id>` so a prefix scan
 * lists them in time order; value: canonical JSON like acta entries.
 */
export type TipoAccionPersonal =
  | 'SESION_INICIADA'
  | 'SESION_FALLIDA'
  | 'TAREA_TOMADA'
  | 'TAREA_LIBERADA'
  | 'TAREA_EXPIRADA'
  | 'CATALOGO_CARGADO'
  | 'OPERACION_CERRADA'
  | 'ACTA_REINICIADA'
  | 'USUARIO_CREADO'
  | 'USUARIO_DESACTIVADO'
  | 'PROCESO_INICIADO'
  | 'PUESTA_EN_CEROS'
  | 'PUBLICACION_ABIERTA'
  | 'PUBLICACION_CERRADA'
  | 'CORTE_PUBLICADO'
  | 'CORTE_DETENIDO';

export interface AccionPersonal {
  id: string;
  tipo: TipoAccionPersonal;
  usuario: string;
  fechaHora: string;
  datos: Record<string, unknown>;
}

export const PREFIJO_PERSONAL = 'personal/';

export function entradaAccionPersonal(a: AccionPersonal): EntradaBitacora {
  if (!/^[0-9a-zA-Z-]{8,64}$/.test(a.id)) throw new Error(`id de acción no válido: ${a.id}`);
  const cuerpo = {
    esquema: VERSION_ESQUEMA,
    tipo: a.tipo,
    id: a.id,
    usuario: a.usuario,
    fechaHora: a.fechaHora,
    datos: a.datos,
    sha256Datos: sha256Hex(canonico(a.datos)),
  };
  return { key: `${PREFIJO_PERSONAL}${a.fechaHora}/${a.id}`, value: canonico(cuerpo) };
}

export interface AccionPersonalEnBitacora extends AccionPersonal {
  esquema: typeof VERSION_ESQUEMA;
  sha256Datos: string;
}

/** Parses and re-checks a staff action read back from the bitácora: schema, data hash and key. */
export function leerAccionPersonal(key: string, value: string): AccionPersonalEnBitacora {
  const a = JSON.parse(value) as AccionPersonalEnBitacora;
  if (a === null || typeof a !== 'object') throw new Error(`${key}: la entrada no es un objeto`);
  if (a.esquema !== VERSION_ESQUEMA) throw new Error(`${key}: esquema de bitácora desconocido: ${String(a.esquema)}`);
  if (sha256Hex(canonico(a.datos)) !== a.sha256Datos) throw new Error(`${key}: sha256Datos no coincide con datos`);
  if (key !== `${PREFIJO_PERSONAL}${a.fechaHora}/${a.id}`) throw new Error(`${key}: la clave no corresponde al contenido`);
  return a;
}
