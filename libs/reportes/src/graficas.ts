/**
 * Charts drawn on the server as SVG by Apache ECharts (SSR mode: no DOM, no canvas), so the HTML
 * page carries them inline and needs no script: it can be archived, mailed or printed as is.
 */
import * as echarts from 'echarts';
import { FIGURAS_AVANCE, DEFINICIONES_AVANCE, type ReporteAvance } from './avance';
import { FASES_PENDIENTES, type ReporteCatd } from './catd';

const COLORES = ['#1f5f8b', '#c0392b', '#27864a', '#b7791f', '#6b46c1', '#2c7a7b'];
const COLORES_FASE: Record<string, string> = { ACOPIADA: '#9aa5b1', EN_CAPTURA: '#1f5f8b', EN_VERIFICACION: '#b7791f', ESCALADA: '#c0392b' };
/** Legend names a committee member reads. */
const NOMBRE_FASE: Record<string, string> = { ACOPIADA: 'Esperan imagen', EN_CAPTURA: 'En captura', EN_VERIFICACION: 'En verificación', ESCALADA: 'Escaladas' };
/** The per-phase chart stops here; the table still lists every CATD. */
export const MAX_CATD_GRAFICA = 25;

export function svg(opciones: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...opciones });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Actas per step of the process, one bar per election. */
export function graficaAvance(r: ReporteAvance): string {
  const figuras = FIGURAS_AVANCE.filter((f) => f !== 'atoradas' && f !== 'fueraDeCatalogo' && f !== 'sinActa');
  return svg(
    {
      color: COLORES,
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: figuras.map((f) => DEFINICIONES_AVANCE[f].titulo) },
      yAxis: { type: 'value', name: 'actas', minInterval: 1 },
      series: r.elecciones.map((e) => ({
        type: 'bar' as const,
        name: `${e.tipoActa} · ${e.nombre}`,
        data: figuras.map((f) => e[f]),
        label: { show: true, position: 'top' as const, fontSize: 11 },
      })),
    },
    1000,
    380,
  );
}

/** Backlog per CATD, stacked by the phase each acta waits in (the CATD with most backlog first). */
export function graficaPendientesCatd(r: ReporteCatd): string {
  const catds = [...r.catds].sort((a, b) => b.totalPendientes - a.totalPendientes || a.catd.localeCompare(b.catd)).slice(0, MAX_CATD_GRAFICA);
  // Horizontal bars read top-down, so the largest goes last in ECharts' bottom-up category axis.
  const orden = [...catds].reverse();
  return svg(
    {
      legend: { top: 0 },
      grid: { left: 90, right: 40, top: 40, bottom: 30 },
      xAxis: { type: 'value', name: 'actas', minInterval: 1 },
      yAxis: { type: 'category', data: orden.map((c) => c.catd) },
      series: FASES_PENDIENTES.map((fase) => ({
        type: 'bar' as const,
        name: NOMBRE_FASE[fase],
        stack: 'pendientes',
        color: COLORES_FASE[fase],
        data: orden.map((c) => c.pendientes[fase]),
        label: { show: true, fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      })),
    },
    1000,
    Math.max(160, 80 + catds.length * 28),
  );
}
