import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { planSimulacro, REPORTES_DEL_INFORME, type InformeSimulacro } from '@prep/simulacro';
import { ejecutarSimulacro } from '../scripts/simulacro/nucleo';
import type { ResumenSimulacro } from '../scripts/simulacro/resumen';
import { carpetaDeDatosPropia, startHarness, type Harness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';

/**
 * A small drill (about 60 actas) run by the simulacro's core over real HTTP against the real
 * services: every reality of the plan is injected at least once (seed chosen for it), and what
 * the system ends with must be exactly what the plan says.
 */
// Short enough that a planned abandonment returns within seconds, long enough that a loaded CI box
// (every action a second or more) does not lose a claim a virtual capturista is still typing.
const LEASE_SEGUNDOS = 8;

describe('simulacro (the core of npm run simulacro)', () => {
  let h: Harness;
  let resumen: ResumenSimulacro;
  const plan = planSimulacro({
    actas: 60,
    catds: 3,
    semilla: 4,
    idEntidad: 32,
    tasas: {
      sinActa: 0.08,
      fueraDeCatalogo: 0.04,
      capturasDistintas: 0.15,
      ilegible: 0.08,
      sinDato: 0.08,
      excedeListaNominal: 0.04,
      fotoCasilla: 0.3,
      abandono: 0.015,
      devolucion: 0.06,
      escalamiento: 0.03,
    },
  });

  // Its own data folder: the drill publishes cortes, whose numbered folders another file may hold.
  const dataDir = carpetaDeDatosPropia('simulacro');

  beforeAll(async () => {
    // A short lease, so the planned abandonment returns its task to the queue within seconds.
    h = await startHarness({ env: { PREP_LEASE_SEGUNDOS: String(LEASE_SEGUNDOS), PREP_DATA_DIR: dataDir } });
    await h.app.listen(0, '127.0.0.1');
    const { port } = h.app.getHttpServer().address() as AddressInfo;
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    resumen = await ejecutarSimulacro({
      baseUrl: `http://127.0.0.1:${port}`,
      tokenAdmin: admin.token,
      plan,
      ritmo: 900,
      dirSalida: path.join(dataDir, 'simulacros', 'e2e'),
      entornoAuditoria: { ...process.env, PREP_DATA_DIR: dataDir },
      estancamientoMs: 60_000,
    });
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('injects every reality at least once (the seed was chosen for that)', () => {
    const r = plan.conteos.porRealidad;
    for (const k of [
      'sinActa',
      'fueraDeCatalogo',
      'capturasDistintas',
      'ilegible',
      'sinDato',
      'excedeListaNominal',
      'casillaEspecial',
      'fotoCasilla',
      'abandono',
      'devolucion',
      'escalamiento',
    ] as const) {
      expect([k, r[k]]).toEqual([k, expect.any(Number)]);
      expect(r[k]).toBeGreaterThan(0);
    }
  });

  it('brings every acta to a final state with no unexpected error', () => {
    expect(resumen.interrumpido).toBe(false);
    // Compared whole, so a failure shows which action failed and its first message.
    expect({ total: resumen.errores.total, porTipo: resumen.errores.porTipo, ejemplos: resumen.errores.ejemplos }).toEqual({
      total: 0,
      porTipo: {},
      ejemplos: {},
    });
    expect(resumen.contadores.publicadas + resumen.contadores.sinActa).toBe(plan.actas.length);
    expect(resumen.comprobacion!.porFase).toEqual({ PUBLICADA: plan.conteos.llegan, SIN_ACTA: plan.actas.length - plan.conteos.llegan });
  });

  it('publishes what the plan injected: SIN ACTA, fuera de catálogo, desempates, returns and escalations', () => {
    const c = resumen.comprobacion!;
    expect(c.diferencias).toEqual([]);
    expect(c.observadas).toEqual({
      sinActa: plan.conteos.porRealidad.sinActa,
      fueraDeCatalogo: plan.conteos.porRealidad.fueraDeCatalogo,
      desempates: plan.conteos.desempates,
      devueltas: plan.conteos.porRealidad.devolucion + plan.conteos.porRealidad.escalamiento,
      escaladas: plan.conteos.porRealidad.escalamiento,
      contabilizadas: plan.conteos.contabilizadas,
    });
    expect(resumen.contadores.abandonos).toBe(plan.conteos.porRealidad.abandono);
    expect(resumen.contadores.fotos).toBe(plan.conteos.porRealidad.fotoCasilla);
  });

  it("the auditor's full check and the offline bundle come out clean", () => {
    expect(resumen.verificacion).toMatchObject({ ok: true, hallazgos: 0, actasEnBitacora: plan.actas.length, actasEnModelo: plan.actas.length });
    expect(resumen.paquete).toMatchObject({ exportado: true, verificado: true, huella: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(resumen.limpio).toBe(true);
  });

  it('does the puesta en ceros before the first acta, with the virtual auditor as witness', () => {
    expect(resumen.pasos.find((p) => p.paso === 'puesta en ceros')).toMatchObject({ hecho: true });
  });

  it('opens publication before the night and closes it after, which publishes the final corte', () => {
    expect(resumen.pasos.find((p) => p.paso === 'apertura de la publicación')).toMatchObject({ hecho: true });
    expect(resumen.pasos.find((p) => p.paso === 'cierre de la publicación')).toMatchObject({ hecho: true });
    expect(resumen.cortes).toBeGreaterThanOrEqual(1);
    // The last corte, downloaded from the public feed, is rebuilt from the exported bundle byte for byte.
    expect(resumen.paquete?.corte).toMatchObject({ zip: expect.stringMatching(/corte-\d+\.zip$/), verificado: true });
  });

  it('writes the same summary to resumen.json, with times per action', () => {
    const escrito = JSON.parse(fs.readFileSync(resumen.rutas.resumen, 'utf8')) as ResumenSimulacro;
    expect(escrito).toEqual(JSON.parse(JSON.stringify(resumen)));
    expect(Object.keys(escrito.tiempos)).toEqual(
      expect.arrayContaining(['acopio', 'escaneo CATD', 'foto PREP Casilla', 'captura', 'verificación', 'decisión de coordinador']),
    );
    expect(escrito.tiempos.captura.n).toBe(plan.conteos.capturas);
  });

  it('writes the informe de simulacro next to resumen.json, as JSON and HTML, with every report read as the cotaprep user', () => {
    expect(path.dirname(resumen.rutas.informeHtml!)).toBe(path.dirname(resumen.rutas.resumen));
    const informe = JSON.parse(fs.readFileSync(resumen.rutas.informeJson!, 'utf8')) as InformeSimulacro;
    expect(informe.reportes.map((r) => [r.nombre, r.error])).toEqual(REPORTES_DEL_INFORME.map((n) => [n, null]));
    const avance = informe.reportes.find((r) => r.nombre === 'avance')!.datos as { totales: Record<string, number> };
    expect(avance.totales).toMatchObject({
      esperadas: plan.conteos.actasCatalogo,
      sinActa: plan.conteos.porRealidad.sinActa,
      fueraDeCatalogo: plan.conteos.porRealidad.fueraDeCatalogo,
    });
    expect(avance.totales.publicadas + avance.totales.sinActa).toBe(plan.conteos.actasCatalogo);
    // A clean drill meets every target but the two that depend on this box's speed.
    expect(informe.metas.filter((m) => !['ritmo', 'p99-personal'].includes(m.id) && m.estado !== 'cumplida')).toEqual([]);
    expect(informe.realidades.filter((r) => r.ocurridas !== null && r.ocurridas !== r.planeadas)).toEqual([]);
    const html = fs.readFileSync(resumen.rutas.informeHtml!, 'utf8');
    for (const id of ['resultado', 'metas', 'parametros', 'realidades', 'integridad', 'tiempos', ...REPORTES_DEL_INFORME.map((n) => `reporte-${n}`)]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('Simulacro LIMPIO');
  });
});
