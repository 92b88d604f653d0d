import request from 'supertest';
import type { ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, esperar, expectCadenaCompleta } from './support/actas';
import { jpegPrueba } from './support/imagenes';
import { claveNueva } from './support/idempotencia';

/** DOMAIN.md "Digitalización": an acta can arrive first as a PREP Casilla photo and later be acopiada. */
describe('a PREP Casilla photo before the acopio', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 27, semilla: 3, casillas: 10 }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('starts the acta, which its acopio completes (capture opens), and the auditor check agrees', async () => {
    const api = new ClienteApi(h.app);
    const [acta, otra, cerrada] = actas;
    const casilla = await crearUsuarioConToken(h.app, { roles: ['prep_casilla'] });
    const aco = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: acta.casilla.catd });
    const dig = await crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd: acta.casilla.catd });
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
    const movil = { origen: 'CASILLA', medio: 'MOVIL' };

    const f = esperar(await api.digitalizar(casilla.token, acta.claveActa, jpegPrueba({ etiqueta: 'foto-1' }), movil), 201, 'foto antes del acopio');
    expect(f.body).toMatchObject({ fase: 'PRE_ACOPIO', secuencia: 1, eventos: ['IMAGEN_DIGITALIZADA'] });
    const d = await api.detalle(admin.token, acta.claveActa).expect(200);
    expect(d.body).toMatchObject({ fase: 'PRE_ACOPIO', catd: acta.casilla.catd, acopio: null, imagenes: [{ origen: 'CASILLA' }] });
    // A scan needs the paquete: refused until the acopio.
    const scan = await api.digitalizar(dig.token, acta.claveActa, jpegPrueba({ etiqueta: 'scan' }));
    expect({ status: scan.status, codigo: scan.body.codigo }).toEqual({ status: 409, codigo: 'ACTA_NO_ACOPIADA' });

    const a = esperar(await api.acopio(aco.token, acta.claveActa), 201, 'acopio tras la foto');
    expect(a.body).toMatchObject({ fase: 'EN_CAPTURA', secuencia: 2, eventos: ['ACTA_ACOPIADA'] });
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), ['IMAGEN_DIGITALIZADA', 'ACTA_ACOPIADA']);
    const tarea = await api.tomar((await crearUsuarioConToken(h.app, { roles: ['capturista'], catd: acta.casilla.catd })).token, 'CAPTURA', acta.claveActa);
    expect(tarea.status).toBe(200);

    // At the close an acta with only its photo is SIN ACTA (its paquete never reached a CATD), photo kept.
    esperar(await api.digitalizar(casilla.token, otra.claveActa, jpegPrueba({ etiqueta: 'foto-2' }), movil), 201, 'foto de otra acta');
    const cierre = await request(h.app.getHttpServer())
      .post('/operacion/cierre')
      .set(claveNueva())
      .set('Authorization', `Bearer ${admin.token}`)
      .send({})
      .expect(200);
    expect(cierre.body.publicadasSinActa).toBe(actas.length - 1);
    expectCadenaCompleta(await bitacoraDeActa(otra.claveActa), ['IMAGEN_DIGITALIZADA', 'ACTA_SIN_ACTA']);
    const o = await api.detalle(admin.token, otra.claveActa).expect(200);
    expect(o.body).toMatchObject({ fase: 'SIN_ACTA', imagenes: [{ origen: 'CASILLA' }], resultado: { imagenSha256: null, contabilizada: 0 } });
    // A photo of an acta closed SIN ACTA is refused.
    const tarde = await api.digitalizar(casilla.token, cerrada.claveActa, jpegPrueba({ etiqueta: 'foto-3' }), movil);
    expect({ status: tarde.status, codigo: tarde.body.codigo }).toEqual({ status: 409, codigo: 'ACTA_CERRADA' });

    for (const clave of [acta.claveActa, otra.claveActa]) {
      const r = await request(h.app.getHttpServer())
        .post('/auditoria/verificaciones')
        .query({ claveActa: clave })
        .set('Authorization', `Bearer ${admin.token}`)
        .expect(200);
      expect(r.body.hallazgos).toEqual([]);
    }
  });
});
