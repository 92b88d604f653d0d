/**
 * The size bound of a refusal that leaves the acta workflow. A refusal travels inside a Temporal
 * workflow task completion (gRPC, 4 MB at most): one that grows with the user's input can make
 * every task of the acta fail and block it, so whatever the domain returns is cut here.
 */
import { CAMPO_MAX_CARACTERES, MAX_ERRORES_LISTADOS, type ErrorCampo } from './captura';
import type { RechazoActa } from './acta-maquina';
import type { StatusRechazo } from './errores';

export const MENSAJE_RECHAZO_MAX = 2000;
const MENSAJE_CAMPO_MAX = 400;
const CODIGO_MAX = 64;
const STATUS_VALIDOS: readonly StatusRechazo[] = [403, 409, 422];

/** `s` cut to `max` characters (the cut marked with …); anything that is not text becomes ''. */
export function recortar(s: unknown, max: number): string {
  if (typeof s !== 'string') return '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A copy of the refusal that fits in a few KB whatever it carried; its meaning is unchanged. */
export function acotarRechazo(r: RechazoActa): RechazoActa {
  const acotado: RechazoActa = {
    codigo: recortar(r.codigo, CODIGO_MAX) || 'RECHAZO',
    mensaje: recortar(r.mensaje, MENSAJE_RECHAZO_MAX),
    status: STATUS_VALIDOS.includes(r.status) ? r.status : 422,
  };
  if (Array.isArray(r.errores)) {
    const errores: ErrorCampo[] = r.errores.slice(0, MAX_ERRORES_LISTADOS).map((e) => ({
      campo: recortar(e?.campo, CAMPO_MAX_CARACTERES),
      mensaje: recortar(e?.mensaje, MENSAJE_CAMPO_MAX),
    }));
    acotado.errores = errores;
    const total = typeof r.totalErrores === 'number' && Number.isInteger(r.totalErrores) ? r.totalErrores : r.errores.length;
    acotado.totalErrores = Math.max(total, errores.length);
  }
  return acotado;
}
