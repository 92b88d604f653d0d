/**
 * The reports as one self-contained HTML page each: inline CSS, inline SVG charts, no script, no
 * external font or image, so the committee can archive or print exactly what it was shown.
 */
import { FIGURAS_AVANCE, DEFINICIONES_AVANCE, porcentaje, type ReporteAvance } from './avance';
import { FASES_PENDIENTES, type ReporteCatd } from './catd';
import { graficaBarras } from './grafica-barras';
import { graficaAvance, graficaPendientesCatd, MAX_CATD_GRAFICA } from './graficas';

/** The PREP's publication zone, e.g. {etiqueta: 'UTC-6', minutos: -360}. */
export interface ZonaReporte {
  etiqueta: string;
  minutos: number;
}

export function escaparHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const dos = (n: number) => String(n).padStart(2, '0');
export const numero = (n: number) => n.toLocaleString('es-MX');

/** `dd/mm/yyyy HH:MM:SS (UTC-6)` in the PREP's zone. */
export function fechaEnZona(iso: string, zona: ZonaReporte): string {
  const f = new Date(Date.parse(iso) + zona.minutos * 60_000);
  return `${dos(f.getUTCDate())}/${dos(f.getUTCMonth() + 1)}/${f.getUTCFullYear()} ${dos(f.getUTCHours())}:${dos(f.getUTCMinutes())}:${dos(f.getUTCSeconds())} (${zona.etiqueta})`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4}
