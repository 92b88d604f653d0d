import request from 'supertest';
import type { ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi } from './support/actas';

describe('operation close: actas that never arrived are published as SIN ACTA', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 16, semilla: 31, casillas: 30 }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('publishes each missing acta once, with its reason, in the ledger and the read model', async () => {
    const api = new ClienteApi(h.app);
    const recibida = actas[0];
    const noInstalada = actas[1];
    const acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: recibida.casilla.catd });
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
    await api.acopio(acopiador.token, recibida.claveActa).expect(201);

    const cierre = () =>
      request(h.app.getHttpServer())
        .post('/operacion/cierre')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ motivos: { [noInstalada.claveActa]: 'casilla no instalada' } });
    await request(h.app.getHttpServer()).post('/operacion/cierre').set('Authorization', `Bearer ${acopiador.token}`).send({}).expect(403);
    const r = await cierre().expect(200);
    expect(r.body).toEqual({ actasEsperadas: actas.length, registradas: 1, publicadasSinActa: actas.length - 1 });

    const d = await api.detalle(admin.token, noInstalada.claveActa).expect(200);
    expect(d.body).toMatchObject({ fase: 'SIN_ACTA', resultado: { contabilizada: 0, observaciones: 'SIN ACTA (CASILLA NO INSTALADA)' } });
    const otra = await api.detalle(admin.token, actas[2].claveActa).expect(200);
    expect(otra.body.resultado.observaciones).toBe('SIN ACTA (PAQUETE NO ENTREGADO)');
    const recibidaDetalle = await api.detalle(admin.token, recibida.claveActa).expect(200);
    expect(recibidaDetalle.body.fase).toBe('ACOPIADA');

    const bitacora = await bitacoraDeActa(noInstalada.claveActa);
    expect(bitacora).toHaveLength(1);
    expect(bitacora[0]).toMatchObject({ tipo: 'ACTA_SIN_ACTA', faseNueva: 'SIN_ACTA', usuario: admin.nombreUsuario, datos: { motivo: 'CASILLA NO INSTALADA' } });

    // Running it again changes nothing; a late acopio of a SIN ACTA acta is refused.
    const otraVez = await cierre().expect(200);
    expect(otraVez.body.publicadasSinActa).toBe(0);
    const tarde = await api.acopio(acopiador.token, noInstalada.claveActa);
    expect(tarde.status).toBe(409);
    expect(tarde.body.codigo).toBe('ACTA_SIN_ACTA_PUBLICADA');
  });
});
