import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, mixin, NestInterceptor, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';
import { ApiError } from './api-error';
import { cerrarSinLeer } from './seguridad-http';

/** Room for the multipart boundaries and the small text fields that travel with the file(s). */
export const HOLGURA_MULTIPART_BYTES = 64 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Refuses an upload from its headers, before a byte of the body is read: a Content-Type other than
 * multipart/form-data is 415 and a declared Content-Length over the limit is 413, and the connection
 * is closed soon after instead of Node reading (and discarding) the rest of a huge body. A chunked upload (no Content-Length) is still cut by multer's per-file
 * limit while it streams. Must be listed before the multer interceptor in @UseInterceptors.
 */
export function LimiteCargaMultipart(opciones: { maximo: (cfg: PrepConfig) => number; que: string; consejo: string }): Type<NestInterceptor> {
  const { que, consejo } = opciones;
  @Injectable()
  class LimiteCargaInterceptor implements NestInterceptor {
    private readonly maximo: number;

    constructor(@Inject(PREP_CONFIG) cfg: PrepConfig) {
      this.maximo = opciones.maximo(cfg);
    }

    intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
      const req = ctx.switchToHttp().getRequest<Request>();
      const rechazar = (e: ApiError) => {
        cerrarSinLeer(req, ctx.switchToHttp().getResponse<Response>());
        return e;
      };
      const tipo = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (tipo !== 'multipart/form-data') {
        throw rechazar(
          new ApiError(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            'TIPO_NO_SOPORTADO',
            `${que} se envía como multipart/form-data (llegó ${tipo ? `'${tipo.slice(0, 60)}'` : 'sin Content-Type'}).`,
          ),
        );
      }
      const largo = Number(req.headers['content-length']);
      if (Number.isFinite(largo) && largo > this.maximo + HOLGURA_MULTIPART_BYTES) {
        throw rechazar(
          new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'CARGA_DEMASIADO_GRANDE', `${que} pesa ${mb(largo)} y el límite es ${mb(this.maximo)}: ${consejo}.`),
        );
      }
      return next.handle();
    }
  }
  return mixin(LimiteCargaInterceptor);
}
