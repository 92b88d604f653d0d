import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Rol, Usuario } from '@prep/persistence';
import { ApiError } from '../common/api-error';
import type { UsuarioAutenticado } from './auth.types';
import { JwtAuthGuard, SolicitudAutenticada } from './jwt-auth.guard';
import { Public, Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

class Controlador {
  @Public() publica() {}
  protegida() {}
  @Roles('administrador', 'coordinador') restringida() {}
}

function contexto(metodo: keyof Controlador, req: Partial<SolicitudAutenticada>): ExecutionContext {
  return {
    getHandler: () => Controlador.prototype[metodo],
    getClass: () => Controlador,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

async function rechazo(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof ApiError) return { status: err.getStatus(), ...(err.getResponse() as object) };
    throw err;
  }
  throw new Error('se esperaba un rechazo');
}

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());
  const yo = (roles: Rol[]): UsuarioAutenticado => ({ id: randomUUID(), nombreUsuario: 'ana', roles, catd: 'M001' });

  it('lets any authenticated user through when the route names no roles', () => {
    expect(guard.canActivate(contexto('protegida', { user: yo(['capturista']) }))).toBe(true);
  });

  it('needs one of the named roles', async () => {
    expect(guard.canActivate(contexto('restringida', { user: yo(['capturista', 'coordinador']) }))).toBe(true);
    expect(await rechazo(() => guard.canActivate(contexto('restringida', { user: yo(['capturista']) })))).toEqual({
      status: 403,
      codigo: 'SIN_PERMISO',
      mensaje: expect.stringMatching(/uno de los roles administrador, coordinador; su cuenta tiene capturista/),
    });
  });

  it('fails closed when no user was set', async () => {
    expect(await rechazo(() => guard.canActivate(contexto('restringida', {})))).toMatchObject({ status: 401, codigo: 'NO_AUTENTICADO' });
  });
});

describe('JwtAuthGuard', () => {
  const jwt = new JwtService({ secret: 's'.repeat(32), signOptions: { algorithm: 'HS256', expiresIn: 60 }, verifyOptions: { algorithms: ['HS256'] } });
  const cuenta: Usuario = {
    id: randomUUID(),
    nombreUsuario: 'ana',
    nombreCompleto: 'Ana',
    passwordHash: 'x',
    roles: ['verificador'],
    catd: 'M001',
    activo: true,
    creadoEn: new Date(),
  };
  let enBase: Usuario | null;
  const em = { fork: () => ({ findOne: async (_: unknown, where: { id: string }) => (enBase?.id === where.id ? enBase : null) }) };
  const guard = new JwtAuthGuard(new Reflector(), jwt, em as unknown as EntityManager);
  const conToken = (token: string): Partial<SolicitudAutenticada> => ({ headers: { authorization: `Bearer ${token}` } });
  const token = () => jwt.sign({ sub: cuenta.id, usr: cuenta.nombreUsuario });

  beforeEach(() => {
    enBase = { ...cuenta };
  });

  it('skips @Public routes without looking at headers', async () => {
    await expect(guard.canActivate(contexto('publica', {}))).resolves.toBe(true);
  });

  it('sets request.user from the database, not from the token', async () => {
    enBase!.roles = ['verificador', 'coordinador'];
    const req = conToken(token());
    await expect(guard.canActivate(contexto('protegida', req))).resolves.toBe(true);
    expect(req.user).toEqual({ id: cuenta.id, nombreUsuario: 'ana', roles: ['verificador', 'coordinador'], catd: 'M001' });
  });

  it.each([
    ['no header', { headers: {} }, /Falta el encabezado/],
    ['another scheme', { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }, /Falta el encabezado/],
    ['garbage', { headers: { authorization: 'Bearer abc.def.ghi' } }, /no es válido/],
  ])('refuses %s with 401 NO_AUTENTICADO', async (_, req, mensaje) => {
    expect(await rechazo(guard.canActivate(contexto('protegida', req as Partial<SolicitudAutenticada>)))).toEqual({
      status: 401,
      codigo: 'NO_AUTENTICADO',
      mensaje: expect.stringMatching(mensaje),
    });
  });

  it('tells an expired session apart from a forged one', async () => {
    const vencido = jwt.sign({ sub: cuenta.id, usr: 'ana' }, { expiresIn: -1 });
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(vencido))))).toMatchObject({ mensaje: expect.stringMatching(/expiró/) });
    const otro = new JwtService({ secret: 'otro'.repeat(8) }).sign({ sub: cuenta.id, usr: 'ana' });
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(otro))))).toMatchObject({ mensaje: expect.stringMatching(/no es válido/) });
  });

  it('refuses a token whose subject is not a uuid before querying', async () => {
    const raro = jwt.sign({ sub: "1' or '1'='1", usr: 'ana' });
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(raro))))).toMatchObject({ codigo: 'NO_AUTENTICADO' });
  });

  it('refuses deactivated, deleted and renamed accounts at once', async () => {
    const t = token();
    enBase!.activo = false;
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(t))))).toMatchObject({
      status: 401,
      mensaje: expect.stringMatching(/no está activa/),
    });
    enBase = { ...cuenta, nombreUsuario: 'otra' };
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(t))))).toMatchObject({ status: 401 });
    enBase = null;
    expect(await rechazo(guard.canActivate(contexto('protegida', conToken(t))))).toMatchObject({ status: 401 });
  });
});