h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:32px}h3{font-size:1em;margin:20px 0 4px}
.meta{color:#4a5568;margin-top:4px}
table{border-collapse:collapse;width:100%;font-size:.92em;margin-top:8px}
th,td{border:1px solid #cbd5e0;padding:4px 8px;text-align:right}th{background:#edf2f7}
td.t,th.t{text-align:left}.p{display:block;color:#4a5568;font-size:.85em}.n{white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:.92em}dt{font-weight:bold}dd{margin:0}
figure{margin:8px 0}svg{max-width:100%;height:auto}
.nota{color:#4a5568;font-size:.9em}
.ok{color:#1e6b3a;font-weight:bold}.mal{color:#b3261e;font-weight:bold}.na{color:#4a5568}
.veredicto{font-size:1.15em;padding:8px 12px;border-left:6px solid;background:#f7fafc}.veredicto.ok{border-color:#27864a}.veredicto.mal{border-color:#c0392b}.veredicto.aviso{border-color:#b7791f;color:#744210;font-weight:bold}
.ruta{word-break:break-all;font-family:ui-monospace,monospace;font-size:.9em}ul.detalle{margin:0;padding-left:18px;overflow-wrap:anywhere}.desborde{overflow-x:auto}
.reporte{border-top:3px double #1f5f8b;margin-top:40px}.reporte>h2{font-size:1.35em;border:0}.reporte h2{margin-top:24px}
@media print{body{margin:0}h2{break-after:avoid}}
`;

/**
 * The one page layout of every report and of the informe de simulacro: `cuerpo` is already-escaped
 * HTML. The empty icon keeps browsers from requesting /favicon.ico: the page loads nothing but itself.
 */
export function pagina(titulo: string, generado: string, cuerpo: string, tipo = 'Reporte para el COTAPREP'): string {
  return `<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>${escaparHtml(titulo)}</title><style>${CSS}</style></head>
<body><h1>${escaparHtml(titulo)}</h1><p class="meta">${escaparHtml(tipo)} · generado el ${escaparHtml(generado)}</p>
${cuerpo}
</body></html>
`;
}

export function definiciones(items: { titulo: string; definicion: string }[]): string {
  return `<dl>${items.map((d) => `<dt>${escaparHtml(d.titulo)}</dt><dd>${escaparHtml(d.definicion)}</dd>`).join('')}</dl>`;
}

export function htmlAvance(r: ReporteAvance, zona: ZonaReporte): string {
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), seccionesAvance(r, zona));
}

/** The Avance report's sections, also embedded in the informe de simulacro (`prefijo` keeps their ids unique there). */
export function seccionesAvance(r: ReporteAvance, zona: ZonaReporte, prefijo = ''): string {
  // One row per figure and one column per election: PREPs hold 1–3 elections, so it never grows wide.
  const celda = (n: number, esperadas: number, f: string) =>
    `<td>${numero(n)}${f === 'esperadas' ? '' : `<span class="p">${porcentaje(n, esperadas).toFixed(2)} %</span>`}</td>`;
  const cab = r.elecciones.map((e) => `<th>${escaparHtml(e.tipoActa)} · ${escaparHtml(e.nombre)}</th>`).join('');
  const filas = FIGURAS_AVANCE.map(
    (f) =>
      `<tr><td class="t">${escaparHtml(DEFINICIONES_AVANCE[f].titulo)}</td>${r.elecciones.map((e) => celda(e[f], e.esperadas, f)).join('')}${celda(r.totales[f], r.totales.esperadas, f)}</tr>`,
  ).join('');
  const cortes = r.cortes.length
    ? `<table><thead><tr><th>Corte</th><th class="t">Instante</th><th class="t">Estado</th><th class="t">Final</th><th>Actas</th></tr></thead><tbody>${r.cortes
        .map(
          (c) =>
            `<tr><td>${c.numero}</td><td class="t">${escaparHtml(fechaEnZona(c.instante, zona))}</td><td class="t">${escaparHtml(c.estado)}</td><td class="t">${c.final ? 'sí' : 'no'}</td><td>${c.actas === null ? '—' : numero(c.actas)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Aún no se ha hecho ningún corte.</p>';
  return `
<section id="${prefijo}elecciones"><h2>Actas por elección</h2>
<table><thead><tr><th class="t">Cifra</th>${cab}<th>Total</th></tr></thead><tbody>${filas}</tbody></table>
<p class="nota">Debajo de cada cifra, su porcentaje de las actas esperadas de la elección (truncado a dos decimales).</p></section>
<section id="${prefijo}grafica"><h2>Actas por etapa del proceso</h2><figure>${graficaAvance(r)}</figure></section>
<section id="${prefijo}cortes"><h2>Cortes realizados</h2>${cortes}</section>
<section id="${prefijo}definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones)}</section>`;
}

/** Column headings a committee member reads; the CSV keeps the phase names. */
const TITULO_FASE: Record<string, string> = {
  ACOPIADA: 'Esperan imagen',
  EN_CAPTURA: 'En captura',
  EN_VERIFICACION: 'En verificación',
  ESCALADA: 'Escaladas',
};
/** One acta's phase in a cell, in words (a code like EN_VERIFICACION cannot wrap and pushed the table past the margin). */
const FASE_DE_UN_ACTA: Record<string, string> = {
  ACOPIADA: 'Espera imagen',
  EN_CAPTURA: 'En captura',
  EN_VERIFICACION: 'En verificación',
  ESCALADA: 'Escalada',
};

export function htmlCatd(r: ReporteCatd, zona: ZonaReporte): string {
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), seccionesCatd(r));
}

/** The Por CATD report's sections, also embedded in the informe de simulacro (`prefijo` keeps their ids unique there). */
export function seccionesCatd(r: ReporteCatd, prefijo = ''): string {
  const filas = r.catds
    .map((c) => {
      const a = c.masAntigua;
      const antigua = a
        ? `<td class="t n">${escaparHtml(a.claveActa)}</td><td class="t">${escaparHtml(FASE_DE_UN_ACTA[a.fase] ?? a.fase)}</td><td>${numero(c.minutosEsperaMasAntigua ?? 0)}</td>`
        : '<td class="t">—</td><td></td><td></td>';
      return `<tr><td class="t n">${escaparHtml(c.catd)}</td><td class="t">${escaparHtml(c.nombre ?? '')}</td><td>${numero(c.publicadas)}</td>${FASES_PENDIENTES.map((f) => `<td>${numero(c.pendientes[f])}</td>`).join('')}<td><b>${numero(c.totalPendientes)}</b></td><td>${numero(c.atoradas)}</td>${antigua}</tr>`;
    })
    .join('');
  const alcance = r.alcance ? `<p class="meta">Solo el CATD ${escaparHtml(r.alcance)} (alcance del usuario).</p>` : '';
  const tabla = r.catds.length
    ? `<table><thead><tr><th class="t" rowspan="2">CATD</th><th class="t" rowspan="2">Nombre</th><th rowspan="2">Publicadas</th><th colspan="${FASES_PENDIENTES.length + 1}">Pendientes</th><th rowspan="2">Atoradas</th><th colspan="3">Acta más antigua en espera</th></tr>
<tr>${FASES_PENDIENTES.map((f) => `<th>${escaparHtml(TITULO_FASE[f] ?? f)}</th>`).join('')}<th>Total</th><th class="t">Clave</th><th class="t">Fase</th><th>Espera (min)</th></tr></thead><tbody>${filas}</tbody></table>`
    : '<p>No hay actas acopiadas.</p>';
  const nota = r.catds.length > MAX_CATD_GRAFICA ? `<p class="nota">La gráfica muestra los ${MAX_CATD_GRAFICA} CATD con más actas pendientes.</p>` : '';
  // With nothing pending (the end of the night) the backlog chart would be empty: show what each CATD published instead.
  const grafica =
    r.catds.length && r.catds.every((c) => c.totalPendientes === 0)
      ? `<h2>Actas publicadas por CATD</h2><p class="nota">Ningún CATD tiene actas pendientes.</p><figure>${graficaBarras({
          categorias: r.catds.map((c) => c.catd),
          series: [{ nombre: 'Publicadas', datos: r.catds.map((c) => c.publicadas), color: '#27864a' }],
          unidad: 'actas',
          horizontal: true,
        })}</figure>`
      : `<h2>Actas pendientes por CATD y fase</h2><figure>${graficaPendientesCatd(r)}</figure>${nota}`;
  return `${alcance}
<section id="${prefijo}grafica">${grafica}</section>
<section id="${prefijo}catd"><h2>Actas por CATD</h2>${tabla}</section>
<section id="${prefijo}definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones.map((d) => ({ titulo: d.figura, definicion: d.definicion })))}</section>`;
}
