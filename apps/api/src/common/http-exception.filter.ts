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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (exception instanceof ApiError) res.set(exception.cabeceras);
      res.status(status).json(this.normalise(status, exception.getResponse()));
      return;
    }
    // A domain refusal that reached the edge keeps its code and Spanish message.
    if (isDomainError(exception)) {
      const errores = exception.errores ? { errores: exception.errores } : {};
      res.status(exception.status).json({ codigo: exception.codigo, mensaje: exception.message, ...errores } satisfies ApiErrorBody);
      return;
    }
    // The bitácora refused a staff action's record: the action was rolled back (README, "Bitácora: qué pasa si immudb no responde").
    if (exception instanceof BitacoraNoDisponibleError) {
      res.status(exception.status).json({ codigo: exception.codigo, mensaje: exception.message } satisfies ApiErrorBody);
      return;
    }
    // PostgreSQL down or restarting (a pooled connection dropped, a refused connect): the caller retries, as with Temporal.
    if (esBaseNoDisponible(exception)) {
      this.logger.warn(`PostgreSQL no responde: ${(exception as Error).message}`);
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({
        codigo: 'SERVICIO_NO_DISPONIBLE',
        mensaje: 'La base de datos (PostgreSQL) no responde; intente de nuevo en unos momentos',
      } satisfies ApiErrorBody);
      return;
    }
    // body-parser and multer raise plain errors carrying an HTTP status.
    const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json(cuerpoDemasiadoGrande(exception) ?? this.normalise(status, undefined));
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      codigo: 'ERROR_INTERNO',
      mensaje: 'Error interno del servidor; se registró para su revisión',
    } satisfies ApiErrorBody);
  }

  private normalise(status: number, body: unknown): ApiErrorBody {
    if (body && typeof body === 'object' && 'codigo' in body && 'mensaje' in body) return body as ApiErrorBody;
    const [codigo, mensaje] = CODIGOS_POR_ESTADO[status] ?? ['ERROR', 'La solicitud no pudo completarse'];
    return { codigo, mensaje };
  }
}
