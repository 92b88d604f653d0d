import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { ScheduleNotFoundError, WorkflowFailedError } from '@temporalio/client';
import type { ActaDelCatalogo } from '@prep/domain';
import { TemporalService } from '@prep/api';
import type { BitacoraImmudb } from '@prep/audit';
import { carpetaDeDatosPropia, Harness, startHarness } from './support/harness';
import { crearUsuarioConToken, hacerPuestaEnCeros } from './support/usuarios';
import { cargarCatalogoDePrueba, conectarBitacora, esperar } from './support/actas';
import { binario, hasta, personalDeCatd, registrosPersonales, sha256 } from './support/publicacion';
import { claveNueva } from './support/idempotencia';

interface CorteListado {
  numero: number;
  instante: string;
  txId: number;
  actas: number;
  manifiestoSha256: string;
  zipSha256: string;
}

/**
 * Publication during a running operation, on a schedule of a few seconds: cortes come by
 * themselves, each recorded in the bitácora with its manifest's hash; an acta published after a
 * corte's instant waits for the next; a read-model row altered before a corte stops it.
 */
describe('publication: cortes on a Temporal Schedule and the public feed', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];
  let publicar: (a: ActaDelCatalogo) => Promise<void>;
  let admin: string;
  let bitacora: BitacoraImmudb;
  let ventana: string;
  const dataDir = carpetaDeDatosPropia('publicacion');
  const http = () => request(h.app.getHttpServer());
  const cortes = async () => (await http().get('/difusion/cortes').expect(200)).body as CorteListado[];

  beforeAll(async () => {
    h = await startHarness({ env: { PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA: '4', PREP_DATA_DIR: dataDir } });
    const cat = await cargarCatalogoDePrueba(h.app, { idEntidad: 30, semilla: 41, casillas: 20, municipios: 1 });
    const catd = cat.actas[0].casilla.catd;
    actas = cat.actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S');
    publicar = await personalDeCatd(h.app, catd);
    admin = (await crearUsuarioConToken(h.app, { roles: ['administrador'] })).token;
    // Publication opens only after the puesta en ceros.
    const sinPuesta = await request(h.app.getHttpServer()).post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${admin}`);
    expect(sinPuesta.status).toBe(409);
    expect(sinPuesta.body.codigo).toBe('SIN_PUESTA_EN_CEROS');
    await hacerPuestaEnCeros(h.app, admin);
    bitacora = await conectarBitacora(path.join(dataDir, 'lector'));
  });
  afterAll(async () => {
    bitacora?.close();
    await h?.close();
  });

  it('opens publication (administrador only) and cuts on schedule; a later acta waits for the next corte', async () => {
    const [a1, a2] = actas;
    await publicar(a1);
    const coord = await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: a1.casilla.catd });
    await http().post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${coord.token}`).expect(403);
    await http().post('/publicacion/cortes').set(claveNueva()).set('Authorization', `Bearer ${coord.token}`).expect(409);
    const ap = esperar(await http().post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${admin}`), 201, 'apertura');
    expect(ap.body).toMatchObject({ intervaloSegundos: 4 });
    ventana = ap.body.ventana;
    await http().post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${admin}`).expect(409);
    expect(await registrosPersonales(bitacora, 'PUBLICACION_ABIERTA')).toHaveLength(1);

    const primero = await hasta('un corte con a1', async () => (await cortes()).find((c) => c.actas === 1));
    await publicar(a2);
    const publicadaEn = Date.now();
    const [fila] = await h.app
      .get(EntityManager)
      .fork()
      .execute<{ tx_publicacion: string }[]>('select tx_publicacion from acta where clave_acta = ?', [a2.claveActa]);
    const siguiente = await hasta('un corte con a1 y a2', async () => (await cortes()).find((c) => c.actas === 2));
    // a2's publication came after every corte that carries only a1, and the first corte that carries it came after.
    for (const c of (await cortes()).filter((x) => x.actas === 1)) expect(c.txId).toBeLessThan(Number(fila.tx_publicacion));
    expect(siguiente.txId).toBeGreaterThanOrEqual(Number(fila.tx_publicacion));
    expect(Date.parse(siguiente.instante)).toBeGreaterThan(Date.parse(primero.instante));
    expect(Date.parse(siguiente.instante)).toBeGreaterThanOrEqual(publicadaEn - 1000);

    // Each corte is in the bitácora with its manifest's hash, numbered without gaps.
    const lista = await cortes();
    expect(lista.map((c) => c.numero)).toEqual(lista.map((_, i) => i + 1));
    const registros = await registrosPersonales(bitacora, 'CORTE_PUBLICADO');
    for (const c of lista) {
      expect(registros.find((r) => r.datos.numero === c.numero)?.datos).toMatchObject({
        txId: c.txId,
        manifiestoSha256: c.manifiestoSha256,
        zipSha256: c.zipSha256,
      });
    }
  });

  it('serves each corte immutable: strong ETag = SHA-256, 304 on If-None-Match, 404 in Spanish for unknown things', async () => {
    const c = (await http().get('/difusion/cortes/ultimo').expect(200)).body as CorteListado;
    const zip = await binario(http().get(`/difusion/cortes/${c.numero}.zip`)).expect(200);
    expect(sha256(zip.body as Buffer)).toBe(c.zipSha256);
    expect(zip.headers.etag).toBe(`"${c.zipSha256}"`);
    expect(zip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await http().get(`/difusion/cortes/${c.numero}.zip`).set('If-None-Match', `"${c.zipSha256}"`).expect(304);

    const m = await binario(http().get(`/difusion/cortes/${c.numero}/manifiesto.json`)).expect(200);
    expect(sha256(m.body as Buffer)).toBe(c.manifiestoSha256);
    const manifiesto = JSON.parse((m.body as Buffer).toString('utf8')) as { archivos: { nombre: string; sha256: string }[]; estadoFirmado: { txId: number } };
    expect(manifiesto.estadoFirmado.txId).toBe(c.txId);
    for (const a of manifiesto.archivos) {
      const r = await binario(http().get(`/difusion/cortes/${c.numero}/${encodeURIComponent(a.nombre)}`)).expect(200);
      expect(sha256(r.body as Buffer)).toBe(a.sha256);
      expect(r.headers.etag).toBe(`"${a.sha256}"`);
    }
    for (const url of [
      `/difusion/cortes/${c.numero}/..%2F..%2Fsecretos%2Fjwt.secret`,
      '/difusion/cortes/999.zip',
      '/difusion/cortes/1x.zip',
      '/difusion/cortes/0/manifiesto.json',
    ]) {
      const r = await http().get(url).expect(404);
      expect(r.body).toMatchObject({ codigo: 'NO_ENCONTRADO', mensaje: expect.any(String) });
    }
    const img = await binario(http().get(`/difusion/actas/${actas[0].claveActa}/imagen`)).expect(200);
    expect(sha256(img.body as Buffer)).toBe(img.headers['x-codigo-integridad']);
    await http().get(`/difusion/actas/${actas[5].claveActa}/imagen`).expect(404);
  });

  it('a read-model row altered before a corte stops it: CORTE_DETENIDO names the acta and field, nothing is published', async () => {
    const a3 = actas[2];
    const em = h.app.get(EntityManager).fork();
    const antes = (await cortes()).length;
    // The schedule is paused so the drill's corte is the one we start.
    const temporal = h.app.get(TemporalService);
    const schedule = temporal.client.schedule.getHandle(`prep-cortes-${process.env.IMMUDB_DATABASE}`);
    await schedule.pause('prueba');
    await hasta(
      'sin cortes en curso',
      async () => (await em.execute<{ n: string }[]>("select count(*) as n from corte where estado = 'EN_CURSO'"))[0].n === '0',
    );
    await publicar(a3);
    await em.execute('update acta set total_votos_calculado = total_votos_calculado + 7 where clave_acta = ?', [a3.claveActa]);
    const r = esperar(await http().post('/publicacion/cortes').set(claveNueva()).set('Authorization', `Bearer ${admin}`), 202, 'corte manual');
    const err = await temporal.client.workflow
      .getHandle(r.body.workflowId)
      .result()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'CorteDetenido' });
    const detenidos = await registrosPersonales(bitacora, 'CORTE_DETENIDO');
    expect(detenidos.at(-1)!.datos).toMatchObject({ hallazgos: [expect.objectContaining({ claveActa: a3.claveActa, campo: 'totalVotosCalculado' })] });
    expect(await cortes()).toHaveLength(antes);

    // Restored, the next corte publishes it under the number the stopped one did not use.
    await em.execute('update acta set total_votos_calculado = total_votos_calculado - 7 where clave_acta = ?', [a3.claveActa]);
    await schedule.unpause('prueba');
    const nuevo = await hasta('un corte con a3', async () => (await cortes()).find((c) => c.actas === 3));
    expect(nuevo.numero).toBe(antes + 1);
  });

  it('closes with a final corte and deletes the schedule', async () => {
    const r = esperar(await http().post('/publicacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${admin}`), 200, 'cierre');
    expect(r.body.corteFinal).toMatchObject({ final: true, actas: 3 });
    const temporal = h.app.get(TemporalService);
    await expect(temporal.client.schedule.getHandle(`prep-cortes-${process.env.IMMUDB_DATABASE}`).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect(await registrosPersonales(bitacora, 'PUBLICACION_CERRADA')).toEqual([
      expect.objectContaining({ datos: expect.objectContaining({ corteFinal: r.body.corteFinal.numero }) }),
    ]);
    await http().post('/publicacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${admin}`).expect(409);
    expect((await http().get('/difusion/cortes/ultimo').expect(200)).body.numero).toBe(r.body.corteFinal.numero);
  });

  it('a corte re-run after a crash between its record and its row gives the same corte: one number, one record, the folder untouched', async () => {
    const temporal = h.app.get(TemporalService);
    const em = h.app.get(EntityManager).fork();
    const workflowId = `corte-final-${ventana}`;
    const handle = temporal.client.workflow.getHandle(workflowId);
    const antes = (await handle.result()) as CorteListado;
    const zip = path.join(dataDir, 'publicacion', 'cortes', String(antes.numero), `corte-${antes.numero}.zip`);
    const bytes = fs.readFileSync(zip);
    const registros = (await registrosPersonales(bitacora, 'CORTE_PUBLICADO')).length;
    // The worker died after the folder and CORTE_PUBLICADO, before the row said PUBLICADO.
    await em.execute("update corte set estado = 'EN_CURSO' where numero = ?", [antes.numero]);
    const historia = await handle.fetchHistory();
    const primera = historia.events!.find((e) => e.eventType === 6 /* WORKFLOW_TASK_COMPLETED */)!.eventId!;
    await temporal.connection.workflowService.resetWorkflowExecution({
      namespace: temporal.client.options.namespace,
      workflowExecution: { workflowId, runId: (await handle.describe()).runId },
      reason: 'prueba: caída del worker',
      workflowTaskFinishEventId: primera,
      requestId: `${ventana}-reinicio`,
    });
    const despues = (await temporal.client.workflow.getHandle(workflowId).result()) as CorteListado;
    expect(despues).toEqual(antes);
    expect(fs.readFileSync(zip).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.dirname(path.dirname(zip))).filter((n) => n.startsWith('.tmp'))).toEqual([]);
    const publicados = await registrosPersonales(bitacora, 'CORTE_PUBLICADO');
    expect(publicados.length).toBe(registros);
    // Written once: the key was not set a second time either (immudb keeps every version).
    const suyo = publicados.find((x) => x.datos.numero === antes.numero)!;
    expect(await bitacora.history(suyo.key)).toHaveLength(1);
    const filas = await em.execute<{ numero: number; estado: string }[]>('select numero, estado from corte order by numero');
    expect(filas.filter((f) => f.numero === antes.numero)).toEqual([{ numero: antes.numero, estado: 'PUBLICADO' }]);
  });
});
