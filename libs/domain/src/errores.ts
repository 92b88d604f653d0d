/**
 * Refusals of the PREP domain. A refusal is data (so a Temporal Update validator can return it and
 * the API can map it to an HTTP answer); DomainError carries it when a refusal must be thrown.
 */

/** 403: the person may not take this step; 409: the acta is not in a state that allows it; 422: the data sent is wrong. */
export type StatusRechazo = 403 | 409 | 422;

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

  constructor(readonly rechazo: RechazoDominio) {
    super(rechazo.mensaje);
    this.name = 'DomainError';
    this.codigo = rechazo.codigo;
    this.status = rechazo.status;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
