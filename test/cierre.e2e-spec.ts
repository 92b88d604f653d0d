import request from 'supertest';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, esperar, expectCadenaCompleta } from './support/actas';
import { TemporalService } from '@prep/api';
import { claveNueva } from './support/idempotencia';

describe('operation close: actas that never arrived are published as SIN ACTA by their own workflow', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 16, semilla: 31, casillas: 30 }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('publishes each missing acta once, closes the published ones, reports those in process, and can be re-run', async () => {
    const api = new ClienteApi(h.app);
    const conImagen = actas.filter((a) => a.casilla.tipo !== 'S');
    const [publicada, enProceso] = conImagen;
    const noInstalada = actas.find((a) => a !== publicada && a !== enProceso)!;
    const catd = publicada.casilla.catd;
    const [acopiador, dig, c1, c2, ver] = await Promise.all(
      ['acopiador', 'digitalizador', 'capturista', 'capturista', 'verificador'].map((r) => crearUsuarioConToken(h.app, { roles: [r as never], catd })),
    );
    const acoOtro = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: enProceso.casilla.catd });
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
    esperar(await api.acopio(acopiador.token, publicada.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(dig.token, publicada.claveActa), 201, 'digitalización');
    const datos = generarCaptura('cierre', publicada.casilla, publicada.eleccion.columnasVoto);
    await api.tomarYCapturar(c1.token, publicada.claveActa, datos);
    await api.tomarYCapturar(c2.token, publicada.claveActa, datos);
    await api.tomarYVerificar(ver.token, publicada.claveActa, { decision: 'CONFIRMAR' });
    esperar(await api.acopio(acoOtro.token, enProceso.claveActa), 201, 'acopio en proceso');

    const cierre = () =>
      request(h.app.getHttpServer())
        .post('/operacion/cierre')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ motivos: { [noInstalada.claveActa]: 'casilla no instalada' } });
    await request(h.app.getHttpServer()).post('/operacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${acopiador.token}`).send({}).expect(403);
    const r = await cierre().expect(200);
    expect(r.body).toMatchObject({
      actasEsperadas: actas.length,
      registradas: 2,
      publicadasSinActa: actas.length - 2,
      sinActaPrevias: 0,
      pendientes: { total: 0, actas: [] },
      enProceso: { total: 1, porFase: { ACOPIADA: { total: 1, claves: [enProceso.claveActa] } } },
    });
    expect(r.body.flujosAvisados).toBeGreaterThanOrEqual(2);

    const d = await api.detalle(admin.token, noInstalada.claveActa).expect(200);
    expect(d.body).toMatchObject({
      fase: 'SIN_ACTA',
      catd: noInstalada.casilla.catd,
      resultado: { contabilizada: 0, observaciones: 'SIN ACTA (CASILLA NO INSTALADA)' },
    });
    const otra = actas.find((a) => ![publicada, enProceso, noInstalada].includes(a))!;
    expect((await api.detalle(admin.token, otra.claveActa).expect(200)).body.resultado.observaciones).toBe('SIN ACTA (PAQUETE NO ENTREGADO)');

    // The SIN ACTA is an event of the acta's workflow like any other: one entry, replayed by the fold.
    const bitacora = await bitacoraDeActa(noInstalada.claveActa);
    expectCadenaCompleta(bitacora, ['ACTA_SIN_ACTA']);
    expect(bitacora[0]).toMatchObject({
      faseAnterior: null,
      faseNueva: 'SIN_ACTA',
      usuario: admin.nombreUsuario,
      datos: { motivo: 'CASILLA NO INSTALADA', catd: noInstalada.casilla.catd, observaciones: ['SIN ACTA (CASILLA NO INSTALADA)'], contabilizada: 0 },
    });
    const revision = await request(h.app.getHttpServer())
      .post('/auditoria/verificaciones')
      .query({ claveActa: noInstalada.claveActa })
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(revision.body.hallazgos).toEqual([]);

    // The published acta stopped waiting for late images; the one in process keeps its workflow.
    const temporal = h.app.get(TemporalService).client.workflow;
    await temporal.getHandle(publicada.claveActa).result();
    expect((await temporal.getHandle(enProceso.claveActa).describe()).status.name).toBe('RUNNING');
    const tarde = await api.digitalizar(dig.token, publicada.claveActa, undefined, { origen: 'CATD', medio: 'ESCANER' });
    expect(tarde.status).toBe(409);
    expect(tarde.body.codigo).toBe('ACTA_CERRADA');

    // Running it again publishes nothing new; late actions on a SIN ACTA acta are ACTA_CERRADA.
    const otraVez = await cierre().expect(200);
    expect(otraVez.body).toMatchObject({ publicadasSinActa: 0, sinActaPrevias: actas.length - 2, registradas: 2 });
    const acopioTarde = await api.acopio(acopiador.token, noInstalada.claveActa);
    expect(acopioTarde.status).toBe(409);
    expect(acopioTarde.body.codigo).toBe('ACTA_CERRADA');
    const imagenTarde = await api.digitalizar(dig.token, noInstalada.claveActa);
    expect(imagenTarde.status).toBe(409);
    expect(imagenTarde.body.codigo).toBe('ACTA_CERRADA');
    expect(await bitacoraDeActa(noInstalada.claveActa)).toHaveLength(1);
  });
});
