import request from 'supertest';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';

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
});
