import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { claveEventoActa } from '@prep/audit';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, conectarBitacora, ClienteApi, esperar, expectCadenaCompleta } from './support/actas';
import { WorkerProceso } from './support/worker-proceso';

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

  it('is restarted and the acta completes with every ledger entry written exactly once', async () => {
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
    expectCadenaCompleta(eventos, ['ACTA_ACOPIADA', 'IMAGEN_DIGITALIZADA', 'CAPTURA_REGISTRADA', 'CAPTURA_REGISTRADA', 'CAPTURAS_COMPARADAS', 'ACTA_VERIFICADA', 'ACTA_PUBLICADA']);
    const ledger = await conectarBitacora('caida');
    try {
      for (const e of eventos) {
        const versiones = await ledger.history(claveEventoActa(clave, e.secuencia));
        expect(versiones).toHaveLength(1);
      }
    } finally {
      ledger.close();
    }
    const fin = await api.detalle(ver.token, clave);
    expect(fin.body).toMatchObject({ fase: 'PUBLICADA', entradasBitacora: 7 });
  });
});
