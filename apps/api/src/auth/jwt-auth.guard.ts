import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { Usuario } from '@prep/persistence';
import { ApiError } from '../common/api-error';
import type { UsuarioAutenticado } from './auth.types';
import { PUBLIC_KEY } from './roles.decorator';

/** What POST /auth/login signs. Roles are not in it: the guard re-reads them on every request. */
export interface JwtPayload {
  sub: string;
  usr: string;
}

export type SolicitudAutenticada = Request & { user?: UsuarioAutenticado };

const noAutenticado = (mensaje: string) => new ApiError(HttpStatus.UNAUTHORIZED, 'NO_AUTENTICADO', mensaje);

/**
 * Global guard: every route needs `Authorization: Bearer <jwt>` unless marked @Public(). The account
 * is loaded from PostgreSQL on each request, so deactivating it or changing its roles takes effect
 * at once instead of when the token expires. Sets `request.user` for RolesGuard and @UsuarioActual().
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly em: EntityManager,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<SolicitudAutenticada>();

    const [esquema, token, ...resto] = (req.headers.authorization ?? '').trim().split(/\s+/);
    if (!token || resto.length || esquema.toLowerCase() !== 'bearer') {
      throw noAutenticado('Falta el encabezado Authorization: Bearer <token>; obtenga un token con POST /auth/login');
    }

    let payload: Partial<JwtPayload>;
    try {
      payload = await this.jwt.verifyAsync<JwtPayload>(token);
    } catch (err) {
      if (err instanceof TokenExpiredError) throw noAutenticado('Su sesión expiró; inicie sesión de nuevo con POST /auth/login');
      throw noAutenticado('El token no es válido; inicie sesión de nuevo con POST /auth/login');
    }
    // A well-signed token with a foreign shape would otherwise reach PostgreSQL as a bad uuid.
    if (typeof payload.sub !== 'string' || !isUUID(payload.sub) || typeof payload.usr !== 'string') {
      throw noAutenticado('El token no es válido; inicie sesión de nuevo con POST /auth/login');
    }

    // The request's own EntityManager (MikroORM's request context) when there is one, so handlers
    // find this account in their identity map; a fork otherwise (allowGlobalContext is off).
    const em = RequestContext.getEntityManager() ?? this.em.fork();
    let cuenta: Usuario | null;
    try {
      cuenta = await em.findOne(Usuario, { id: payload.sub });
    } catch (err) {
      this.logger.error(`no se pudo leer la cuenta ${payload.sub}: ${err instanceof Error ? err.message : String(err)}`);
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'SERVICIO_NO_DISPONIBLE',
        'No se pudo verificar su sesión porque la base de datos no responde; intente de nuevo en unos momentos',
      );
    }
    // A different name means the id was reused or the account renamed: the token no longer names this person.
    if (!cuenta || !cuenta.activo || cuenta.nombreUsuario !== payload.usr) {
      throw noAutenticado('Su cuenta ya no está activa; acuda con un administrador');
    }

    req.user = { id: cuenta.id, nombreUsuario: cuenta.nombreUsuario, roles: [...cuenta.roles], catd: cuenta.catd ?? null };
    return true;
  }
}
