import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { BitacoraNoDisponibleError } from '@prep/audit';
import { isDomainError } from '@prep/domain';
import { esBaseNoDisponible } from '@prep/persistence';
import { ApiError, ApiErrorBody, CODIGOS_POR_ESTADO } from './api-error';

/** body-parser's refusal of a JSON body over its limit, saying the limit. */
function cuerpoDemasiadoGrande(exception: unknown): ApiErrorBody | null {
  const e = exception as { type?: string; limit?: number; length?: number };
  if (e?.type !== 'entity.too.large' || typeof e.limit !== 'number') return null;
  const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
  const pesa = typeof e.length === 'number' ? ` pesa ${kb(e.length)} y` : '';
  return {
    codigo: 'CARGA_DEMASIADO_GRANDE',
    mensaje: `El cuerpo JSON de la solicitud${pesa} excede el límite de ${kb(e.limit)}: envíe solo los campos que la operación pide.`,
  };
}

/**
 * Turns every error into `{ codigo, mensaje }` JSON. Unexpected errors are logged
 * with their stack and reach the client as a generic 500 without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const respuesta = respuestaDeError(exception);
    if (respuesta) {
      if (esBaseNoDisponible(exception)) this.logger.warn(`PostgreSQL no responde: ${(exception as Error).message}`);
      res.set(respuesta.cabeceras);
      res.status(respuesta.status).json(respuesta.cuerpo);
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      codigo: 'ERROR_INTERNO',
      mensaje: 'Error interno del servidor; se registró para su revisión',
    } satisfies ApiErrorBody);
  }
}

/**
 * The answer an error gets (status, body, headers), or undefined for an unexpected one (a 500).
 * Shared with the Idempotency-Key store, which keeps exactly what the client was sent.
 */
export function respuestaDeError(exception: unknown): { status: number; cuerpo: ApiErrorBody; cabeceras: Record<string, string> } | undefined {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { status, cuerpo: normalise(status, exception.getResponse()), cabeceras: exception instanceof ApiError ? exception.cabeceras : {} };
  }
  // A domain refusal that reached the edge keeps its code and Spanish message.
  if (isDomainError(exception)) {
    const errores = exception.errores ? { errores: exception.errores } : {};
    return { status: exception.status, cuerpo: { codigo: exception.codigo, mensaje: exception.message, ...errores }, cabeceras: {} };
  }
  // The bitácora refused a staff action's record: the action was rolled back (README, "Bitácora: qué pasa si immudb no responde").
  if (exception instanceof BitacoraNoDisponibleError) {
    return { status: exception.status, cuerpo: { codigo: exception.codigo, mensaje: exception.message }, cabeceras: {} };
  }
  // PostgreSQL down or restarting (a pooled connection dropped, a refused connect): the caller retries, as with Temporal.
  if (esBaseNoDisponible(exception)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      cuerpo: { codigo: 'SERVICIO_NO_DISPONIBLE', mensaje: 'La base de datos (PostgreSQL) no responde; intente de nuevo en unos momentos' },
      cabeceras: {},
    };
  }
  // body-parser and multer raise plain errors carrying an HTTP status.
  const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, cuerpo: cuerpoDemasiadoGrande(exception) ?? normalise(status, undefined), cabeceras: {} };
  }
  return undefined;
}

function normalise(status: number, body: unknown): ApiErrorBody {
  if (body && typeof body === 'object' && 'codigo' in body && 'mensaje' in body) return body as ApiErrorBody;
  const [codigo, mensaje] = CODIGOS_POR_ESTADO[status] ?? ['ERROR', 'La solicitud no pudo completarse'];
  return { codigo, mensaje };
}
