import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { claveEventoActa } from '@prep/audit';
import { detenerServicio, iniciarServicio } from '../scripts/services/control';
import { Harness, startHarness } from './support/harness';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, conectarBitacora, esperar } from './support/actas';
import { temporalPropioConDisco } from './support/servicios';
import { crearUsuarioConToken } from './support/usuarios';
import { WorkerProceso } from './support/worker-proceso';

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Temporal restarted (its history kept on disk) while the workflow task that wrote an acta's
 * bitácora entry is still unrecorded — the failure drill `temporal` found an acta stopped for good
 * by a ConflictoBitacora this way. The acta must go on: the next capture gets the next sequence
 * number, no entry is written twice, and the API recovers by itself.
 */
describe('Temporal restarted between a bitácora write and its workflow task', () => {
  let temporal: Awaited<ReturnType<typeof temporalPropioConDisco>>;
  let h: Harness;
  let acta: ActaDelCatalogo;
  let worker: WorkerProceso;
  const env = () => ({ TEMPORAL_ADDRESS: temporal.direccion, TEMPORAL_NAMESPACE: 'default' });

  beforeAll(async () => {
    temporal = await temporalPropioConDisco();
    h = await startHarness({ withWorker: false, env: env() });
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 17, semilla: 29, casillas: 20 });
    acta = actas.find((a) => a.casilla.tipo !== 'S')!;
  });
  afterAll(async () => {
    await worker?.detener();
    await h?.close();
    await temporal?.cerrar();
  });

  it('the acta goes on after the restart: the next capture is the next entry and nothing is written twice', async () => {
    const clave = acta.claveActa;
    const catd = acta.casilla.catd;
    const [acopiador, digitalizador, cap1, cap2] = await Promise.all(
      [['acopiador'], ['digitalizador'], ['capturista'], ['capturista']].map((roles) => crearUsuarioConToken(h.app, { roles: roles as never, catd })),
    );
    // Holds the task that wrote the first capture (entry 3) open while Temporal goes down.
    worker = new WorkerProceso({ ...env(), PREP_CAOS_PAUSA_TRAS_BITACORA: `${clave}#3:8000` });
    await worker.iniciar();
    const api = new ClienteApi(h.app);
    esperar(await api.acopio(acopiador.token, clave), 201, 'acopio');
    esperar(await api.digitalizar(digitalizador.token, clave), 201, 'digitalización');
    const datos = generarCaptura('reinicio', acta.casilla, acta.eleccion.columnasVoto);
    esperar(await api.tomar(cap1.token, 'CAPTURA', clave), 200, 'tomar captura 1');
    const primera = api.capturar(cap1.token, clave, datos).then((r) => r);

    for (let i = 0; i < 100 && !worker.salida.includes(`[caos] worker en pausa 8000 ms tras escribir ${clave}#3`); i++) await dormir(100);
    await detenerServicio(temporal.stack, 'temporal');
    // Down long enough for the API's own retries of the update call to give up.
    await dormir(25_000);
    await iniciarServicio(temporal.stack, 'temporal');
    // The staff member was told to retry (503), or the capture went through after all: never a 500.
    expect([201, 503]).toContain((await primera).status);

    // The second capturista's capture must become entry 4 (the first one is entry 3, kept).
    let r = await api.tomar(cap2.token, 'CAPTURA', clave);
    for (let i = 0; i < 60 && r.status !== 200; i++) {
      await dormir(1_000);
      r = await api.tomar(cap2.token, 'CAPTURA', clave);
    }
    esperar(r, 200, 'tomar captura 2');
    const segunda = await api.capturar(cap2.token, clave, datos);
    esperar(segunda, 201, 'captura 2');
    expect(segunda.body.fase).toBe('EN_VERIFICACION');

    const eventos = await bitacoraDeActa(clave);
    expect(eventos.map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA', 'IMAGEN_DIGITALIZADA', 'CAPTURA_REGISTRADA', 'CAPTURA_REGISTRADA', 'CAPTURAS_COMPARADAS']);
    expect(eventos.map((e) => e.usuario).slice(2, 4)).toEqual([cap1.nombreUsuario, cap2.nombreUsuario]);
    const bitacora = await conectarBitacora('temporal-reinicio');
    try {
      for (const e of eventos) expect(await bitacora.history(claveEventoActa(clave, e.secuencia))).toHaveLength(1);
    } finally {
      bitacora.close();
    }
  });
});
