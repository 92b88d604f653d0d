import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { planSimulacro, type ActaPlaneada } from '@prep/simulacro';
import { ejecutarSimulacro } from '../scripts/simulacro/nucleo';
import type { ResumenSimulacro } from '../scripts/simulacro/resumen';
import { carpetaDeDatosPropia, startHarness, type Harness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';

/**
 * A small drill with known injected rates, then the Calidad and Tiempos reports read back: each
 * share the committee reads must be the share the drill injected, within the drill's randomness
 * (4 binomial standard deviations), and each count exactly what the seeded plan says it did.
 */
const TASAS = {
  sinActa: 0.03,
  fueraDeCatalogo: 0.01,
  capturasDistintas: 0.2,
  ilegible: 0.1,
  sinDato: 0.1,
  excedeListaNominal: 0.02,
  fotoCasilla: 0.1,
  // No abandoned task: its lease would only slow the drill and no report maps it.
  abandono: 0,
  devolucion: 0.08,
  escalamiento: 0.03,
};

/** |k − n·p| ≤ 4·√(n·p·(1 − p)): k successes in n trials are compatible with probability p. */
function dentroDeCuatroSigmas(k: number, n: number, p: number) {
  const desviacion = Math.abs(k - n * p);
  const limite = 4 * Math.sqrt(n * p * (1 - p));
  return { k, n, p, dentro: desviacion <= limite, desviacion: Math.round(desviacion * 100) / 100, limite: Math.round(limite * 100) / 100 };
}

describe('simulacro con tasas conocidas: Calidad y Tiempos reportan lo inyectado', () => {
  let h: Harness;
  let resumen: ResumenSimulacro;
  let tokenCotaprep: string;
  let corrida: Promise<ResumenSimulacro> | undefined;
  // Stops the drill if the hook times out: left running, it would keep this run's task queue busy
  // and the next file's worker would project its actas into that file's databases.
  const detener = { solicitado: false };
  const plan = planSimulacro({ actas: 150, catds: 3, semilla: 'tasas-10', idEntidad: 10, tasas: TASAS });
  const capturadas = plan.actas.filter((a) => a.llega && !a.fueraDeCatalogo);
  const cuantas = (p: (a: ActaPlaneada) => boolean) => capturadas.filter(p).length;

  // Its own data folder: the drill publishes cortes, whose numbered folders another file may hold.
  const dataDir = carpetaDeDatosPropia('simulacro-tasas');

  beforeAll(async () => {
    h = await startHarness({ env: { PREP_LEASE_SEGUNDOS: '30', PREP_DATA_DIR: dataDir } });
    await h.app.listen(0, '127.0.0.1');
    const { port } = h.app.getHttpServer().address() as AddressInfo;
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    tokenCotaprep = (await crearUsuarioConToken(h.app, { roles: ['cotaprep'] })).token;
    corrida = ejecutarSimulacro({
      baseUrl: `http://127.0.0.1:${port}`,
      tokenAdmin: admin.token,
      plan,
      ritmo: 1800,
      dirSalida: path.join(dataDir, 'simulacros', 'tasas'),
      entornoAuditoria: null,
      pruebas: 'ninguna',
      estancamientoMs: 60_000,
      detener,
    });
    resumen = await corrida;
  }, 420_000);

  afterAll(async () => {
    detener.solicitado = true;
    await Promise.race([corrida?.catch(() => undefined), new Promise((r) => setTimeout(r, 60_000))]);
    await h?.close();
  }, 120_000);

  const reporte = async (nombre: string) =>
    (await request(h.app.getHttpServer()).get(`/reportes/${nombre}`).set('Authorization', `Bearer ${tokenCotaprep}`).expect(200)).body;

  it('the drill ran to the end with no unexpected error', () => {
    expect(resumen.interrumpido).toBe(false);
    // Compared whole, so a failure names the action and its answer.
    expect({ total: resumen.errores.total, porTipo: resumen.errores.porTipo, ejemplos: resumen.errores.ejemplos }).toEqual({
      total: 0,
      porTipo: {},
      ejemplos: {},
    });
    expect(resumen.contadores.publicadas + resumen.contadores.sinActa).toBe(plan.actas.length);
  });

  it('Calidad: differing captures, returns, escalations and observaciones match the injected rates and the plan', async () => {
    const r = await reporte('calidad');
    const n = capturadas.length;
    const difieren = cuantas((a) => a.rondas.some((x) => x.discrepancias.length > 0));
    const devueltas = cuantas((a) => a.rondas.length > 1);
    const escaladas = cuantas((a) => a.escalada);
    const ilegibles = cuantas((a) => a.esperado.observaciones?.includes('Ilegible') ?? false);
    const rondas = capturadas.reduce((s, a) => s + a.rondas.length, 0);
    // Exactly what the seeded plan did.
    expect(r.resumen).toMatchObject({
      actasCapturadas: n,
      actasConDiferencia: difieren,
      rondas,
      rondasConDiferencia: difieren,
      actasDevueltas: devueltas,
      devoluciones: plan.conteos.devoluciones,
      actasEscaladas: escaladas,
    });
    expect(r.observaciones.find((o: { observacion: string }) => o.observacion === 'Ilegible')?.actas).toBe(ilegibles);
    // Every compared round has two capturistas: the per-capturista figures add up to twice the rounds.
    const suma = (k: 'capturas' | 'conDiferencia') => r.capturistas.reduce((s: number, c: Record<string, number>) => s + c[k], 0);
    expect([suma('capturas'), suma('conDiferencia')]).toEqual([2 * rondas, 2 * difieren]);

    // And the shares are the injected probabilities, within the drill's randomness.
    const e = TASAS.escalamiento;
    const comparaciones = {
      capturasDistintas: dentroDeCuatroSigmas(r.resumen.actasConDiferencia, n, TASAS.capturasDistintas),
      // An acta is returned when escalated, or (not escalated) returned once.
      devueltas: dentroDeCuatroSigmas(r.resumen.actasDevueltas, n, e + (1 - e) * TASAS.devolucion),
      escaladas: dentroDeCuatroSigmas(r.resumen.actasEscaladas, n, e),
      // Ilegible is not injected together with Excede Lista Nominal.
      ilegible: dentroDeCuatroSigmas(ilegibles, n, (1 - TASAS.excedeListaNominal) * TASAS.ilegible),
    };
    for (const [nombre, c] of Object.entries(comparaciones)) expect({ nombre, ...c }).toEqual({ nombre, ...c, dentro: true });
    // The report's own percentage is the same share, truncated to 2 decimals.
    expect(r.resumen.porcentajeActasConDiferencia).toBe(Math.trunc((difieren * 10_000) / n) / 100);
  });

  it('Tiempos: every published acta of the catálogo is measured and the percentiles are ordered', async () => {
    const r = await reporte('tiempos');
    expect(r.total.actas).toBe(capturadas.length);
    expect(r.fases.map((f: { actas: number }) => f.actas)).toEqual([capturadas.length, capturadas.length, capturadas.length, capturadas.length]);
    for (const f of [r.total, ...r.fases]) {
      expect(f.p50).toBeGreaterThanOrEqual(0);
      expect(f.p50).toBeLessThanOrEqual(f.p90);
      expect(f.p90).toBeLessThanOrEqual(f.p99);
    }
    expect(r.intervalos.reduce((s: number, i: { publicadas: number }) => s + i.publicadas, 0)).toBe(capturadas.length);
  });
});
