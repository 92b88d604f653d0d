import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import * as fs from 'node:fs';
import { rutaSecretoJwt } from '@prep/config';
import { Harness, startHarness } from './support/harness';
import { cargarCatalogoDePrueba } from './support/actas';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

describe('authentication and accounts over HTTP', () => {
  let h: Harness;
  let http: () => ReturnType<typeof request>;
  let admin: { id: string; nombreUsuario: string; token: string };

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    http = () => request(h.app.getHttpServer());
    // Accounts must name a CATD of the loaded catálogo: M001…M012 here (only this file uses M007, M010, M011).
    await cargarCatalogoDePrueba(h.app, { idEntidad: 19, municipios: 12 });
    admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const nombre = (p: string) => `${p}.${randomUUID().slice(0, 8)}`;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  describe('POST /auth/login', () => {
    it('returns a token that opens protected routes, with its expiry and the account', async () => {
      const nombreUsuario = nombre('capturista');
      await crearUsuarioConToken(h.app, { roles: ['capturista'], catd: 'M007', nombreUsuario });
      const res = await http().post('/auth/login').send({ usuario: nombreUsuario, contrasena: CONTRASENA_PRUEBA }).expect(200);
      expect(res.body).toEqual({
        token: expect.any(String),
        expiraEn: expect.any(String),
        usuario: { id: expect.any(String), nombreUsuario, nombreCompleto: expect.any(String), roles: ['capturista'], catd: 'M007' },
      });
      const ttlMs = new Date(res.body.expiraEn).getTime() - Date.now();
      expect(Math.abs(ttlMs - h.cfg.JWT_TTL_SECONDS * 1000)).toBeLessThan(5_000);

      const yo = await http().get('/auth/yo').set(bearer(res.body.token)).expect(200);
      expect(yo.body).toEqual({ id: res.body.usuario.id, nombreUsuario, roles: ['capturista'], catd: 'M007' });
    });

    it('wrong password and unknown user get the same 401 body, without internals', async () => {
      const malo = await http().post('/auth/login').send({ usuario: admin.nombreUsuario, contrasena: 'no-es-la-contrasena' }).expect(401);
      expect(malo.body).toEqual({ codigo: 'CREDENCIALES_INVALIDAS', mensaje: expect.stringMatching(/incorrectos/) });
      const nadie = await http()
        .post('/auth/login')
        .send({ usuario: nombre('nadie'), contrasena: 'no-es-la-contrasena' })
        .expect(401);
      expect(nadie.body).toEqual(malo.body);
    });

    it('refuses a malformed body naming each field', async () => {
      const falta = await http().post('/auth/login').send({ usuario: 'alguien' }).expect(400);
      expect(falta.body.codigo).toBe('ENTRADA_INVALIDA');
      expect(falta.body.errores.map((e: { campo: string }) => e.campo)).toEqual(['contrasena']);

      const extra = await http()
        .post('/auth/login')
        .send({ usuario: 'alguien', contrasena: 'x'.repeat(12), rol: 'administrador' })
        .expect(400);
      expect(extra.body.errores).toEqual([{ campo: 'rol', mensajes: [expect.stringMatching(/'rol' no está permitido/)] }]);
    });

    it('locks a user name for 15 minutes after 5 failures, even with the right password', async () => {
      const { nombreUsuario } = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
      for (let i = 0; i < 5; i++) {
        await http()
          .post('/auth/login')
          .send({ usuario: nombreUsuario, contrasena: `incorrecta-${i}` })
          .expect(401);
      }
      const res = await http().post('/auth/login').send({ usuario: nombreUsuario, contrasena: CONTRASENA_PRUEBA }).expect(429);
      expect(res.body).toEqual({ codigo: 'DEMASIADOS_INTENTOS', mensaje: expect.stringMatching(/espere 15 minutos/) });
      // Case variants of the name are the same account, so they do not get a fresh counter.
      await http().post('/auth/login').send({ usuario: nombreUsuario.toUpperCase(), contrasena: CONTRASENA_PRUEBA }).expect(429);
    });

    it('refuses an inactive account with the same 401 as a wrong password', async () => {
      const u = await crearUsuarioConToken(h.app, { roles: ['cotaprep'] });
      await http().post(`/usuarios/${u.id}/desactivar`).set(claveNueva()).set(bearer(admin.token)).expect(200);
      const res = await http().post('/auth/login').send({ usuario: u.nombreUsuario, contrasena: CONTRASENA_PRUEBA }).expect(401);
      expect(res.body.codigo).toBe('CREDENCIALES_INVALIDAS');
    });
  });

  describe('the global guards', () => {
    it('refuses a protected route without a token, with a bad token, and with an expired one', async () => {
      const sin = await http().get('/usuarios').expect(401);
      expect(sin.body).toEqual({ codigo: 'NO_AUTENTICADO', mensaje: expect.stringMatching(/Authorization: Bearer/) });

      const ajeno = new JwtService({ secret: 'otro-secreto-que-no-es-el-del-servidor' }).sign({ sub: admin.id, usr: admin.nombreUsuario });
      const falso = await http().get('/usuarios').set(bearer(ajeno)).expect(401);
      expect(falso.body).toEqual({ codigo: 'NO_AUTENTICADO', mensaje: expect.stringMatching(/no es válido/) });

      const vencido = h.app.get(JwtService).sign({ sub: admin.id, usr: admin.nombreUsuario }, { expiresIn: -60 });
      const exp = await http().get('/usuarios').set(bearer(vencido)).expect(401);
      expect(exp.body).toEqual({ codigo: 'NO_AUTENTICADO', mensaje: expect.stringMatching(/expiró/) });

      // An unsigned token (alg none) carrying a valid payload must not pass.
      const cuerpo = admin.token.split('.')[1];
      const sinFirma = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${cuerpo}.`;
      await http().get('/usuarios').set(bearer(sinFirma)).expect(401);
    });

    it('refuses a token signed with the development secret that was once committed to the repository', async () => {
      // The literal value that libs/config used as a fallback: anyone with the repository could mint this.
      const comprometido = new JwtService({ secret: 'solo-para-desarrollo-local-no-usar-en-produccion' });
      const forjado = comprometido.sign({ sub: admin.id, usr: admin.nombreUsuario }, { algorithm: 'HS256', expiresIn: 600 });
      const res = await http().get('/usuarios').set(bearer(forjado)).expect(401);
      expect(res.body).toEqual({ codigo: 'NO_AUTENTICADO', mensaje: expect.stringMatching(/no es válido/) });
      // The server signs with this run's own random secret, kept in its data folder as `npm start` does.
      const propio = fs.readFileSync(rutaSecretoJwt(process.env.PREP_DATA_DIR!), 'utf8').trim();
      expect(() => new JwtService({ secret: propio }).verify(admin.token, { algorithms: ['HS256'] })).not.toThrow();
    });

    it('refuses a role that is not allowed with 403 naming the roles required', async () => {
      const { token } = await crearUsuarioConToken(h.app, { roles: ['capturista'] });
      const res = await http().get('/usuarios').set(bearer(token)).expect(403);
      expect(res.body).toEqual({ codigo: 'SIN_PERMISO', mensaje: expect.stringMatching(/administrador, coordinador/) });
      const crear = await http().post('/usuarios').set(claveNueva()).set(bearer(token)).send({}).expect(403);
      expect(crear.body.mensaje).toMatch(/el rol administrador/);
    });

    it('a deactivated account is refused at once, with the token it already had', async () => {
      const u = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
      await http().get('/auth/yo').set(bearer(u.token)).expect(200);
      await http().post(`/usuarios/${u.id}/desactivar`).set(claveNueva()).set(bearer(admin.token)).expect(200);
      const res = await http().get('/auth/yo').set(bearer(u.token)).expect(401);
      expect(res.body).toEqual({ codigo: 'NO_AUTENTICADO', mensaje: expect.stringMatching(/no está activa/) });
    });

    it('keeps GET /health and the OpenAPI document public', async () => {
      const health = await http().get('/health');
      expect(health.status).toBe(200);
      await http().get('/docs/openapi.json').expect(200);
    });
  });

  describe('/usuarios', () => {
    const nuevo = (extra: object = {}) => ({
      nombreUsuario: nombre('verificador'),
      nombreCompleto: 'Verónica Núñez',
      contrasena: 'una-contrasena-larga',
      roles: ['verificador'],
      catd: 'M002',
      ...extra,
    });

    it('administrador creates an account (201, no hash) and a duplicate name is 409', async () => {
      const body = nuevo();
      const res = await http().post('/usuarios').set(claveNueva()).set(bearer(admin.token)).send(body).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        nombreUsuario: body.nombreUsuario,
        nombreCompleto: 'Verónica Núñez',
        roles: ['verificador'],
        catd: 'M002',
        activo: true,
        creadoEn: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
      await http().post('/auth/login').send({ usuario: body.nombreUsuario, contrasena: body.contrasena }).expect(200);

      const dup = await http()
        .post('/usuarios')
        .set(claveNueva())
        .set(bearer(admin.token))
        .send(nuevo({ nombreUsuario: body.nombreUsuario }))
        .expect(409);
      expect(dup.body).toEqual({ codigo: 'USUARIO_DUPLICADO', mensaje: expect.stringContaining(body.nombreUsuario) });
    });

    it('refuses bad accounts naming the field: CATD role without catd, short password, unknown role', async () => {
      const sinCatd = await http()
        .post('/usuarios')
        .set(claveNueva())
        .set(bearer(admin.token))
        .send(nuevo({ catd: undefined }))
        .expect(400);
      expect(sinCatd.body.errores).toEqual([{ campo: 'catd', mensajes: [expect.stringMatching(/obligatorio para el rol verificador/)] }]);
      const corta = await http()
        .post('/usuarios')
        .set(claveNueva())
        .set(bearer(admin.token))
        .send(nuevo({ contrasena: 'corta' }))
        .expect(400);
      expect(corta.body.errores.map((e: { campo: string }) => e.campo)).toEqual(['contrasena']);
      const rol = await http()
        .post('/usuarios')
        .set(claveNueva())
        .set(bearer(admin.token))
        .send(nuevo({ roles: ['jefe'] }))
        .expect(400);
      expect(rol.body.errores.map((e: { campo: string }) => e.campo)).toEqual(['roles']);
    });

    it('GET lists every account for administrador and only its own CATD for coordinador', async () => {
      const enM010 = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: 'M010' });
      const enM011 = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: 'M011' });
      const coord = await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: 'M010' });

      const todos = await http().get('/usuarios').set(bearer(admin.token)).expect(200);
      const nombres = todos.body.map((u: { nombreUsuario: string }) => u.nombreUsuario);
      expect(nombres).toEqual(expect.arrayContaining([enM010.nombreUsuario, enM011.nombreUsuario, admin.nombreUsuario]));
      expect(JSON.stringify(todos.body)).not.toMatch(/passwordHash/);

      const suyos = await http().get('/usuarios').set(bearer(coord.token)).expect(200);
      expect(suyos.body.map((u: { nombreUsuario: string }) => u.nombreUsuario).sort()).toEqual([enM010.nombreUsuario, coord.nombreUsuario].sort());
      const ajeno = await http().get('/usuarios?catd=M011').set(bearer(coord.token)).expect(403);
      expect(ajeno.body.codigo).toBe('SIN_PERMISO');
    });

    it('desactivar: 404 for an unknown id, 400 for a malformed one, 409 for oneself', async () => {
      const nf = await http().post(`/usuarios/${randomUUID()}/desactivar`).set(claveNueva()).set(bearer(admin.token)).expect(404);
      expect(nf.body.codigo).toBe('USUARIO_NO_ENCONTRADO');
      await http().post('/usuarios/no-es-uuid/desactivar').set(claveNueva()).set(bearer(admin.token)).expect(400);
      const yo = await http().post(`/usuarios/${admin.id}/desactivar`).set(claveNueva()).set(bearer(admin.token)).expect(409);
      expect(yo.body.codigo).toBe('NO_PUEDE_DESACTIVARSE');
    });
  });
});
