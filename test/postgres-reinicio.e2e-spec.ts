import request from 'supertest';
import { detenerServicio, iniciarServicio } from '../scripts/services/control';
import { isPortOpen } from '../scripts/services/proc';
import { Harness, startHarness } from './support/harness';
import { stackDePruebas } from './support/servicios';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';

/**
 * PostgreSQL restarted under a running API (the failure drill `postgres`, README "Simulacros de
 * fallas"): while it is down every route that needs it answers 503 with a Spanish message — never a
 * 500 — and once it is back the same API process serves again, with no restart.
 */
describe('PostgreSQL restarted under a running API', () => {
  const stack = stackDePruebas();
  let h: Harness;
  let usuario: { nombreUsuario: string; token: string };
  const http = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    usuario = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
  });
  afterAll(async () => {
    // A failed assertion must not leave the rest of the run without its database.
    if (!(await isPortOpen(stack.config.ports.postgres))) await iniciarServicio(stack, 'postgres');
    await h?.close();
  });

  it('answers 503 while it is down and recovers by itself once it is back', async () => {
    await http().get('/difusion/cortes').expect(200);
    await detenerServicio(stack, 'postgres');

    const feed = await http().get('/difusion/cortes');
    expect({ status: feed.status, codigo: feed.body.codigo }).toEqual({ status: 503, codigo: 'SERVICIO_NO_DISPONIBLE' });
    expect(feed.body.mensaje).toMatch(/PostgreSQL.*no responde/);
    const login = await http().post('/auth/login').send({ usuario: usuario.nombreUsuario, contrasena: CONTRASENA_PRUEBA });
    expect(login.status).toBe(503);
    const lista = await http().get('/actas').set('Authorization', `Bearer ${usuario.token}`);
    expect(lista.status).toBe(503);

    await iniciarServicio(stack, 'postgres');
    let ultimo = 0;
    for (let i = 0; i < 60 && ultimo !== 200; i++) {
      ultimo = (await http().get('/difusion/cortes')).status;
      if (ultimo !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ultimo).toBe(200);
    await http().get('/actas').set('Authorization', `Bearer ${usuario.token}`).expect(200);
    await http().post('/auth/login').send({ usuario: usuario.nombreUsuario, contrasena: CONTRASENA_PRUEBA }).expect(200);
  });
});
