import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { BitacoraNoDisponibleError } from '@prep/audit';
import { isDomainError } from '@prep/domain';
import { ApiError, ApiErrorBody } from './api-error';

const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['SOLICITUD_INVALIDA', 'La solicitud no es válida'],
  401: ['NO_AUTENTICADO', 'Inicie sesión: falta el token o ya expiró'],
  403: ['SIN_PERMISO', 'Su rol no permite esta acción'],
  404: ['NO_ENCONTRADO', 'El recurso solicitado no existe'],
  405: ['METODO_NO_PERMITIDO', 'Método HTTP no permitido en esta ruta'],
  409: ['CONFLICTO', 'La acción entra en conflicto con el estado actual'],
  413: ['CARGA_DEMASIADO_GRANDE', 'El cuerpo de la solicitud excede el tamaño permitido'],
  415: ['TIPO_NO_SOPORTADO', 'Tipo de contenido no soportado'],
  422: ['NO_PROCESABLE', 'Los datos no cumplen las reglas del PREP'],
  429: ['DEMASIADAS_SOLICITUDES', 'Demasiadas solicitudes: espere un momento'],
  503: ['SERVICIO_NO_DISPONIBLE', 'Un servicio necesario no está disponible; intente de nuevo'],
};

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
  // body-parser and multer raise plain errors carrying an HTTP status.
  const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, cuerpo: normalise(status, undefined), cabeceras: {} };
  return undefined;
}

function normalise(status: number, body: unknown): ApiErrorBody {
  if (body && typeof body === 'object' && 'codigo' in body && 'mensaje' in body) return body as ApiErrorBody;
  const [codigo, mensaje] = DEFAULT_CODES[status] ?? ['ERROR', 'La solicitud no pudo completarse'];
  return { codigo, mensaje };
}
