/** The Tiempos report as CSV, SVG charts and its HTML page (same conventions as Avance and Por CATD). */
import { csv } from './csv';
import { svg } from './graficas';
import { definiciones, escaparHtml, fechaEnZona, numero, pagina, type ZonaReporte } from './html';
import type { ReporteTiempos, ResumenTiempo } from './tiempos';

/** A duration a person reads: 42.5 s, 3 min 05 s, 1 h 02 min. */
export function duracion(segundos: number | null): string {
  if (segundos === null) return '—';
  if (segundos < 60) return `${(Math.round(segundos * 10) / 10).toLocaleString('es-MX')} s`;
  const s = Math.round(segundos);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const hora = (iso: string, zona: ZonaReporte) => fechaEnZona(iso, zona).slice(11, 16);
const minutos = (s: number | null) => (s === null ? null : Math.round((s / 60) * 100) / 100);

/**
 * Long format, one table: BLOQUE FASE rows (the total first, then each phase) and BLOQUE INTERVALO
 * rows (CLAVE = UTC start of the interval). Times in seconds, as in the JSON.
 */
export function csvTiempos(r: ReporteTiempos, zona: ZonaReporte): string {
  const cab = ['BLOQUE', 'CLAVE', 'DESCRIPCION', 'ACTAS_ACOPIADAS', 'ACTAS', 'P50_SEGUNDOS', 'P90_SEGUNDOS', 'P99_SEGUNDOS'];
  const fase = (f: ResumenTiempo) => ['FASE', f.fase, f.titulo, '', f.actas, f.p50, f.p90, f.p99];
  const intervalos = r.intervalos.map((i) => ['INTERVALO', i.inicio, fechaEnZona(i.inicio, zona), i.acopiadas, i.publicadas, i.p50, i.p90, i.p99]);
  return csv([cab, fase(r.total), ...r.fases.map(fase), ...intervalos]);
}

/** p50, p90 and p99 of each phase, in minutes. */
export function graficaFasesTiempos(r: ReporteTiempos): string {
  const filas = [r.total, ...r.fases];
  return svg(
    {
      color: ['#1f5f8b', '#b7791f', '#c0392b'],
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: filas.map((f) => f.titulo), axisLabel: { interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', name: 'minutos' },
      series: (['p50', 'p90', 'p99'] as const).map((p) => ({
        type: 'bar' as const,
        name: p,
        data: filas.map((f) => minutos(f[p])),
        label: { show: true, position: 'top' as const, fontSize: 10 },
      })),
    },
    1000,
    380,
  );
}

/** Over the night: actas acopiadas and publicadas per interval (bars) and p50/p90 acopio → publicación (lines). */
export function graficaNocheTiempos(r: ReporteTiempos, zona: ZonaReporte): string {
  return svg(
    {
      color: ['#9aa5b1', '#27864a', '#1f5f8b', '#c0392b'],
      legend: { top: 0 },
      grid: { left: 60, right: 60, top: 40, bottom: 40 },
      xAxis: { type: 'category', data: r.intervalos.map((i) => hora(i.inicio, zona)) },
      yAxis: [
        { type: 'value', name: 'actas', minInterval: 1 },
        { type: 'value', name: 'minutos', position: 'right' },
      ],
      series: [
        { type: 'bar' as const, name: 'Acopiadas', data: r.intervalos.map((i) => i.acopiadas) },
        { type: 'bar' as const, name: 'Publicadas', data: r.intervalos.map((i) => i.publicadas) },
        { type: 'line' as const, name: 'p50 acopio → publicación', yAxisIndex: 1, data: r.intervalos.map((i) => minutos(i.p50)) },
        { type: 'line' as const, name: 'p90 acopio → publicación', yAxisIndex: 1, data: r.intervalos.map((i) => minutos(i.p90)) },
      ],
    },
    1000,
    360,
  );
}

/** The Tiempos report's sections, also embedded in the informe de simulacro (`prefijo` keeps their ids unique there). */
export function seccionesTiempos(r: ReporteTiempos, zona: ZonaReporte, prefijo = ''): string {
  const fila = (f: ResumenTiempo) =>
    `<tr><td class="t">${escaparHtml(f.titulo)}</td><td>${numero(f.actas)}</td><td>${duracion(f.p50)}</td><td>${duracion(f.p90)}</td><td>${duracion(f.p99)}</td></tr>`;
  const cabFases = '<tr><th class="t">Fase</th><th>Actas</th><th>p50</th><th>p90</th><th>p99</th></tr>';
  const fases =
    r.total.actas + r.fases[0].actas > 0
      ? `<figure>${graficaFasesTiempos(r)}</figure><table><thead>${cabFases}</thead><tbody>${[r.total, ...r.fases].map(fila).join('')}</tbody></table>`
      : '<p>Aún no hay actas acopiadas.</p>';
  const noche = r.intervalos.length
    ? `<figure>${graficaNocheTiempos(r, zona)}</figure><table><thead><tr><th class="t">Desde</th><th>Acopiadas</th><th>Publicadas</th><th>p50</th><th>p90</th><th>p99</th></tr></thead><tbody>${r.intervalos
        .map(
          (i) =>
            `<tr><td class="t n">${escaparHtml(fechaEnZona(i.inicio, zona))}</td><td>${numero(i.acopiadas)}</td><td>${numero(i.publicadas)}</td><td>${duracion(i.p50)}</td><td>${duracion(i.p90)}</td><td>${duracion(i.p99)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Aún no hay actas acopiadas.</p>';
  const cuerpo = `
<section id="${prefijo}fases"><h2>Tiempo por fase (percentiles)</h2>${fases}</section>
<section id="${prefijo}noche"><h2>A lo largo de la noche (intervalos de ${r.intervaloMinutos} min)</h2>${noche}</section>
<section id="${prefijo}definiciones"><h2>Qué mide cada cifra</h2>${definiciones(r.definiciones)}</section>`;
  return cuerpo;
}

export function htmlTiempos(r: ReporteTiempos, zona: ZonaReporte): string {
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), seccionesTiempos(r, zona));
}
