import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { escribirCarpetaCatalogo } from '@prep/catalogo';
import { generarCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { cargarCatalogoDePrueba, ClienteApi } from './support/actas';
import { npmRun } from './support/cli';
import { crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

/** Once an acta exists the catálogo may not change, from the API or the CLI (the same library code). */
describe('the catálogo is frozen once the first acta exists', () => {
  let h: Harness;
  let tmp: string;
  const otro = generarCatalogo({ semilla: 'congelado-otro', casillas: 25, distritos: 2, municipios: 2, idEntidad: 21, nombreEntidad: 'ENTIDAD 21' });

  beforeAll(async () => {
    h = await startHarness();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-congelado-'));
    escribirCarpetaCatalogo(tmp, otro);
  });
  afterAll(async () => {
    await h?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses POST /catalogo and `npm run catalogo -- cargar` with CATALOGO_CONGELADO after an acopio', async () => {
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 20, semilla: 41, casillas: 20 });
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const enviar = () =>
      request(h.app.getHttpServer())
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', path.join(tmp, 'catalogo.json'))
        .attach('casillas', path.join(tmp, 'casillas.csv'));
    const vigente = async () => (await request(h.app.getHttpServer()).get('/catalogo').set('Authorization', `Bearer ${admin.token}`)).body.sha256;
    const antes = await vigente();

    const acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: actas[0].casilla.catd });
    await new ClienteApi(h.app).acopio(acopiador.token, actas[0].claveActa).expect(201);
    const em = h.app.get(EntityManager);
    expect(await em.fork().execute('select clave_acta from acta')).toEqual([{ clave_acta: actas[0].claveActa }]);

    const res = await enviar();
    expect({ status: res.status, codigo: res.body.codigo }).toEqual({ status: 409, codigo: 'CATALOGO_CONGELADO' });
    expect(res.body.mensaje).toContain(`ya hay actas registradas (por ejemplo ${actas[0].claveActa})`);

    const cli = await npmRun('catalogo', ['cargar', tmp]);
    expect(cli.codigo).toBe(1);
    expect(cli.stderr).toMatch(/\[catálogo\] El catálogo ya no puede cambiarse: ya hay actas registradas.*CATALOGO_CONGELADO/);
    expect(await vigente()).toBe(antes);
  });
});
