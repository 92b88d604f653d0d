import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Rol } from '@prep/persistence';
import { UsuariosService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

/**
 * Who may call what, as a table: every route the API serves × every role and every kind of bad
 * credential, each cell one exact status. The routes come from the app itself (its Express router,
 * checked against the OpenAPI document it publishes), so a new route fails here until it is
 * classified below. Allowed callers send an empty or invalid request, so nothing changes and the
 * answer is the route's documented 4xx (or a read's 2xx); a wrong role is 403, a bad token 401.
 */

type Alcance = readonly Rol[] | 'pública' | 'cualquier sesión';
interface Regla {
  /** Who passes authorization. */
  quien: Alcance;
  /** The status an allowed caller gets for the request below. */
  estado: number;
  /** Query and body of the request (the path's parameters are filled by `rellenar`). */
  query?: Record<string, string>;
  cuerpo?: Record<string, unknown>;
}

const TODOS = ROLES;
const CLAVE_INEXISTENTE = '349999B01005';

/** The spec. Keys are `METHOD /path` with the OpenAPI `{param}` notation. */
const TABLA: Record<string, Regla> = {
  'POST /auth/login': { quien: 'pública', estado: 400, cuerpo: {} },
  'GET /auth/yo': { quien: 'cualquier sesión', estado: 200 },
  'GET /health': { quien: 'pública', estado: 200 },

  'GET /catalogo': { quien: 'cualquier sesión', estado: 404 },
  // Upload routes refuse a body that is not multipart/form-data (here: none) with 415, from the headers.
  'POST /catalogo': { quien: ['administrador'], estado: 415 },

  'POST /usuarios': { quien: ['administrador'], estado: 400, cuerpo: {} },
  'GET /usuarios': { quien: ['administrador', 'coordinador'], estado: 200 },
  'POST /usuarios/{id}/desactivar': { quien: ['administrador'], estado: 404 },

  'POST /actas/acopio': { quien: ['acopiador'], estado: 400, cuerpo: {} },
  'POST /actas/{clave}/acopio/correccion': { quien: ['coordinador', 'operador', 'administrador'], estado: 400, cuerpo: {} },
  'POST /actas/{clave}/imagenes': { quien: ['digitalizador', 'prep_casilla'], estado: 415 },
  'POST /actas/{clave}/capturas': { quien: ['capturista'], estado: 400, cuerpo: {} },
  'POST /actas/{clave}/verificacion': { quien: ['verificador', 'coordinador'], estado: 400, cuerpo: {} },
  'GET /actas': { quien: ['coordinador', 'verificador', 'administrador', 'auditor', 'operador', 'cotaprep'], estado: 200 },
  'GET /actas/{clave}': { quien: 'cualquier sesión', estado: 404 },
  'GET /actas/{clave}/imagenes/{sha256}': { quien: ['digitalizador', 'capturista', 'verificador', 'coordinador', 'auditor', 'administrador'], estado: 404 },

  'GET /tareas/siguiente': { quien: ['capturista', 'verificador', 'coordinador'], estado: 400, query: { tipo: 'NINGUNO' } },
  'POST /tareas/{id}/liberar': { quien: ['capturista', 'verificador', 'coordinador'], estado: 409 },

  'GET /auditoria/estado': { quien: ['auditor'], estado: 200 },
  'GET /auditoria/actas/{clave}/historial': { quien: ['auditor'], estado: 404 },
  'POST /auditoria/verificaciones': { quien: ['auditor'], estado: 400, query: { pruebas: 'algunas' } },
  'GET /auditoria/compilacion': { quien: ['auditor', 'administrador'], estado: 200 },

  'GET /reportes/avance': { quien: ['cotaprep', 'coordinador', 'auditor', 'administrador'], estado: 400, query: { formato: 'xls' } },
  'GET /reportes/catd': { quien: ['cotaprep', 'coordinador', 'auditor', 'administrador'], estado: 400, query: { formato: 'xls' } },
  'GET /reportes/tiempos': { quien: ['cotaprep', 'coordinador', 'auditor', 'administrador'], estado: 400, query: { formato: 'xls' } },
  'GET /reportes/calidad': { quien: ['cotaprep', 'coordinador', 'auditor', 'administrador'], estado: 400, query: { formato: 'xls' } },
  'GET /reportes/operacion': { quien: ['cotaprep', 'coordinador', 'auditor', 'administrador', 'operador'], estado: 400, query: { formato: 'xls' } },

  'POST /puesta-en-ceros': { quien: ['administrador'], estado: 400, cuerpo: {} },
  'GET /puesta-en-ceros': { quien: ['administrador', 'auditor', 'cotaprep'], estado: 404 },
  'GET /puesta-en-ceros/acta.html': { quien: ['administrador', 'auditor', 'cotaprep'], estado: 404 },

  'POST /operacion/cierre': { quien: ['administrador'], estado: 400, cuerpo: { motivoPorOmision: 7 } },
  'POST /operacion/actas/{clave}/reinicio': { quien: ['operador'], estado: 400, cuerpo: {} },

  'POST /publicacion/apertura': { quien: ['administrador'], estado: 409 },
  'POST /publicacion/cierre': { quien: ['administrador'], estado: 409 },
  'POST /publicacion/cortes': { quien: ['coordinador', 'administrador'], estado: 409 },

  'GET /difusion/cortes': { quien: 'pública', estado: 200 },
  'GET /difusion/cortes/{corte}': { quien: 'pública', estado: 404 },
  'GET /difusion/cortes/{corte}/{archivo}': { quien: 'pública', estado: 404 },
  'GET /difusion/actas/{clave}/imagen': { quien: 'pública', estado: 404 },
};

/** Path parameters that pass their pipes and name nothing that exists. */
const PARAMETROS: Record<string, string> = {
  clave: CLAVE_INEXISTENTE,
  id: randomUUID(),
  sha256: 'a'.repeat(64),
  corte: '999',
  archivo: 'leeme.txt',
};
const rellenar = (ruta: string) => ruta.replace(/\{(\w+)\}/g, (_, p: string) => PARAMETROS[p] ?? `sin-valor-para-${p}`);

/** Credentials that must never pass, each named for the report. */
const MALAS = ['sin token', 'token vencido', 'token de otra clave', 'token alg none', 'cuenta desactivada'] as const;
type Mala = (typeof MALAS)[number];
type Quien = Rol | Mala;

/** Why each is refused: the message proves the token was refused for its own defect and nothing else. */
const MOTIVO: Record<Mala, RegExp> = {
  'sin token': /^Falta el encabezado Authorization/,
  'token vencido': /^Su sesión expiró/,
  'token de otra clave': /^El token no es válido/,
  'token alg none': /^El token no es válido/,
  'cuenta desactivada': /^Su cuenta ya no está activa/,
};

function esperado(regla: Regla, quien: Quien): number {
  if (regla.quien === 'pública') return regla.estado;
  if ((MALAS as readonly string[]).includes(quien)) return 401;
  if (regla.quien === 'cualquier sesión' || regla.quien.includes(quien as Rol)) return regla.estado;
  return 403;
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('authorization matrix: every route × every role and bad credential', () => {
  let h: Harness;
  const tokens = new Map<Quien, string | null>();

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    for (const rol of TODOS) tokens.set(rol, (await crearUsuarioConToken(h.app, { roles: [rol] })).token);

    // The bad tokens name a real, active administrador: only the token itself is wrong.
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const sujeto = { sub: admin.id, usr: admin.nombreUsuario };
    const jwt = h.app.get(JwtService, { strict: false });
    const ahora = Math.floor(Date.now() / 1000);
    tokens.set('sin token', null);
    tokens.set('token vencido', jwt.sign({ ...sujeto, iat: ahora - 7200 }, { expiresIn: 60 }));
    tokens.set('token de otra clave', new JwtService({ secret: randomBytes(48).toString('base64url') }).sign(sujeto, { algorithm: 'HS256', expiresIn: 600 }));
    tokens.set('token alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...sujeto, iat: ahora, exp: ahora + 600 })}.`);
    const desactivada = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    await h.app.get(UsuariosService).desactivar(desactivada.id, admin.nombreUsuario);
    tokens.set('cuenta desactivada', desactivada.token);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  /**
   * `METHOD /path` of every route Express serves, in OpenAPI notation, apart from the OpenAPI UI
   * itself and middleware Nest mounts on every path (`/{*all}`: MikroORM's request context).
   */
  function rutasDelRouter(): string[] {
    const express = h.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    return express.router.stack
      .filter((l) => l.route && !l.route.path.startsWith('/docs') && !l.route.path.includes('{*'))
      .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, '{$1}')}`));
  }

  it('every route the app serves is classified, and is in the OpenAPI document', async () => {
    const doc = await request(h.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    const deOpenApi = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([ruta, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${ruta}`),
    );
    expect([...new Set(rutasDelRouter())].sort()).toEqual([...deOpenApi].sort());
    expect(deOpenApi.filter((r) => !TABLA[r])).toEqual([]);
    expect(Object.keys(TABLA).filter((r) => !deOpenApi.includes(r))).toEqual([]);
  });

  it('each cell answers exactly the status of the table', async () => {
    const diferencias: string[] = [];
    for (const [ruta, regla] of Object.entries(TABLA)) {
      const [metodo, patron] = ruta.split(' ');
      for (const quien of [...TODOS, ...MALAS] as Quien[]) {
        let peticion = request(h.app.getHttpServer())[metodo.toLowerCase() as 'get' | 'post'](rellenar(patron));
        if (regla.query) peticion = peticion.query(regla.query);
        if (metodo === 'POST') peticion = peticion.set(claveNueva());
        const token = tokens.get(quien);
        if (token) peticion = peticion.set('Authorization', `Bearer ${token}`);
        const r = regla.cuerpo ? await peticion.send(regla.cuerpo) : await peticion;
        const debe = esperado(regla, quien);
        if (r.status !== debe) diferencias.push(`${ruta} como ${quien}: ${r.status} (se esperaba ${debe}) ${JSON.stringify(r.body).slice(0, 160)}`);
        else if (debe === 401 || debe === 403) {
          // Refusals carry the project's error shape, never a stack or an empty body.
          if (r.body?.codigo !== (debe === 401 ? 'NO_AUTENTICADO' : 'SIN_PERMISO')) diferencias.push(`${ruta} como ${quien}: código ${r.body?.codigo}`);
          else if (debe === 401 && !MOTIVO[quien as Mala].test(r.body.mensaje)) diferencias.push(`${ruta} como ${quien}: ${r.body.mensaje}`);
        }
      }
    }
    expect(diferencias).toEqual([]);
  }, 300_000);
});
