import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { escribirCarpetaCatalogo } from '@prep/catalogo';
import { generarCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { npmRun } from './support/cli';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

/** A loopback port nobody listens on: an immudb that does not answer. */
async function puertoCerrado(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * The outage rule (README "Bitácora: qué pasa si immudb no responde"): a staff action whose bitácora
 * record cannot be written is refused — 503 BITACORA_NO_DISPONIBLE from the API, exit code 1 and a
 * Spanish message from the CLIs — and PostgreSQL keeps no trace of it. A second API on the same
 * database points at a closed port; the first (with the real immudb) prepares accounts and tokens.
 */
describe('immudb down: staff actions are refused and change nothing', () => {
  let h: Harness;
  let sinBitacora: Harness;
  let admin: { id: string; nombreUsuario: string; token: string };
  let capturista: { id: string; nombreUsuario: string; token: string };
  let immudbCaido: string;
  let tmp: string;
  const catalogo = generarCatalogo({ semilla: 'bitacora-caida', casillas: 20, distritos: 2, municipios: 2, catdsMunicipales: 1 });

  const sql = <T>(q: string, p: unknown[] = []) => h.app.get(EntityManager).fork().execute<T[]>(q, p);
  const http = () => request(sinBitacora.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    capturista = await crearUsuarioConToken(h.app, { roles: ['capturista'], catd: 'M001' });
    immudbCaido = `127.0.0.1:${await puertoCerrado()}`;
    sinBitacora = await startHarness({ withWorker: false, env: { IMMUDB_ADDRESS: immudbCaido } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-bitacora-caida-'));
    escribirCarpetaCatalogo(tmp, catalogo);
  });
  afterAll(async () => {
    await sinBitacora?.close();
    await h?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const esperar503 = (res: request.Response) => {
    expect({ status: res.status, codigo: res.body.codigo }).toEqual({ status: 503, codigo: 'BITACORA_NO_DISPONIBLE' });
    expect(res.body.mensaje).toMatch(/immudb.*no se realizó/);
  };

  it('POST /usuarios answers 503 and creates no account', async () => {
    const nombreUsuario = `caida.${randomUUID().slice(0, 8)}`;
    esperar503(
      await http()
        .post('/usuarios')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ nombreUsuario, nombreCompleto: 'Sin bitácora', contrasena: CONTRASENA_PRUEBA, roles: ['acopiador'], catd: 'M001' }),
    );
    expect(await sql('select 1 from usuario where nombre_usuario = ?', [nombreUsuario])).toEqual([]);
  });

  it('POST /usuarios/{id}/desactivar answers 503 and the account stays active', async () => {
    esperar503(await http().post(`/usuarios/${capturista.id}/desactivar`).set(claveNueva()).set('Authorization', `Bearer ${admin.token}`));
    expect(await sql('select activo from usuario where id = ?', [capturista.id])).toEqual([{ activo: true }]);
  });

  it('POST /catalogo answers 503 and loads nothing', async () => {
    esperar503(
      await http()
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', path.join(tmp, 'catalogo.json'))
        .attach('casillas', path.join(tmp, 'casillas.csv')),
    );
    expect(await sql('select count(*)::int as n from catalogo_carga')).toEqual([{ n: 0 }]);
    expect(await sql('select count(*)::int as n from casilla')).toEqual([{ n: 0 }]);
  });

  it('a task claim answers 503 and the task stays free', async () => {
    const tarea = randomUUID();
    await sql(`insert into tarea (id, clave_acta, tipo, ronda, slot, catd) values (?, '1400011B01006', 'CAPTURA', 1, 1, 'M001')`, [tarea]);
    esperar503(await http().get('/tareas/siguiente').query({ tipo: 'CAPTURA' }).set('Authorization', `Bearer ${capturista.token}`));
    expect(await sql('select tomada_por from tarea where id = ?', [tarea])).toEqual([{ tomada_por: null }]);
    expect(await sql('select count(*)::int as n from tarea_evento where tarea_id = ?', [tarea])).toEqual([{ n: 0 }]);
  });

  it('`npm run usuarios -- crear` and `npm run catalogo -- cargar` exit 1 with a Spanish message and change nothing', async () => {
    const nombreUsuario = `cli.caida.${randomUUID().slice(0, 8)}`;
    const usuarios = await npmRun('usuarios', ['crear', '--usuario', nombreUsuario, '--nombre', 'Sin bitácora', '--roles', 'auditor'], {
      PREP_CONTRASENA: CONTRASENA_PRUEBA,
      IMMUDB_ADDRESS: immudbCaido,
    });
    expect(usuarios.codigo).toBe(1);
    expect(usuarios.stderr).toMatch(/\[usuarios\] La bitácora inmutable \(immudb\) no responde; la acción no se realizó.*BITACORA_NO_DISPONIBLE/);
    expect(await sql('select 1 from usuario where nombre_usuario = ?', [nombreUsuario])).toEqual([]);

    const carga = await npmRun('catalogo', ['cargar', tmp], { IMMUDB_ADDRESS: immudbCaido });
    expect(carga.codigo).toBe(1);
    expect(carga.stderr).toMatch(/\[catálogo\] La bitácora inmutable \(immudb\) no responde/);
    expect(await sql('select count(*)::int as n from catalogo_carga')).toEqual([{ n: 0 }]);
  });
});
