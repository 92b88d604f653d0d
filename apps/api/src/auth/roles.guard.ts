import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Rol } from '@prep/persistence';
import { ApiError } from '../common/api-error';
import type { SolicitudAutenticada } from './jwt-auth.guard';
import { ROLES_KEY } from './roles.decorator';

/**
 * Global guard, after JwtAuthGuard: when the handler or its controller has @Roles(...), the caller
 * must hold at least one of them. Routes without @Roles only need a valid session.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const requeridos = this.reflector.getAllAndOverride<Rol[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (!requeridos?.length) return true;
    const usuario = ctx.switchToHttp().getRequest<SolicitudAutenticada>().user;
    // @Roles on a @Public route: fail closed rather than let anonymous callers through.
    if (!usuario) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'NO_AUTENTICADO', 'Inicie sesión con POST /auth/login y envíe Authorization: Bearer <token>');
    }
    if (requeridos.some((r) => usuario.roles.includes(r))) return true;
    const lista = requeridos.length === 1 ? `el rol ${requeridos[0]}` : `uno de los roles ${requeridos.join(', ')}`;
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'SIN_PERMISO',
      `Esta acción requiere ${lista}; su cuenta tiene ${usuario.roles.join(', ') || 'ningún rol'}. Si debe poder hacerla, pida a un administrador que le asigne el rol`,
    );
  }
}
