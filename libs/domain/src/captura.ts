/**
 * One captura = every field of an acta typed by one capturista (DOMAIN.md "Doble captura").
 * A field holds a count, or says why there is none: 'ilegible' or 'sin_dato'.
 */

export const ILEGIBLE = 'ilegible' as const;
export const SIN_DATO = 'sin_dato' as const;
export type ValorCampo = number | typeof ILEGIBLE | typeof SIN_DATO;
export type Captura = Record<string, ValorCampo>;

/** Five digits is the widest box on the acta form. */
export const VALOR_MAXIMO_CAMPO = 99999;

export const NO_REGISTRADAS = 'NO_REGISTRADAS';
export const NULOS = 'NULOS';

export const CAMPOS_TOTALES = [
  'TOTAL_BOLETAS_SOBRANTES',
  'TOTAL_PERSONAS_VOTARON',
  'TOTAL_REP_PARTIDO_CI_VOTARON',
  'TOTAL_VOTOS_SACADOS',
  'TOTAL_VOTOS_ASENTADO',
] as const;
export type CampoTotal = (typeof CAMPOS_TOTALES)[number];

export function isCampoTotal(campo: string): campo is CampoTotal {
  return (CAMPOS_TOTALES as readonly string[]).includes(campo);
}

/**
 * Every field a capturista types: the election's vote columns (parties, coalition combinations,
 * CAND_IND_n, NO_REGISTRADAS, NULOS, in the election's order) followed by the fixed totals.
 */
export function camposDeActa(columnasVoto: readonly string[]): string[] {
  return [...columnasVoto, ...CAMPOS_TOTALES];
}

export interface ErrorCampo {
  campo: string;
  mensaje: string;
}

export type ResultadoValidacionCaptura =
  | { ok: true; captura: Captura }
  | { ok: false; errores: ErrorCampo[] };

export function isValorCampo(v: unknown): v is ValorCampo {
  return (
    v === ILEGIBLE ||
    v === SIN_DATO ||
    (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= VALOR_MAXIMO_CAMPO)
  );
}

/** Spanish message for a bad value, or null when the value is acceptable. */
export function errorDeValor(campo: string, v: unknown): string | null {
  if (isValorCampo(v)) return null;
  if (v === undefined || v === null || v === '') {
    return `Falta el campo ${campo}: capture la cifra del acta, o márquelo como 'ilegible' o 'sin_dato'.`;
  }
  if (typeof v === 'number') {
    return `El campo ${campo} tiene ${v}: debe ser un número entero de 0 a ${VALOR_MAXIMO_CAMPO}.`;
  }
  return `El campo ${campo} tiene ${JSON.stringify(v)}: capture un número entero de 0 a ${VALOR_MAXIMO_CAMPO}, o 'ilegible' o 'sin_dato'.`;
}

function isObjetoPlano(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Full capture: every field of `campos` required, nothing else accepted.
 * The returned captura lists fields in `campos` order so equal data serialises equally.
 */
export function validarCaptura(valores: unknown, campos: readonly string[]): ResultadoValidacionCaptura {
  return validar(valores, campos, true);
}

/** Some fields only (a verificador's corrections): each given field must be known and valid. */
export function validarValoresParciales(valores: unknown, campos: readonly string[]): ResultadoValidacionCaptura {
  return validar(valores, campos, false);
}

function validar(valores: unknown, campos: readonly string[], completa: boolean): ResultadoValidacionCaptura {
  if (!isObjetoPlano(valores)) {
    return {
      ok: false,
      errores: [{ campo: '*', mensaje: 'Los valores deben enviarse como un objeto { CAMPO: valor }.' }],
    };
  }
  const errores: ErrorCampo[] = [];
  const conocidos = new Set(campos);
  for (const campo of Object.keys(valores)) {
    if (!conocidos.has(campo)) {
      errores.push({
        campo,
        mensaje: `El campo ${campo} no pertenece a esta acta; quítelo. Campos válidos: ${campos.join(', ')}.`,
      });
    }
  }
  const captura: Captura = {};
  for (const campo of campos) {
    const presente = Object.prototype.hasOwnProperty.call(valores, campo);
    if (!presente && !completa) continue;
    const v = presente ? valores[campo] : undefined;
    const error = errorDeValor(campo, v);
    if (error) errores.push({ campo, mensaje: error });
    else captura[campo] = v as ValorCampo;
  }
  return errores.length ? { ok: false, errores } : { ok: true, captura };
}

/** Fields (in `campos` order) where the two captures disagree. */
export function compararCapturas(a: Captura, b: Captura, campos: readonly string[]): string[] {
  return campos.filter((c) => a[c] !== b[c]);
}

export function formatearErroresCaptura(errores: readonly ErrorCampo[]): string {
  return errores.map((e) => e.mensaje).join(' ');
}
