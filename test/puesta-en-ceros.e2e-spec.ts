import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { huellaClavePublica, leerAccionPersonal } from '@prep/audit';
import { escribirCarpetaCatalogo } from '@prep/catalogo';
import { generarCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { cargarCatalogoDePrueba, ClienteApi, conectarBitacora } from './support/actas';
import { npmRun } from './support/cli';
import { crearUsuarioConToken } from './support/usuarios';
import { WorkerProceso } from './support/worker-proceso';
import { claveNueva } from './support/idempotencia';

const RAIZ = path.resolve(__dirname, '..');
const HEX64 = /^[0-9a-f]{64}$/;

/** A copy of the checkout with one changed byte in the worker's code: a build nobody audited. */
function copiaModificada(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-compilacion-cambiada-'));
  for (const f of ['apps', 'libs', 'workflows', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json']) {
    fs.cpSync(path.join(RAIZ, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(RAIZ, 'node_modules'), path.join(dir, 'node_modules'));
  fs.appendFileSync(path.join(dir, 'apps/worker/src/main.ts'), '// cambio no auditado\n');
  return dir;
}

/** A free local port, and later a TCP relay on it to `destino`: immudb "coming back" at that address. */
async function puertoLibre(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function relevo(puerto: number, destino: string): net.Server {
  const [host, port] = destino.split(':');
  const servidor = net.createServer((cliente) => {
    const d = net.connect(Number(port), host);
    cliente.pipe(d).pipe(cliente);
    cliente.on('error', () => d.destroy());
    d.on('error', () => cliente.destroy());
  });
  servidor.listen(puerto, '127.0.0.1');
  return servidor;
}

describe('puesta en ceros and the build on record', () => {
  let h: Harness;
  const procesos: WorkerProceso[] = [];
  const temporales: string[] = [];
  const relevos: net.Server[] = [];

  afterAll(async () => {
    for (const p of procesos) await p.detener();
    for (const r of relevos) r.close();
    await h?.close();
    for (const t of temporales) fs.rmSync(t, { recursive: true, force: true });
  });

  const http = () => request(h.app.getHttpServer());
  const puesta = (token: string, body: object) => http().post('/puesta-en-ceros').set(claveNueva()).set('Authorization', `Bearer ${token}`).send(body);
  const compilacion = (token: string) => http().get('/auditoria/compilacion').set('Authorization', `Bearer ${token}`);

  /** Polls the auditor's view until the process with this pid has its PROCESO_INICIADO there. */
  async function procesoEnBitacora(token: string, pid: number) {
    const hasta = Date.now() + 60_000;
    for (;;) {
      const res = await compilacion(token).expect(200);
      const p = res.body.procesos.find((x: { pid: number }) => x.pid === pid);
      if (p) return { respuesta: res.body, proceso: p };
      if (Date.now() > hasta) throw new Error(`el proceso ${pid} no apareció en /auditoria/compilacion: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('is refused while the system holds an acta, and changes nothing', async () => {
    h = await startHarness();
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 28, semilla: 5, casillas: 10 });
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const auditor = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
    const acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: actas[0].casilla.catd });
    await new ClienteApi(h.app).acopio(acopiador.token, actas[0].claveActa).expect(201);
    const em = h.app.get(EntityManager).fork();
    for (let i = 0; (await em.execute('select 1 from acta')).length === 0; i++) {
      if (i > 100) throw new Error('el acta no llegó al modelo de lectura');
      await new Promise((r) => setTimeout(r, 100));
    }

    const res = await puesta(admin.token, { testigoAuditor: auditor.nombreUsuario, notario: 'Lic. Ana Ruiz, Notaría 7' });
    expect({ status: res.status, codigo: res.body.codigo }).toEqual({ status: 409, codigo: 'SISTEMA_NO_VACIO' });
    expect(res.body.mensaje).toMatch(/el sistema no está vacío \(1 acta\(s\) en la base de datos;.*entradas de actas en la bitácora\)/);
    expect(await em.execute('select 1 from puesta_en_ceros')).toEqual([]);
    const bitacora = await conectarBitacora('pruebas-puesta');
    try {
      expect((await bitacora.scan('personal/', { limit: 1000 })).filter((e) => e.value.includes('"tipo":"PUESTA_EN_CEROS"'))).toEqual([]);
    } finally {
      bitacora.close();
    }
    await h.close();
  });

  describe('on an empty system', () => {
    let admin: { token: string; nombreUsuario: string };
    let auditor: { token: string; nombreUsuario: string };
    let registrada: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const otro = generarCatalogo({ semilla: 'puesta-otro', casillas: 12, distritos: 2, municipios: 2, idEntidad: 29, nombreEntidad: 'ENTIDAD 29' });
    let carpetaOtro: string;

    beforeAll(async () => {
      h = await startHarness({ basesNuevas: true, withWorker: false });
      admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
      auditor = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
      carpetaOtro = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-puesta-otro-'));
      temporales.push(carpetaOtro);
      escribirCarpetaCatalogo(carpetaOtro, otro);
    });

    it('needs a catálogo and an active auditor as witness', async () => {
      const sinCatalogo = await puesta(admin.token, { testigoAuditor: auditor.nombreUsuario });
      expect({ status: sinCatalogo.status, codigo: sinCatalogo.body.codigo }).toEqual({ status: 409, codigo: 'SIN_CATALOGO' });
      await cargarCatalogoDePrueba(h.app, { idEntidad: 28, semilla: 6, casillas: 10 });
      const noAuditor = await puesta(admin.token, { testigoAuditor: admin.nombreUsuario });
      expect({ status: noAuditor.status, codigo: noAuditor.body.codigo }).toEqual({ status: 422, codigo: 'TESTIGO_AUDITOR_NO_VALIDO' });
      expect(noAuditor.body.mensaje).toContain('no tiene el rol auditor');
      await puesta(auditor.token, { testigoAuditor: auditor.nombreUsuario }).expect(403);
    });

    it('before it, the auditor sees the processes but no reference build', async () => {
      const res = await compilacion(auditor.token).expect(200);
      expect(res.body).toMatchObject({ puestaEnCeros: null, marcados: 0, mensaje: expect.stringContaining('no hay compilación de referencia') });
    });

    it('records the empty counts, the catálogo, the signed bitácora state and the build, in PostgreSQL and in the bitácora', async () => {
      const catalogo = (await http().get('/catalogo').set('Authorization', `Bearer ${admin.token}`).expect(200)).body;
      const res = await puesta(admin.token, { testigoAuditor: auditor.nombreUsuario, notario: 'Lic. Ana Ruiz, Notaría 7' }).expect(201);
      registrada = res.body;
      const r = registrada.registro;
      // null until the publication's corte table exists, then 0.
      expect(r.conteos).toEqual({ actas: 0, tareas: 0, cortes: 0, entradasActaEnBitacora: 0 });
      expect(r.catalogo).toMatchObject({ sha256: catalogo.sha256, totalCasillas: catalogo.totalCasillas, totalActasEsperadas: catalogo.totalActasEsperadas });
      expect(r.testigoAuditor.nombreUsuario).toBe(auditor.nombreUsuario);
      expect(r.notario).toBe('Lic. Ana Ruiz, Notaría 7');
      expect(r.bitacora).toMatchObject({ txId: expect.any(Number), txHash: expect.stringMatching(HEX64), claveEsperada: true });
      expect(r.bitacora.huellaClavePublica).toBe(huellaClavePublica(fs.readFileSync(process.env.IMMUDB_CLAVE_PUBLICA!, 'utf8')));
      expect(r.compilacion).toMatchObject({
        modo: 'ts',
        api: expect.stringMatching(HEX64),
        worker: expect.stringMatching(HEX64),
        bundleWorkflows: expect.stringMatching(HEX64),
        packageLock: expect.stringMatching(HEX64),
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      });

      // The bitácora holds the very same record, proven.
      const bitacora = await conectarBitacora('pruebas-puesta');
      try {
        const leida = await bitacora.verifiedGet(registrada.bitacoraClave);
        const accion = leerAccionPersonal(registrada.bitacoraClave, leida!.value);
        expect(accion).toMatchObject({ tipo: 'PUESTA_EN_CEROS', usuario: admin.nombreUsuario, datos: r });
        expect(leida!.txId).toBe(registrada.bitacoraTx);
        expect(leida!.txId).toBeGreaterThan(r.bitacora.txId);
      } finally {
        bitacora.close();
      }
      const cotaprep = await crearUsuarioConToken(h.app, { roles: ['cotaprep'] });
      expect((await http().get('/puesta-en-ceros').set('Authorization', `Bearer ${cotaprep.token}`).expect(200)).body).toEqual(registrada);
    });

    it('is done once: a second one is refused', async () => {
      const res = await puesta(admin.token, { testigoAuditor: auditor.nombreUsuario });
      expect({ status: res.status, codigo: res.body.codigo }).toEqual({ status: 409, codigo: 'PUESTA_EN_CEROS_YA_REALIZADA' });
      expect(res.body.mensaje).toContain(registrada.bitacoraClave);
    });

    it('freezes the catálogo for the API and the CLI alike', async () => {
      const api = await http()
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', path.join(carpetaOtro, 'catalogo.json'))
        .attach('casillas', path.join(carpetaOtro, 'casillas.csv'));
      expect({ status: api.status, codigo: api.body.codigo }).toEqual({ status: 409, codigo: 'CATALOGO_CONGELADO' });
      expect(api.body.mensaje).toContain('la puesta en ceros ya se realizó');
      const cli = await npmRun('catalogo', ['cargar', carpetaOtro]);
      expect(cli.codigo).toBe(1);
      expect(cli.stderr).toMatch(/\[catálogo\] El catálogo ya no puede cambiarse: la puesta en ceros ya se realizó.*CATALOGO_CONGELADO/);
      expect((await http().get('/catalogo').set('Authorization', `Bearer ${admin.token}`).expect(200)).body.sha256).toBe(registrada.registro.catalogo.sha256);
    });

    it('prints an acta in Spanish with the figures and blank signature lines', async () => {
      const res = await http().get('/puesta-en-ceros/acta.html').set('Authorization', `Bearer ${auditor.token}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      const r = registrada.registro;
      for (const cifra of [
        'Acta de puesta en ceros',
        r.catalogo.sha256,
        r.bitacora.txHash,
        r.bitacora.huellaClavePublica,
        r.compilacion.api,
        r.compilacion.worker,
        r.compilacion.bundleWorkflows,
        r.compilacion.packageLock,
        r.compilacion.commit,
        registrada.bitacoraClave,
        'Lic. Ana Ruiz, Notaría 7',
        r.testigoAuditor.nombreCompleto,
        'Notario público',
        'Ente auditor',
        'Administrador del PREP',
      ]) {
        expect(res.text).toContain(String(cifra));
      }
      expect(res.text).toContain(`<tr><th>Transacción (txId)</th><td>${r.bitacora.txId}</td></tr>`);
      expect(res.text.match(/class="linea"/g)).toHaveLength(3);
      if (process.env.PREP_ACTA_HTML_SALIDA) fs.writeFileSync(process.env.PREP_ACTA_HTML_SALIDA, res.text);
    });

    it('lists every worker and API process started since, and flags the one that runs a changed build', async () => {
      // Started from another working folder: the bundle must not depend on it (webpack's context).
      const igual = new WorkerProceso({}, { cwd: os.tmpdir() });
      procesos.push(igual);
      await igual.iniciar(120_000);
      const { proceso: bueno } = await procesoEnBitacora(auditor.token, igual.pid!);
      expect(bueno).toMatchObject({ tipo: 'worker', host: os.hostname(), coincide: true, diferencias: [] });
      expect(bueno.compilacion.codigo).toBe(registrada.registro.compilacion.worker);
      expect(bueno.compilacion.bundleWorkflows).toBe(registrada.registro.compilacion.bundleWorkflows);

      const copia = copiaModificada();
      temporales.push(copia);
      const cambiado = new WorkerProceso({}, { raiz: copia });
      procesos.push(cambiado);
      await cambiado.iniciar(120_000);
      const { respuesta, proceso: malo } = await procesoEnBitacora(auditor.token, cambiado.pid!);
      expect(malo).toMatchObject({ tipo: 'worker', coincide: false, diferencias: expect.arrayContaining(['codigo']) });
      expect(malo.compilacion.codigo).not.toBe(registrada.registro.compilacion.worker);
      expect(respuesta.marcados).toBe(1);
      expect(respuesta.mensaje).toMatch(/1 de \d+ proceso\(s\).*NO corren la compilación registrada/);
      expect(respuesta.puestaEnCeros).toMatchObject({ bitacoraClave: registrada.bitacoraClave, compilacion: registrada.registro.compilacion });

      const api = new WorkerProceso({ PORT: '0' }, { entrada: 'apps/api/src/main.ts', listo: 'API en http' });
      procesos.push(api);
      await api.iniciar(120_000);
      const { proceso: deApi } = await procesoEnBitacora(admin.token, api.pid!);
      expect(deApi).toMatchObject({ tipo: 'api', coincide: true, compilacion: { codigo: registrada.registro.compilacion.api, bundleWorkflows: null } });
    });

    it('a process started while immudb does not answer runs anyway and writes its record once immudb is back', async () => {
      const puerto = await puertoLibre();
      const worker = new WorkerProceso({ IMMUDB_ADDRESS: `127.0.0.1:${puerto}` });
      procesos.push(worker);
      await worker.iniciar(120_000);
      for (let i = 0; !worker.salida.includes('PROCESO_INICIADO aún no está en la bitácora'); i++) {
        if (i > 300) throw new Error(`el worker no avisó del reintento:\n${worker.salida}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const antes = (await compilacion(auditor.token).expect(200)).body.procesos;
      expect(antes.find((p: { pid: number }) => p.pid === worker.pid)).toBeUndefined();

      relevos.push(relevo(puerto, process.env.IMMUDB_ADDRESS!));
      const { proceso } = await procesoEnBitacora(auditor.token, worker.pid!);
      expect(proceso).toMatchObject({ tipo: 'worker', coincide: true });
      // The record keeps the real start time, earlier than the moment it could be written.
      expect(Date.parse(proceso.inicio)).toBeLessThan(Date.parse(proceso.registradoEn) - 1000);
    });
  });
});
