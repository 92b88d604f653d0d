import * as net from 'node:net';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { generarCaptura, type ActaDelCatalogo, type Captura } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';
import { cargarCatalogoDePrueba, esperar, jpegDePrueba } from './support/actas';
import { WorkerProceso } from './support/worker-proceso';
import { claveNueva } from './support/idempotencia';

async function puertoLibre(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

type Linea = Record<string, unknown> & { level: string; msg: string; reqId?: string };

/**
 * The real API process (apps/api/src/main.ts, as `npm start` runs it) with its default production
 * format, driven through a login and an acta's captures and verificación with known secrets and vote
 * values; everything it printed is then read back line by line.
 */
describe('structured logs: one JSON line per request, with its id, and never a secret or a vote', () => {
  let h: Harness;
  let api: WorkerProceso;
  let base: string;
  let acta: ActaDelCatalogo;
  const ids: string[] = [];
  const secretos: string[] = [];

  const http = () => request(base);
  /** Each request made here, remembering its id so the test can find its line. */
  const anotar = (r: request.Response) => {
    ids.push(r.headers['x-request-id']);
    return r;
  };
  const lineas = (): Linea[] =>
    api.salida
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l) as Linea;
        } catch {
          throw new Error(`una línea del API no es JSON: ${l.slice(0, 300)}`);
        }
      });

  beforeAll(async () => {
    h = await startHarness();
    // Entidad 5: no other test file uses it (claves are workflow ids in one shared Temporal namespace).
    ({
      actas: [acta],
    } = await cargarCatalogoDePrueba(h.app, { idEntidad: 5, semilla: 28, casillas: 6, municipios: 1 }));
    const puerto = await puertoLibre();
    // NODE_ENV=test here, like production: JSON unless PREP_LOG_FORMATO=texto; LOG_LEVEL=log shows every request.
    api = new WorkerProceso({ PORT: String(puerto), LOG_LEVEL: 'log', PREP_LOG_FORMATO: '' }, { entrada: 'apps/api/src/main.ts', listo: 'API en http' });
    await api.iniciar(120_000);
    base = `http://127.0.0.1:${puerto}`;
  });
  afterAll(async () => {
    await api?.detener();
    await h?.close();
  });

  it('logs in, captures twice, resolves the mismatch and fails one request, leaving only safe JSON lines', async () => {
    const catd = acta.casilla.catd;
    const cuentas = { aco: ['acopiador'], dig: ['digitalizador'], c1: ['capturista'], c2: ['capturista'], ver: ['verificador'] } as const;
    const t: Record<string, string> = {};
    for (const [n, roles] of Object.entries(cuentas)) {
      const u = await crearUsuarioConToken(h.app, { roles: [...roles], catd });
      // Logged in at the process under test, with the known password.
      const r = anotar(await http().post('/auth/login').send({ usuario: u.nombreUsuario, contrasena: CONTRASENA_PRUEBA }));
      esperar(r, 200, `login de ${n}`);
      t[n] = r.body.token;
      secretos.push(r.body.token);
    }
    anotar(await http().post('/auth/login').send({ usuario: 'nadie.conocido', contrasena: 'Contrasena-Equivocada-91!' }).expect(401));
    secretos.push(CONTRASENA_PRUEBA, 'Contrasena-Equivocada-91!');
    const auth = (n: string) => ({ Authorization: `Bearer ${t[n]}` });

    anotar(await http().post('/actas/acopio').set(claveNueva()).set(auth('aco')).send({ claveActa: acta.claveActa, mecanismoTraslado: 'F' }).expect(201));
    const img = anotar(
      await http()
        .post(`/actas/${acta.claveActa}/imagenes`)
        .set(claveNueva())
        .set(auth('dig'))
        .attach('imagen', jpegDePrueba(acta.claveActa), 'acta.jpg')
        .field('origen', 'CATD')
        .field('medio', 'ESCANER')
        .expect(201),
    );
    // Vote values no log has any reason to hold: each field gets a distinctive number.
    const captura = (desplazamiento: number): Captura =>
      Object.fromEntries(Object.keys(generarCaptura('registro', acta.casilla, acta.eleccion.columnasVoto)).map((c, i) => [c, desplazamiento + i]));
    const [v1, v2] = [captura(87_000), captura(93_000)];
    for (const [quien, valores] of [
      ['c1', v1],
      ['c2', v2],
    ] as const) {
      anotar(await http().get('/tareas/siguiente').query({ tipo: 'CAPTURA', claveActa: acta.claveActa }).set(auth(quien)).expect(200));
      anotar(await http().post(`/actas/${acta.claveActa}/capturas`).set(claveNueva()).set(auth(quien)).send({ valores }).expect(201));
    }
    anotar(await http().get('/tareas/siguiente').query({ tipo: 'VERIFICACION', claveActa: acta.claveActa }).set(auth('ver')).expect(200));
    const ver = anotar(
      await http()
        .post(`/actas/${acta.claveActa}/verificacion`)
        .set(claveNueva())
        .set(auth('ver'))
        .send({ decision: 'CORREGIR', valores: v1, motivo: 'según la imagen' }),
    );
    // Excede lista nominal or not, the verificación itself is accepted.
    esperar(ver, 200, 'verificación');

    // A 5xx: the read model made to name a file outside the image store.
    const em = h.app.get(EntityManager).fork();
    await em.execute(`update acta set estado = jsonb_set(estado, '{imagenes,0,ruta}', '"../secretos/jwt.secret"') where clave_acta = ?`, [acta.claveActa]);
    const roto = anotar(
      await http().get(`/actas/${acta.claveActa}/imagenes/${img.body.sha256}`).set(auth('ver')).set('X-Request-Id', 'prueba-registro-500').expect(500),
    );
    expect(roto.headers['x-request-id']).toBe('prueba-registro-500');

    // Give the process a moment to flush its last lines.
    await new Promise((r) => setTimeout(r, 300));
    const todas = lineas();
    expect(todas.find((l) => /API en http/.test(l.msg))).toMatchObject({ level: 'info', context: 'api' });

    // One line per request, with its id, method, route, status, duration and who asked.
    const porId = new Map(todas.filter((l) => l.reqId && typeof l.status === 'number').map((l) => [l.reqId!, l]));
    for (const id of ids) expect(porId.get(id)).toBeDefined();
    expect(porId.get(ids[0])).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/auth/login',
      route: '/auth/login',
      status: 200,
      durationMs: expect.any(Number),
    });
    const capturaLinea = [...porId.values()].find((l) => l.route === '/actas/:clave/capturas')!;
    expect(capturaLinea).toMatchObject({ method: 'POST', status: 201, userId: expect.any(String), roles: ['capturista'] });
    expect(porId.get('prueba-registro-500')).toMatchObject({ level: 'error', status: 500, route: '/actas/:clave/imagenes/:sha256' });
    // The exception filter's report of that 5xx carries the same request id.
    expect(todas.find((l) => l.reqId === 'prueba-registro-500' && l.context === 'api' && /ruta de imagen no válida/.test(l.msg))).toMatchObject({
      level: 'error',
    });

    // Never a password, a token, an Authorization header or a vote.
    const texto = api.salida;
    for (const s of secretos) expect(texto).not.toContain(s);
    expect(texto).not.toMatch(/Bearer|authorization|cookie|contrasena|"valores"/i);
    for (const [campo, valor] of [...Object.entries(v1), ...Object.entries(v2)]) {
      expect(texto).not.toContain(`"${campo}"`);
      expect(texto).not.toContain(String(valor));
    }
  });
});
