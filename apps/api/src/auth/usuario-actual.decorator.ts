import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { UsuarioAutenticado } from './auth.types';

/** Injects the authenticated user set on the request by the JWT guard. */
export const UsuarioActual = createParamDecorator((_: unknown, ctx: ExecutionContext): UsuarioAutenticado => {
  return ctx.switchToHttp().getRequest().user as UsuarioAutenticado;
});
