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

/**
 * A field name: the catálogo's column names and the totals. The length bound is what the API
 * accepts as a key of `valores`, so a hostile key can never be longer than this.
 */
export const CAMPO_MAX_CARACTERES = 64;
export const RE_CAMPO = /^[A-Z0-9_]{1,64}$/;

/**
 * Most fields one acta may have (vote columns + totals). The largest real elections have a few
 * dozen columns once every coalition combination is listed; 200 leaves ample room, and bounds
 * what a request, a refusal and the workflow's state can hold.
 */
export const MAX_CAMPOS_ACTA = 200;

/** Per-field errors listed in one refusal; the rest are only counted, so a refusal stays small. */
export const MAX_ERRORES_LISTADOS = 20;

/** Longest example of user input echoed back in a message. */
const MAX_ECO = 32;

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
  /** `errores` holds at most MAX_ERRORES_LISTADOS entries; `totalErrores` counts them all. */
  | { ok: false; errores: ErrorCampo[]; totalErrores: number };

/** User input shown inside a message: JSON-quoted and cut, so a hostile value cannot grow the answer. */
export function eco(v: unknown, max = MAX_ECO): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}

/** "A, B, C y 7 más": a list of names bounded to `max` of them. */
function listaAcotada(nombres: readonly string[], max: number): string {
  if (nombres.length <= max) return nombres.join(', ');
  return `${nombres.slice(0, max).join(', ')} y ${nombres.length - max} más`;
}

export function isValorCampo(v: unknown): v is ValorCampo {
  return v === ILEGIBLE || v === SIN_DATO || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= VALOR_MAXIMO_CAMPO);
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
  return `El campo ${campo} tiene ${eco(v)}: capture un número entero de 0 a ${VALOR_MAXIMO_CAMPO}, o 'ilegible' o 'sin_dato'.`;
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
      totalErrores: 1,
    };
  }
  const errores: ErrorCampo[] = [];
  const conocidos = new Set(campos);
  const desconocidos = Object.keys(valores).filter((campo) => !conocidos.has(campo));
  if (desconocidos.length) errores.push(errorDesconocidos(desconocidos, campos));
  const captura: Captura = {};
  for (const campo of campos) {
    const presente = Object.prototype.hasOwnProperty.call(valores, campo);
    if (!presente && !completa) continue;
    const v = presente ? valores[campo] : undefined;
    const error = errorDeValor(campo, v);
    if (error) errores.push({ campo, mensaje: error });
    else captura[campo] = v as ValorCampo;
  }
  if (!errores.length) return { ok: true, captura };
  return { ok: false, errores: errores.slice(0, MAX_ERRORES_LISTADOS), totalErrores: errores.length };
}

/**
 * Every unknown field in ONE error: a count, a few example names (cut) and the acta's fields once.
 * Listing each unknown field, or the valid fields per error, let a 60 KB request grow a refusal
 * to megabytes.
 */
function errorDesconocidos(desconocidos: readonly string[], campos: readonly string[]): ErrorCampo {
  const ejemplos = desconocidos
    .slice(0, 3)
    .map((c) => eco(c))
    .join(', ');
  const validos = `Campos de esta acta: ${listaAcotada(campos, 60)}.`;
  const campo = desconocidos[0].slice(0, CAMPO_MAX_CARACTERES);
  if (desconocidos.length === 1) {
    return { campo, mensaje: `El campo ${ejemplos} no pertenece a esta acta; quítelo. ${validos}` };
  }
  return {
    campo,
    mensaje: `${desconocidos.length} campos no pertenecen a esta acta (p. ej. ${ejemplos}); quítelos. ${validos}`,
  };
}

/**
 * The shape any `valores` must have, whatever the acta (checked by the API before the workflow sees
 * it): a plain object of at most MAX_CAMPOS_ACTA well-formed field names, each with a valid value.
 * Whether the fields belong to the acta is the workflow's check. null when the shape is right.
 */
export function errorDeFormaValores(valores: unknown): string | null {
  if (!isObjetoPlano(valores)) return 'valores debe ser un objeto { CAMPO: valor }.';
  const claves = Object.keys(valores);
  if (claves.length > MAX_CAMPOS_ACTA) {
    return `valores trae ${claves.length} campos y un acta tiene a lo más ${MAX_CAMPOS_ACTA}: envíe solo los campos del acta.`;
  }
  const malNombrados = claves.filter((c) => !RE_CAMPO.test(c));
  if (malNombrados.length) {
    const ejemplos = malNombrados
      .slice(0, 3)
      .map((c) => eco(c))
      .join(', ');
    return `${malNombrados.length} nombre(s) de campo no válidos (p. ej. ${ejemplos}): use los nombres del acta, en mayúsculas, dígitos y guion bajo, de 1 a ${CAMPO_MAX_CARACTERES} caracteres.`;
  }
  const malos = claves.filter((c) => !isValorCampo(valores[c]));
  if (malos.length) {
    const otros = malos.length > 1 ? ` Hay ${malos.length - 1} campo(s) más con valores no válidos.` : '';
    return `${errorDeValor(malos[0], valores[malos[0]])}${otros}`;
  }
  return null;
}

/** Fields (in `campos` order) where the two captures disagree. */
export function compararCapturas(a: Captura, b: Captura, campos: readonly string[]): string[] {
  return campos.filter((c) => a[c] !== b[c]);
}

/** One Spanish text for a refusal; says how many more errors there are when the list was cut. */
export function formatearErroresCaptura(errores: readonly ErrorCampo[], totalErrores = errores.length): string {
  const texto = errores.map((e) => e.mensaje).join(' ');
  const resto = totalErrores - errores.length;
  return resto > 0 ? `${texto} Hay ${resto} error(es) más: corrija estos y envíe de nuevo.` : texto;
}
