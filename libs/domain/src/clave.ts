/**
 * CLAVE_CASILLA and CLAVE_ACTA (DOMAIN.md "Published CSV"):
 *   CLAVE_CASILLA = entidad(2) + sección(4) + tipo casilla(1) + id casilla(2) + ext contigua(2) → 11 chars
 *   CLAVE_ACTA    = CLAVE_CASILLA + tipo de acta (1–2 digits)
 * Here the checks are structural only; whether the casilla exists is the catálogo's business.
 */
import { DomainError, rechazo } from './errores';

export const TIPOS_CASILLA = ['B', 'C', 'E', 'S'] as const;
export type TipoCasilla = (typeof TIPOS_CASILLA)[number];

export interface PartesClaveCasilla {
  /** 1–32 */
  entidad: number;
  /** 1–9999 */
  seccion: number;
  tipo: TipoCasilla;
  /** 1–99 */
  idCasilla: number;
  /** 0–99 */
  extContigua: number;
}

export interface PartesClaveActa extends PartesClaveCasilla {
  /** Digits without leading zero ('4', '12'): one spelling per election keeps claves unique. */
  tipoActa: string;
}

export const LONGITUD_CLAVE_CASILLA = 11;

const RE_CLAVE_CASILLA = /^(\d{2})(\d{4})([BCES])(\d{2})(\d{2})$/;
/** CLAVE_ACTA format, exported so input validators at the edge use this very pattern. */
export const RE_CLAVE_ACTA = /^(\d{2})(\d{4})([BCES])(\d{2})(\d{2})([1-9]\d?)$/;
const RE_TIPO_ACTA = /^[1-9]\d?$/;

export function isTipoCasilla(x: unknown): x is TipoCasilla {
  return typeof x === 'string' && (TIPOS_CASILLA as readonly string[]).includes(x);
}

export function isTipoActa(x: unknown): x is string {
  return typeof x === 'string' && RE_TIPO_ACTA.test(x);
}

/** Format only (no range checks): cheap enough for routing and guards. */
export function isClaveActa(s: unknown): s is string {
  return typeof s === 'string' && RE_CLAVE_ACTA.test(s);
}

export function isClaveCasilla(s: unknown): s is string {
  return typeof s === 'string' && RE_CLAVE_CASILLA.test(s);
}

function enRango(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/** Spanish errors for each wrong part; empty when the parts make a valid clave. */
export function validarPartesClaveCasilla(p: Partial<PartesClaveCasilla>): string[] {
  const errores: string[] = [];
  if (!enRango(p.entidad, 1, 32)) errores.push(`La entidad debe ser un número entero de 1 a 32 (se recibió ${String(p.entidad)}).`);
  if (!enRango(p.seccion, 1, 9999)) errores.push(`La sección debe ser un número entero de 1 a 9999 (se recibió ${String(p.seccion)}).`);
  if (!isTipoCasilla(p.tipo)) errores.push(`El tipo de casilla debe ser B, C, E o S (se recibió ${String(p.tipo)}).`);
  if (!enRango(p.idCasilla, 1, 99)) errores.push(`El id de casilla debe ser un número entero de 1 a 99 (se recibió ${String(p.idCasilla)}).`);
  if (!enRango(p.extContigua, 0, 99)) errores.push(`La extensión contigua debe ser un número entero de 0 a 99 (se recibió ${String(p.extContigua)}).`);
  return errores;
}

export function validarClaveCasilla(s: unknown): string[] {
  if (typeof s !== 'string' || !RE_CLAVE_CASILLA.test(s)) {
    return [
      `La clave de casilla ${JSON.stringify(s)} no tiene el formato esperado: 11 caracteres = entidad (2 dígitos), sección (4), tipo de casilla (B, C, E o S), id de casilla (2) y extensión contigua (2), p. ej. '140123B0100'; revise que no falten ceros a la izquierda.`,
    ];
  }
  return validarPartesClaveCasilla(partesSinValidar(s));
}

export function validarClaveActa(s: unknown): string[] {
  if (typeof s !== 'string' || !RE_CLAVE_ACTA.test(s)) {
    return [
      `La clave de acta ${JSON.stringify(s)} no tiene el formato esperado: clave de casilla de 11 caracteres (entidad 2 dígitos, sección 4, tipo B/C/E/S, id casilla 2, extensión contigua 2) seguida del tipo de acta (1 o 2 dígitos, sin cero a la izquierda).`,
    ];
  }
  return validarClaveCasilla(s.slice(0, LONGITUD_CLAVE_CASILLA));
}

function partesSinValidar(s: string): PartesClaveCasilla {
  return {
    entidad: Number(s.slice(0, 2)),
    seccion: Number(s.slice(2, 6)),
    tipo: s[6] as TipoCasilla,
    idCasilla: Number(s.slice(7, 9)),
    extContigua: Number(s.slice(9, 11)),
  };
}

function fallar(errores: string[]): never {
  throw new DomainError(rechazo('CLAVE_INVALIDA', errores.join(' '), 422));
}

/** Throws DomainError('CLAVE_INVALIDA', 422) naming every wrong part. */
export function buildClaveCasilla(p: PartesClaveCasilla): string {
  const errores = validarPartesClaveCasilla(p);
  if (errores.length) fallar(errores);
  return (
    String(p.entidad).padStart(2, '0') +
    String(p.seccion).padStart(4, '0') +
    p.tipo +
    String(p.idCasilla).padStart(2, '0') +
    String(p.extContigua).padStart(2, '0')
  );
}

export function buildClaveActa(p: PartesClaveActa): string;
export function buildClaveActa(claveCasilla: string, tipoActa: string): string;
export function buildClaveActa(a: PartesClaveActa | string, tipoActa?: string): string {
  const claveCasilla = typeof a === 'string' ? a : buildClaveCasilla(a);
  const tipo = typeof a === 'string' ? tipoActa : a.tipoActa;
  const errores = typeof a === 'string' ? validarClaveCasilla(claveCasilla) : [];
  if (!isTipoActa(tipo)) errores.push(`El tipo de acta debe tener 1 o 2 dígitos sin cero a la izquierda (se recibió ${JSON.stringify(tipo)}).`);
  if (errores.length) fallar(errores);
  return claveCasilla + tipo;
}

export function parseClaveCasilla(s: string): PartesClaveCasilla {
  const errores = validarClaveCasilla(s);
  if (errores.length) fallar(errores);
  return partesSinValidar(s);
}

export function parseClaveActa(s: string): PartesClaveActa & { claveCasilla: string } {
  const errores = validarClaveActa(s);
  if (errores.length) fallar(errores);
  const claveCasilla = s.slice(0, LONGITUD_CLAVE_CASILLA);
  return { ...partesSinValidar(claveCasilla), tipoActa: s.slice(LONGITUD_CLAVE_CASILLA), claveCasilla };
}

export function claveCasillaDeActa(claveActa: string): string {
  return parseClaveActa(claveActa).claveCasilla;
}
