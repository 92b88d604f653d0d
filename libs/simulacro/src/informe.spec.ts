import { construirInforme, htmlInforme, METAS, UMBRALES, type InformeSimulacro, type ResumenSimulacro } from './index';
import { reportesDeEjemplo, resumenDeEjemplo } from './informe-ejemplo';

const AHORA = new Date('2027-05-30T01:13:05.000Z');
const informe = (r: ResumenSimulacro = resumenDeEjemplo(), reportes = reportesDeEjemplo()): InformeSimulacro =>
  construirInforme({ resumen: r, reportes, generadoEn: AHORA, zonaPublicacion: 'UTC-6' });
const meta = (i: InformeSimulacro, id: string) => i.metas.find((m) => m.id === id)!;

describe('informe de simulacro: datos', () => {
  it('evaluates every target of METAS, in order, and counts them', () => {
    const i = informe();
    expect(i.metas.map((m) => m.id)).toEqual(METAS.map((m) => m.id));
    // The example drill is clean and fast enough, but its acopio p99 (6.3 s) misses the 5 s target.
    expect(i.metas.filter((m) => m.estado !== 'cumplida').map((m) => [m.id, m.estado, m.valor])).toEqual([
      ['p99-personal', 'no cumplida', 'la más lenta: acopio, 6,300 ms'],
    ]);
    expect(i.resultado).toEqual({ limpio: true, interrumpido: false, metasCumplidas: METAS.length - 1, metasNoCumplidas: 1, metasNoAplican: 0 });
  });

  it('misses a target when its check failed or did not run, and says why', () => {
    const r = resumenDeEjemplo();
    r.contadores.sinActa = 30; // 10 actas never reached a final state
    r.comprobacion!.totalDiferencias = 3;
    r.verificacion = null;
    r.paquete!.corte = null;
    r.errores.total = 2;
    const i = informe(r, [{ nombre: 'avance', ruta: '/reportes/avance?formato=json', datos: null, error: 'HTTP 500 {}' }, reportesDeEjemplo()[1]]);
    expect(meta(i, 'actas-finales')).toMatchObject({ estado: 'no cumplida', valor: '1,999 de 2,009' });
    expect(meta(i, 'segun-plan')).toMatchObject({ estado: 'no cumplida', valor: '3 diferencias' });
    expect(meta(i, 'verificacion-completa')).toMatchObject({ estado: 'no cumplida', valor: 'no se hizo' });
    expect(meta(i, 'corte-verificar')).toMatchObject({ estado: 'no cumplida', valor: 'no hubo corte que verificar' });
    expect(meta(i, 'sin-errores').estado).toBe('no cumplida');
    expect(meta(i, 'reportes')).toMatchObject({ estado: 'no cumplida', valor: '1 de 2' });
    expect(i.integridad.find((c) => c.id === 'verificacion-completa')!.estado).toBe('no se hizo');
    expect(i.integridad.find((c) => c.id === 'plan')!.estado).toBe('con problemas');
  });

  it('judges the throughput only when actas arrived fast enough to reach it', () => {
    const lento = resumenDeEjemplo();
    lento.ritmoActasPorMinuto = 60; // 1 acta/s arriving: 1.86 actas/s cannot be reached
    lento.actasPorSegundo = 0.9;
    expect(meta(informe(lento), 'ritmo').estado).toBe('no aplica');
    const rapido = resumenDeEjemplo();
    rapido.actasPorSegundo = UMBRALES.actasPorSegundo - 0.01;
    expect(meta(informe(rapido), 'ritmo').estado).toBe('no cumplida');
  });

  it('p99 counts staff actions only: a slow audit call does not miss the target', () => {
    const r = resumenDeEjemplo();
    r.tiempos.acopio.p99 = 4000;
    expect(r.tiempos['verificación completa'].p99).toBeGreaterThan(UMBRALES.p99AccionMs);
    expect(meta(informe(r), 'p99-personal')).toMatchObject({ estado: 'cumplida', valor: 'la más lenta: captura, 4,700 ms' });
    const i = informe(r);
    expect(i.tiempos.slice(0, 3).map((t) => t.accion)).toEqual(['acopio', 'foto PREP Casilla', 'escaneo CATD']);
    expect(i.tiempos.find((t) => t.accion === 'verificación completa')!.delPersonal).toBe(false);
  });

  it('puts planned and observed realities side by side, null where nothing counts them directly', () => {
    const i = informe();
    const fila = (id: string) => i.realidades.find((x) => x.id === id)!;
    expect(fila('sinActa')).toMatchObject({ tasa: 0.02, planeadas: 40, ocurridas: 40 });
    expect(fila('capturasDistintas')).toMatchObject({ planeadas: 119, ocurridas: 119 });
    expect(fila('devolucion')).toMatchObject({ planeadas: 36, ocurridas: 36 });
    expect(fila('abandono')).toMatchObject({ planeadas: 7, ocurridas: 7 });
    expect(fila('ilegible')).toMatchObject({ planeadas: 58, ocurridas: null, nota: expect.stringMatching(/0 diferencias/) });
    expect(i.parametros.tasas.find((x) => x.nombre === 'sinActa')).toEqual({ nombre: 'sinActa', valor: 0.02, porOmision: 0.02 });
  });

  it('is plain JSON: written and read back it is the same informe', () => {
    const i = informe();
    expect(JSON.parse(JSON.stringify(i))).toEqual(i);
    expect(i.reportes.map((r) => r.nombre)).toEqual(reportesDeEjemplo().map((r) => r.nombre));
  });
});

