/**
 * Idempotency-Key rules of staff actions (IETF draft "The Idempotency-Key HTTP Header Field"):
 * what a valid key is, what a repeated key means, and which answers are kept for replay.
 * Pure: the API stores and looks up; these functions decide.
 */

/** The request header every staff POST carries (HTTP header names are case-insensitive). */
export const CABECERA_IDEMPOTENCIA = 'Idempotency-Key';
/** Set on an answer that was replayed from the first request instead of executed again. */
export const CABECERA_REPETIDA = 'Idempotency-Replayed';

/**
 * 8–128 characters of [A-Za-z0-9_-]: a UUID (with its dashes), a ULID or any random token fits.
 * Short keys would let a client's two actions collide by chance; other characters invite
 * quoting and encoding mistakes between clients.
 */
export const RE_CLAVE_IDEMPOTENCIA = /^[A-Za-z0-9_-]{8,128}$/;

export const MENSAJE_CLAVE_FALTANTE =
  'Falta el encabezado Idempotency-Key: envíe en cada POST una clave nueva por acción (por ejemplo un UUID) y la misma clave si reintenta esa acción.';
export const MENSAJE_CLAVE_INVALIDA =
  'El encabezado Idempotency-Key no es válido: use de 8 a 128 caracteres entre letras, dígitos, guion y guion bajo (por ejemplo un UUID).';

/** null when the header holds a valid key; otherwise the Spanish message saying what to send. */
export function rechazoClaveIdempotencia(valor: string | string[] | undefined): string | null {
  if (valor === undefined || valor === '') return MENSAJE_CLAVE_FALTANTE;
  if (Array.isArray(valor) || !RE_CLAVE_IDEMPOTENCIA.test(valor)) return MENSAJE_CLAVE_INVALIDA;
  return null;
}

/** What a request is, for comparing a retry with the first request of its key. */
export interface HuellaSolicitud {
  /** `POST /actas/…/capturas`: the method and the concrete path. */
  metodoRuta: string;
  /** SHA-256 (hex) of the canonical request content. */
  huella: string;
}

export interface SolicitudRegistrada extends HuellaSolicitud {
  estado: 'EN_CURSO' | 'COMPLETADA';
}

/**
 * A key already recorded for this user: DISTINTA when it came with another request (refused:
 * a key names one action), EN_CURSO when the first is still being answered, REPETIR when its
 * answer is stored and is to be replayed.
 */
export function decidirClaveRepetida(registrada: SolicitudRegistrada, solicitud: HuellaSolicitud): 'DISTINTA' | 'EN_CURSO' | 'REPETIR' {
  if (registrada.metodoRuta !== solicitud.metodoRuta || registrada.huella !== solicitud.huella) return 'DISTINTA';
  return registrada.estado === 'EN_CURSO' ? 'EN_CURSO' : 'REPETIR';
}

/**
 * Only final answers are kept. 2xx and the 4xx that decide the action (a refusal by the process,
 * a validation error) are replayed: sending the same request again would get the same decision,
 * and a replay never risks a second execution. Not kept, so a retry runs again: 5xx (the action
 * may not have happened: the client is told to retry), 408 and 429 (about timing, not the action).
 */
export function seGuardaRespuesta(status: number): boolean {
  return status >= 200 && status < 500 && status !== 408 && status !== 429;
}
