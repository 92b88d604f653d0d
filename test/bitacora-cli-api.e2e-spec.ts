import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { PREFIJO_PERSONAL, type BitacoraImmudb } from '@prep/audit';
import { escribirCarpetaCatalogo } from '@prep/catalogo';
import { generarCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { conectarBitacora, esperar } from './support/actas';
import { npmRun } from './support/cli';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

interface Registro {
  esquema: number;
  tipo: string;
  id: string;
  usuario: string;
  fechaHora: string;
  datos: Record<string, unknown>;
  sha256Datos: string;
}

/** The record without what may differ between two entry points: its id, time, who, and the hash of datos. */
const sinIdentidad = ({ id: _id, fechaHora: _f, usuario: _u, sha256Datos: _s, ...resto }: Registro) => resto;

/**
 * One writer per truth: the CLIs run the same library code as the API (libs/catalogo, libs/cuentas),
 * so a catálogo load or an account creation leaves the same bitácora record whichever way it is done.
 * The CLIs run for real (`npm run …` child processes) against this file's database and immudb.
 */
describe('the CLIs leave the same bitácora records as the API', () => {
  let h: Harness;
  let bitacora: BitacoraImmudb;
  let admin: { nombreUsuario: string; token: string };
  let tmp: string;
  const a = generarCatalogo({ semilla: 'bitacora-cli-a', casillas: 40, distritos: 2, municipios: 3, catdsMunicipales: 2 });
  const b = generarCatalogo({ semilla: 'bitacora-cli-b', casillas: 30, distritos: 2, municipios: 3, catdsMunicipales: 2 });

  const http = () => request(h.app.getHttpServer());
  const registrosDesde = async (desde: Date, tipo: string): Promise<Registro[]> =>
    (await bitacora.scan(PREFIJO_PERSONAL, { seekKey: `${PREFIJO_PERSONAL}${desde.toISOString()}`, limit: 1000 }))
      .map((e) => JSON.parse(e.value) as Registro)
      .filter((r) => r.tipo === tipo);

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    bitacora = await conectarBitacora('cli-api');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-bitacora-cli-'));
    escribirCarpetaCatalogo(path.join(tmp, 'a'), a);
    escribirCarpetaCatalogo(path.join(tmp, 'b'), b);
  });
  afterAll(async () => {
    bitacora?.close();
    await h?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('catálogo: POST /catalogo and `npm run catalogo -- cargar` each write one CATALOGO_CARGADO of the same shape', async () => {
    const desde = new Date();
    const api = esperar(
      await http()
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', path.join(tmp, 'a', 'catalogo.json'))
        .attach('casillas', path.join(tmp, 'a', 'casillas.csv')),
      201,
      'POST /catalogo',
    ).body;
    const cli = await npmRun('catalogo', ['cargar', path.join(tmp, 'b'), '--por', 'cli-prueba']);
    expect(cli).toMatchObject({ codigo: 0 });
    const vigente = esperar(await http().get('/catalogo').set('Authorization', `Bearer ${admin.token}`), 200, 'GET /catalogo').body;

    const [deApi, deCli, ...otros] = await registrosDesde(desde, 'CATALOGO_CARGADO');
    expect(otros).toEqual([]);
    const datos = (r: { sha256: string; version: string | null; totalCasillas: number; totalActasEsperadas: number }) => ({
      sha256: r.sha256,
      version: r.version ?? null,
      totalCasillas: r.totalCasillas,
      totalActasEsperadas: r.totalActasEsperadas,
    });
    expect(deApi).toMatchObject({ usuario: admin.nombreUsuario, datos: datos(api) });
    expect(deCli).toMatchObject({ usuario: 'cli-prueba', datos: datos(vigente) });
    expect(vigente.sha256).not.toBe(api.sha256);
    // Same record type, schema and datos keys; only the values of the two catálogos differ.
    expect(Object.keys(deCli.datos).sort()).toEqual(Object.keys(deApi.datos).sort());
    expect({ ...sinIdentidad(deCli), datos: null }).toEqual({ ...sinIdentidad(deApi), datos: null });
  });

  it('cuentas: POST /usuarios and `npm run usuarios -- crear` write the same USUARIO_CREADO', async () => {
    const catd = b.catds[0].id;
    const sufijo = randomBytes(4).toString('hex');
    const desde = new Date();
    esperar(
      await http()
        .post('/usuarios')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ nombreUsuario: `api.${sufijo}`, nombreCompleto: 'Por la API', contrasena: CONTRASENA_PRUEBA, roles: ['capturista', 'verificador'], catd }),
      201,
      'POST /usuarios',
    );
    const cli = await npmRun(
      'usuarios',
      ['crear', '--usuario', `cli.${sufijo}`, '--nombre', 'Por la CLI', '--roles', 'capturista,verificador', '--catd', catd, '--por', 'cli-prueba'],
      { PREP_CONTRASENA: CONTRASENA_PRUEBA },
    );
    expect(cli).toMatchObject({ codigo: 0 });

    const [deApi, deCli, ...otros] = await registrosDesde(desde, 'USUARIO_CREADO');
    expect(otros).toEqual([]);
    expect(deApi).toMatchObject({ usuario: admin.nombreUsuario, datos: { nombreUsuario: `api.${sufijo}`, roles: ['capturista', 'verificador'], catd } });
    expect(deCli.usuario).toBe('cli-prueba');
    const comoApi = (r: Registro) => ({ ...sinIdentidad(r), datos: { ...r.datos, nombreUsuario: '(cuenta)' } });
    expect(comoApi(deCli)).toEqual(comoApi(deApi));
  });
});
