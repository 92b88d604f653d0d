/**
 * Refusals of the PREP domain. A refusal is data (so a Temporal Update validator can return it and
 * the API can map it to an HTTP answer); DomainError carries it when a refusal must be thrown.
 */

/**
 * 400: the input is malformed; 403: the person may not take this step; 404: what was named does
 * not exist; 409: the state does not allow it; 422: the data sent breaks a PREP rule.
 */
export type StatusRechazo = 400 | 403 | 404 | 409 | 422;

/** Problems of one input field, as the API's `errores` lists them. */
export interface ErroresDeCampo {
  campo: string;
  mensajes: string[];
}

export interface RechazoDominio {
  /** Stable code for clients and tests (e.g. 'CAPTURISTA_REPETIDO'); never translated. */
  codigo: string;
  /** Spanish, for the person at the screen: says what happened and what to do. */
  mensaje: string;
  status: StatusRechazo;
}

export function rechazo(codigo: string, mensaje: string, status: StatusRechazo): RechazoDominio {
  return { codigo, mensaje, status };
}

export class DomainError extends Error {
  readonly codigo: string;
  readonly status: StatusRechazo;

  constructor(
    readonly rechazo: RechazoDominio,
    /** Per-field detail, answered as `errores` next to codigo and mensaje. */
    readonly errores?: ErroresDeCampo[],
  ) {
    super(rechazo.mensaje);
    this.name = 'DomainError';
    this.codigo = rechazo.codigo;
    this.status = rechazo.status;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