describe('informe de simulacro: HTML', () => {
  it('is one page in the reports’ layout with every section and SVG charts, and no script', () => {
    const html = htmlInforme(informe());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="es">/);
    expect(html).toContain('<h1>Informe del simulacro</h1>');
    expect(html).toContain('Informe de simulacro para el COTAPREP · generado el 29/05/2027 19:13:05 (UTC-6)');
    for (const id of ['resultado', 'metas', 'parametros', 'realidades', 'integridad', 'tiempos', 'operacion', 'archivos']) {
      expect(html).toContain(`<section id="${id}">`);
    }
    // The reports' own sections, with ids kept unique by their prefix.
    for (const id of ['avance-elecciones', 'avance-grafica', 'avance-cortes', 'catd-grafica', 'catd-catd']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain('<section class="reporte" id="reporte-avance">');
    expect((html.match(/<svg[\s>]/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('✘ No cumplida');
    expect(html).toContain('8 dispositivos PREP Casilla, 1 auditor, 1 cuenta del COTAPREP');
  });

  it('escapes what came from the API and the plan', () => {
    const r = resumenDeEjemplo();
    r.errores = { total: 1, reintentos503: 0, porTipo: { 'captura 400 X': 1 }, ejemplos: { 'captura 400 X': '<img src=x onerror=alert(1)>' } };
    const reportes = reportesDeEjemplo();
    reportes[0] = { ...reportes[0], datos: null, error: '<b>caído</b>' };
    const html = htmlInforme(informe(r, reportes));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;caído&lt;/b&gt;');
  });

  it('shows a report it has no renderer for as tables read from its JSON', () => {
    const tiempos = {
      titulo: 'Tiempos por fase',
      generadoEn: AHORA.toISOString(),
      fases: [
        { fase: 'captura', n: 3998, p50: 61, percentiles: { p95: 300, p99: 420 } },
        { fase: 'verificación', n: 1981, p50: 44, percentiles: { p95: 200, p99: 380 } },
      ],
      definiciones: [{ figura: 'p50', definicion: 'Mediana en segundos.' }],
    };
    const html = htmlInforme(informe(resumenDeEjemplo(), [...reportesDeEjemplo(), { nombre: 'nuevo', ruta: '/reportes/nuevo', datos: tiempos, error: null }]));
    expect(html).toContain('<section class="reporte" id="reporte-nuevo"><h2>Reporte: Tiempos por fase</h2>');
    expect(html).toContain('<section id="nuevo-fases">');
    expect(html).toContain('<th class="t">percentiles · p99</th>');
    expect(html).toContain('<td>3,998</td>');
    expect(html).toContain('<dt>p50</dt><dd>Mediana en segundos.</dd>');
  });

  it('renders in well under a second (the informe must not slow the drill down)', () => {
    const t0 = performance.now();
    htmlInforme(informe());
    expect(performance.now() - t0).toBeLessThan(1_500);
  });
});
