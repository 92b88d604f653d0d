import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi } from './support/actas';
import { claveNueva } from './support/idempotencia';

/**
 * The cierre at scale: 1,000 missing actas by default (PREP_CIERRE_ACTAS=20000 for the one-off
 * measurement in the README), with acopios arriving while it runs. The time is logged, not
 * asserted: it depends on the machine.
 */
const ACTAS = Number(process.env.PREP_CIERRE_ACTAS ?? 1_000);

describe(`cierre of ${ACTAS} missing actas`, () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 26, semilla: 5, casillas: Math.ceil(ACTAS / 2), municipios: 8 }));
    actas = actas.slice(0, ACTAS);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it(
    'publishes every one as SIN ACTA through its workflow, racing acopios included, and a re-run adds nothing',
    async () => {
      const api = new ClienteApi(h.app);
      const admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
      expect(actas.length).toBe(ACTAS);
      // Acopios of actas near the end of the catálogo's order race the cierre.
      const tardias = actas.slice(-10);
      const tokens = new Map<string, string>();
      for (const a of tardias) {
        if (!tokens.has(a.casilla.catd)) tokens.set(a.casilla.catd, (await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: a.casilla.catd })).token);
      }
      const inicio = Date.now();
      const cierre = request(h.app.getHttpServer()).post('/operacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${admin.token}`).send({});
      const acopios = Promise.all(
        tardias.map(async (a, i) => {
          await new Promise((r) => setTimeout(r, 200 * i));
          return api.acopio(tokens.get(a.casilla.catd)!, a.claveActa);
        }),
      );
      const [r, respuestas] = await Promise.all([cierre, acopios]);
      const segundos = (Date.now() - inicio) / 1000;
      process.stdout.write(`cierre de ${ACTAS} actas: ${segundos.toFixed(1)} s (${(ACTAS / segundos).toFixed(1)} actas/s), servicio ${r.body.segundos} s\n`);
      expect(r.status).toBe(200);

      const ganados = respuestas.filter((x) => x.status === 201).length;
      for (const x of respuestas) if (x.status !== 201) expect({ status: x.status, codigo: x.body.codigo }).toEqual({ status: 409, codigo: 'ACTA_CERRADA' });
      expect(r.body).toMatchObject({
        actasEsperadas: ACTAS,
        registradas: ganados,
        publicadasSinActa: ACTAS - ganados,
        sinActaPrevias: 0,
        pendientes: { total: 0 },
        enProceso: { total: ganados },
      });
      for (const [i, x] of respuestas.entries()) {
        const eventos = await bitacoraDeActa(tardias[i].claveActa);
        expect(eventos.map((e) => e.tipo)).toEqual([x.status === 201 ? 'ACTA_ACOPIADA' : 'ACTA_SIN_ACTA']);
      }
      const [{ n }] = await h.app
        .get(EntityManager)
        .fork()
        .execute<{ n: string }[]>("select count(*) as n from acta where fase = 'SIN_ACTA' and left(clave_acta, 2) = '26'");
      expect(Number(n)).toBe(ACTAS - ganados);

      // Safe to re-run: nothing new is published.
      const otraVez = await request(h.app.getHttpServer())
        .post('/operacion/cierre')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .send({})
        .expect(200);
      expect(otraVez.body).toMatchObject({ publicadasSinActa: 0, sinActaPrevias: ACTAS - ganados, registradas: ganados });
    },
    Math.max(120_000, ACTAS * 200),
  );
});
