import request from 'supertest';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

/** Each case is a defect the OpenAPI fuzzing (fuzz-openapi.e2e-spec.ts) found, pinned down on its own. */
describe('defects found by the OpenAPI fuzzing', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('GET /puesta-en-ceros/acta.html before the puesta en ceros: its 404 is JSON, not an error body labelled as HTML', async () => {
    const { token } = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const r = await request(h.app.getHttpServer()).get('/puesta-en-ceros/acta.html').set('Authorization', `Bearer ${token}`);
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body).toMatchObject({ codigo: 'PUESTA_EN_CEROS_PENDIENTE' });
  });

  // PostgreSQL text cannot hold U+0000: the login's lookup failed in the database and answered 500.
  it('a NUL character in the login, a new account or a query is a 400 naming the field, never a 500', async () => {
    const http = () => request(h.app.getHttpServer());
    const login = await http().post('/auth/login').send({ usuario: 'nadie\u0000', contrasena: 'x' });
    expect({ status: login.status, codigo: login.body.codigo, campo: login.body.errores?.[0]?.campo }).toEqual({
      status: 400,
      codigo: 'CARACTER_NULO',
      campo: 'usuario',
    });

    const { token } = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const cuenta = await http()
      .post('/usuarios')
      .set(claveNueva())
      .set('Authorization', `Bearer ${token}`)
      .send({ nombreUsuario: 'nulo.prueba', nombreCompleto: 'Persona\u0000Nula', contrasena: 'Prueba-Segura-2026!', roles: ['auditor'] });
    expect({ status: cuenta.status, codigo: cuenta.body.codigo }).toEqual({ status: 400, codigo: 'CARACTER_NULO' });

    const lista = await http().get('/usuarios').query({ catd: 'M0\u00001' }).set('Authorization', `Bearer ${token}`);
    expect({ status: lista.status, codigo: lista.body.codigo }).toEqual({ status: 400, codigo: 'CARACTER_NULO' });
  });
});
