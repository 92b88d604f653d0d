import request from 'supertest';
import type { ActaDelCatalogo } from '@prep/domain';
import { ActaComandosService, ApiError } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi } from './support/actas';

/**
 * The cierre's SIN ACTA and an acopio of the same clave, sent at the same moment: Temporal's
 * workflow id serialises them and the machine refuses the second, so exactly one wins.
 */
describe('acopio and cierre of the same clave racing', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 25, semilla: 7, casillas: 30 }));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('50 times: exactly one wins, the bitácora holds one history, the read model agrees', async () => {
    const api = new ClienteApi(h.app);
    const comandos = h.app.get(ActaComandosService);
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
    const acopiadores = new Map<string, string>();
    for (const catd of new Set(actas.map((a) => a.casilla.catd))) {
      acopiadores.set(catd, (await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd })).token);
    }
    const carreras = actas.slice(0, 50);
    expect(carreras).toHaveLength(50);
    const ganadores = { acopio: 0, sinActa: 0 };
    for (const acta of carreras) {
      const clave = acta.claveActa;
      const [acopio, sinActa] = await Promise.all([
        api.acopio(acopiadores.get(acta.casilla.catd)!, clave),
        comandos.publicarSinActa(clave, 'PAQUETE NO ENTREGADO', admin.nombreUsuario, ['administrador']).then(
          () => null,
          (err: unknown) => err,
        ),
      ]);
      const ganoAcopio = acopio.status === 201;
      const ganoSinActa = sinActa === null;
      expect({ clave, ganoAcopio, ganoSinActa }).toEqual({ clave, ganoAcopio: !ganoSinActa, ganoSinActa: !ganoAcopio });
      if (ganoAcopio) {
        ganadores.acopio++;
        expect(sinActa).toBeInstanceOf(ApiError);
        expect(((sinActa as ApiError).getResponse() as { codigo: string }).codigo).toBe('ACTA_YA_ACOPIADA');
      } else {
        ganadores.sinActa++;
        expect({ status: acopio.status, codigo: acopio.body.codigo }).toEqual({ status: 409, codigo: 'ACTA_CERRADA' });
      }
      const bitacora = await bitacoraDeActa(clave);
      expect(bitacora.map((e) => e.tipo)).toEqual([ganoAcopio ? 'ACTA_ACOPIADA' : 'ACTA_SIN_ACTA']);
      const detalle = await api.detalle(admin.token, clave).expect(200);
      expect(detalle.body.fase).toBe(ganoAcopio ? 'ACOPIADA' : 'SIN_ACTA');
      const revision = await request(h.app.getHttpServer())
        .post('/auditoria/verificaciones')
        .query({ claveActa: clave, pruebas: 'ninguna' })
        .set('Authorization', `Bearer ${admin.token}`)
        .expect(200);
      expect(revision.body.hallazgos).toEqual([]);
    }
    // Both outcomes must occur, or the test did not race.
    process.stdout.write(`carreras acopio/cierre: ${JSON.stringify(ganadores)}\n`);
    expect(ganadores.acopio + ganadores.sinActa).toBe(50);
  });
});
