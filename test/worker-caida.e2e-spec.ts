import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { claveEventoActa, PREFIJO_PERSONAL } from '@prep/audit';
import { temporal as temporal_ } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { TemporalService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, conectarBitacora, ClienteApi, esperar, expectCadenaCompleta } from './support/actas';
import { WorkerProceso } from './support/worker-proceso';
import { claveNueva } from './support/idempotencia';

const { EventType } = temporal_.api.enums.v1;
/** An activity's result in a history: a regular activity's completion, or a local activity's marker. */
const esActividadHecha = (e: temporal_.api.history.v1.IHistoryEvent) =>
  e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED ||
  (e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_local_activity');

/** Waits until a reset run has re-run its activities (at least one completed, none pending). */
async function esperarReplay(handle: WorkflowHandle): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const d = await handle.describe();
    const historia = await handle.fetchHistory();
    const hechas = historia.events!.filter(esActividadHecha).length;
    if (hechas >= 1 && d.raw.pendingActivities?.length === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('la ejecución reiniciada no terminó de repetir sus actividades en 30 s');
}

describe('a worker killed in the middle of an acta', () => {
  let h: Harness;
  let api: ClienteApi;
  let acta: ActaDelCatalogo;
  const trabajadores: WorkerProceso[] = [];

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    api = new ClienteApi(h.app);
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 15, semilla: 23 });
    acta = actas.find((a) => a.casilla.tipo !== 'S')!;
  });
  afterAll(async () => {
    for (const w of trabajadores) await w.detener();
    await h?.close();
  });

  it('is restarted and the acta completes with every bitácora entry written exactly once', async () => {
    const catd = acta.casilla.catd;
    const [acopiador, digitalizador, cap1, cap2, ver] = await Promise.all(
      [['acopiador'], ['digitalizador'], ['capturista'], ['capturista'], ['verificador']].map((roles) =>
        crearUsuarioConToken(h.app, { roles: roles as never, catd }),
      ),
    );
    // Dies right after the second capture (entry 4) reaches immudb, before entry 5 and the projection.
    const primero = new WorkerProceso({ PREP_CAOS_SALIR_TRAS_BITACORA: `${acta.claveActa}#4` });
    trabajadores.push(primero);
    await primero.iniciar();

    const clave = acta.claveActa;
    esperar(await api.acopio(acopiador.token, clave), 201, 'acopio');
    esperar(await api.digitalizar(digitalizador.token, clave), 201, 'digitalización');
    const datos = generarCaptura('caida', acta.casilla, acta.eleccion.columnasVoto);
    await api.tomarYCapturar(cap1.token, clave, datos);
    esperar(await api.tomar(cap2.token, 'CAPTURA', clave), 200, 'tomar captura 2');
    const segunda = api.capturar(cap2.token, clave, datos).then((r) => r);

    expect(await primero.terminado()).toBe('SIGKILL');
    expect(primero.salida).toContain(`[caos] worker terminado tras escribir ${clave}#4`);
    const intermedia = await api.detalle(ver.token, clave);
    expect(intermedia.body).toMatchObject({ fase: 'EN_CAPTURA', capturasRegistradas: 1 });

    const segundo = new WorkerProceso();
    trabajadores.push(segundo);
    await segundo.iniciar();
    // The API request that was waiting on the dead worker now completes.
    const r = await segunda;
    expect(r.status).toBe(201);
    expect(r.body.fase).toBe('EN_VERIFICACION');
    await api.tomarYVerificar(ver.token, clave, { decision: 'CONFIRMAR' }, 200);

    const eventos = await bitacoraDeActa(clave);
    expectCadenaCompleta(eventos, [
      'ACTA_ACOPIADA',
      'IMAGEN_DIGITALIZADA',
      'CAPTURA_REGISTRADA',
      'CAPTURA_REGISTRADA',
      'CAPTURAS_COMPARADAS',
      'ACTA_VERIFICADA',
      'ACTA_PUBLICADA',
    ]);
    const bitacora = await conectarBitacora('caida');
    try {
      for (const e of eventos) {
        const versiones = await bitacora.history(claveEventoActa(clave, e.secuencia));
        expect(versiones).toHaveLength(1);
      }
    } finally {
      bitacora.close();
    }
    const fin = await api.detalle(ver.token, clave);
    expect(fin.body).toMatchObject({ fase: 'PUBLICADA', entradasBitacora: 7 });
  });

  it("an operator's reset in the Temporal UI replays the acta without writing any bitácora entry twice", async () => {
    const temporal = h.app.get(TemporalService);
    const clave = acta.claveActa;
    const handle = temporal.client.workflow.getHandle(clave);
    const { runId } = await handle.describe();
    const historia = await handle.fetchHistory();
    const primeraTarea = historia.events!.find((e) => e.eventType === temporal_.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)!;
    const { runId: nuevo } = await temporal.connection.workflowService.resetWorkflowExecution({
      namespace: process.env.TEMPORAL_NAMESPACE,
      workflowExecution: { workflowId: clave, runId },
      reason: 'simulacro de reinicio por operador',
      workflowTaskFinishEventId: primeraTarea.eventId,
      requestId: randomUUID(),
    });
    const reiniciado = temporal.client.workflow.getHandle(clave, nuevo);
    await esperarReplay(reiniciado);
    expect((await reiniciado.describe()).status.name).toBe('RUNNING');
    const bitacora = await conectarBitacora('reinicio');
    try {
      const eventos = await bitacoraDeActa(clave);
      expect(eventos).toHaveLength(7);
      for (const e of eventos) expect(await bitacora.history(claveEventoActa(clave, e.secuencia))).toHaveLength(1);
    } finally {
      bitacora.close();
    }
    const d = await new ClienteApi(h.app).detalle((await crearUsuarioConToken(h.app, { roles: ['auditor'] })).token, clave);
    expect(d.body).toMatchObject({ fase: 'PUBLICADA', entradasBitacora: 7 });
  });

  it('an operator resets a stuck acta through the API: the reset is in the bitácora and nothing is written twice', async () => {
    const clave = acta.claveActa;
    const operador = await crearUsuarioConToken(h.app, { roles: ['operador'] });
    const http = () => request(h.app.getHttpServer());
    const corto = await http()
      .post(`/operacion/actas/${clave}/reinicio`)
      .set(claveNueva())
      .set('Authorization', `Bearer ${operador.token}`)
      .send({ motivo: 'x' })
      .expect(400);
    expect(corto.body.errores[0].campo).toBe('motivo');
    const r = await http()
      .post(`/operacion/actas/${clave}/reinicio`)
      .set(claveNueva())
      .set('Authorization', `Bearer ${operador.token}`)
      .send({ motivo: 'simulacro: reintento desde la última tarea' })
      .expect(200);
    expect(r.body.runIdNuevo).toBeTruthy();
    expect(r.body.runIdNuevo).not.toBe(r.body.runIdAnterior);
    const bitacora = await conectarBitacora('reinicio-api');
    try {
      const acciones = (await bitacora.scan(PREFIJO_PERSONAL)).map((e) => JSON.parse(e.value));
      expect(acciones).toContainEqual(
        expect.objectContaining({
          tipo: 'ACTA_REINICIADA',
          usuario: operador.nombreUsuario,
          datos: expect.objectContaining({ claveActa: clave, runIdNuevo: r.body.runIdNuevo }),
        }),
      );
      await esperarReplay(h.app.get(TemporalService).client.workflow.getHandle(clave, r.body.runIdNuevo));
      for (const e of await bitacoraDeActa(clave)) expect(await bitacora.history(claveEventoActa(clave, e.secuencia))).toHaveLength(1);
    } finally {
      bitacora.close();
    }
    const otro = await crearUsuarioConToken(h.app, { roles: ['coordinador'] });
    await http()
      .post(`/operacion/actas/${clave}/reinicio`)
      .set(claveNueva())
      .set('Authorization', `Bearer ${otro.token}`)
      .send({ motivo: 'no me corresponde reiniciar' })
      .expect(403);
  });
});
