import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { rechazoClaveIdempotencia, MENSAJE_CLAVE_FALTANTE } from '@prep/domain';
import type { SolicitudAutenticada } from '../auth/jwt-auth.guard';
import { ApiError } from '../common/api-error';
import { huellaDeSolicitud } from './huella';
import { IDEMPOTENCIA_TRAS_ARCHIVOS, SIN_IDEMPOTENCIA } from './idempotencia.metadatos';
import { IdempotenciaService } from './idempotencia.service';

/**
 * Global (APP_INTERCEPTOR): every POST of an authenticated user needs an Idempotency-Key unless
 * its route is marked @SinIdempotencia(motivo). Interceptors run after the guards, so the user
 * (the key's scope) is known and 401/403 come first. Multipart routes (@RecibeArchivos) are only
 * checked for the header here; IdempotenciaArchivosInterceptor answers them once the files are read.
 */
@Injectable()
export class IdempotenciaInterceptor implements NestInterceptor {
  constructor(
    protected readonly reflector: Reflector,
    protected readonly servicio: IdempotenciaService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<SolicitudAutenticada>();
    // Anonymous POSTs (login) have no user to scope a key by; they are marked @SinIdempotencia too.
    if (ctx.getType() !== 'http' || req.method !== 'POST' || !req.user) return next.handle();
    if (this.reflector.getAllAndOverride<string>(SIN_IDEMPOTENCIA, [ctx.getHandler(), ctx.getClass()])) return next.handle();
    const clave = this.claveValida(req);
    if (this.reflector.get<boolean>(IDEMPOTENCIA_TRAS_ARCHIVOS, ctx.getHandler()) && !this.trasArchivos) return next.handle();
    const usuario = req.user;
    const res = ctx.switchToHttp().getResponse<Response>();
    // A promise of its own: the key's record is written even if the client went away meanwhile.
    return from(
      this.servicio.atender({ usuarioId: usuario.id, clave, ...huellaDeSolicitud(req) }, res, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }

  /** True for the route-level instance that runs after the file interceptors. */
  protected readonly trasArchivos: boolean = false;

  private claveValida(req: SolicitudAutenticada): string {
    const valor = req.headers['idempotency-key'];
    const rechazo = rechazoClaveIdempotencia(valor);
    if (rechazo) {
      throw new ApiError(HttpStatus.BAD_REQUEST, rechazo === MENSAJE_CLAVE_FALTANTE ? 'IDEMPOTENCY_KEY_FALTANTE' : 'IDEMPOTENCY_KEY_INVALIDA', rechazo);
    }
    return valor as string;
  }
}

/** Route-level, after multer (see RecibeArchivos): the key is compared with the files' bytes. */
@Injectable()
export class IdempotenciaArchivosInterceptor extends IdempotenciaInterceptor {
  protected override readonly trasArchivos = true;
}
