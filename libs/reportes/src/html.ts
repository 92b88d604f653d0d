/**
 * The reports as one self-contained HTML page each: inline CSS, inline SVG charts, no script, no
 * external font or image, so the committee can archive or print exactly what it was shown.
 */
import { FIGURAS_AVANCE, DEFINICIONES_AVANCE, type ReporteAvance } from './avance';
import { FASES_PENDIENTES, type ReporteCatd } from './catd';
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
const numero = (n: number) => n.toLocaleString('es-MX');

/** `dd/mm/yyyy HH:MM:SS (UTC-6)` in the PREP's zone. */
export function fechaEnZona(iso: string, zona: ZonaReporte): string {
  const f = new Date(Date.parse(iso) + zona.minutos * 60_000);
  return `${dos(f.getUTCDate())}/${dos(f.getUTCMonth() + 1)}/${f.getUTCFullYear()} ${dos(f.getUTCHours())}:${dos(f.getUTCMinutes())}:${dos(f.getUTCSeconds())} (${zona.etiqueta})`;
}

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a202c;margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4}
h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:32px}
.meta{color:#4a5568;margin-top:4px}
table{border-collapse:collapse;width:100%;font-size:.92em;margin-top:8px}
th,td{border:1px solid #cbd5e0;padding:4px 8px;text-align:right}th{background:#edf2f7}
td.t,th.t{text-align:left}tr.total td{font-weight:bold;background:#f7fafc}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:.92em}dt{font-weight:bold}dd{margin:0}
figure{margin:8px 0}svg{max-width:100%;height:auto}
.nota{color:#4a5568;font-size:.9em}
@media print{body{margin:0}h2{break-after:avoid}}
`;

function pagina(titulo: string, generado: string, cuerpo: string): string {
  return `<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>${escaparHtml(titulo)}</title><style>${CSS}</style></head>
<body><h1>${escaparHtml(titulo)}</h1><p class="meta">Reporte para el COTAPREP · generado el ${escaparHtml(generado)}</p>
${cuerpo}
</body></html>
`;
}

function definiciones(items: { titulo: string; definicion: string }[]): string {
  return `<dl>${items.map((d) => `<dt>${escaparHtml(d.titulo)}</dt><dd>${escaparHtml(d.definicion)}</dd>`).join('')}</dl>`;
}

export function htmlAvance(r: ReporteAvance, zona: ZonaReporte): string {
  const cab = FIGURAS_AVANCE.map((f) => `<th>${escaparHtml(DEFINICIONES_AVANCE[f].titulo)}</th>`).join('');
  const filas = r.elecciones
    .map(
      (e) =>
        `<tr><td class="t">${escaparHtml(e.tipoActa)}</td><td class="t">${escaparHtml(e.nombre)}</td>${FIGURAS_AVANCE.map((f) => `<td>${numero(e[f])}</td>`).join('')}<td>${e.porcentajePublicadas.toFixed(2)} %</td><td>${e.porcentajeContabilizadas.toFixed(2)} %</td></tr>`,
    )
    .join('');
  const total = `<tr class="total"><td class="t" colspan="2">Total</td>${FIGURAS_AVANCE.map((f) => `<td>${numero(r.totales[f])}</td>`).join('')}<td></td><td></td></tr>`;
  const cortes = r.cortes.length
    ? `<table><thead><tr><th>Corte</th><th class="t">Instante</th><th class="t">Estado</th><th class="t">Final</th><th>Actas</th></tr></thead><tbody>${r.cortes
        .map(
          (c) =>
            `<tr><td>${c.numero}</td><td class="t">${escaparHtml(fechaEnZona(c.instante, zona))}</td><td class="t">${escaparHtml(c.estado)}</td><td class="t">${c.final ? 'sí' : 'no'}</td><td>${c.actas === null ? '—' : numero(c.actas)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Aún no se ha hecho ningún corte.</p>';
  const cuerpo = `
<section id="elecciones"><h2>Actas por elección</h2>
<table><thead><tr><th class="t">Tipo</th><th class="t">Elección</th>${cab}<th>% publicadas</th><th>% contabilizadas</th></tr></thead><tbody>${filas}${total}</tbody></table>
<p class="nota">Porcentajes sobre las actas esperadas, truncados a dos decimales.</p></section>
<section id="grafica"><h2>Actas por etapa del proceso</h2><figure>${graficaAvance(r)}</figure></section>
<section id="cortes"><h2>Cortes realizados</h2>${cortes}</section>
<section id="definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones)}</section>`;
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), cuerpo);
}

export function htmlCatd(r: ReporteCatd, zona: ZonaReporte): string {
  const filas = r.catds
    .map((c) => {
      const antigua = c.masAntigua
        ? `${escaparHtml(c.masAntigua.claveActa)} (${escaparHtml(c.masAntigua.fase)}, ${numero(c.minutosEsperaMasAntigua ?? 0)} min)`
        : '—';
      return `<tr><td class="t">${escaparHtml(c.catd)}</td><td class="t">${escaparHtml(c.nombre ?? '')}</td><td>${numero(c.publicadas)}</td>${FASES_PENDIENTES.map((f) => `<td>${numero(c.pendientes[f])}</td>`).join('')}<td>${numero(c.totalPendientes)}</td><td>${numero(c.atoradas)}</td><td class="t">${antigua}</td></tr>`;
    })
    .join('');
  const alcance = r.alcance ? `<p class="meta">Solo el CATD ${escaparHtml(r.alcance)} (alcance del usuario).</p>` : '';
  const tabla = r.catds.length
    ? `<table><thead><tr><th class="t">CATD</th><th class="t">Nombre</th><th>Publicadas</th>${FASES_PENDIENTES.map((f) => `<th>${escaparHtml(f)}</th>`).join('')}<th>Pendientes</th><th>Atoradas</th><th class="t">Más antigua en espera</th></tr></thead><tbody>${filas}</tbody></table>`
    : '<p>No hay actas acopiadas.</p>';
  const nota = r.catds.length > MAX_CATD_GRAFICA ? `<p class="nota">La gráfica muestra los ${MAX_CATD_GRAFICA} CATD con más actas pendientes.</p>` : '';
  const cuerpo = `${alcance}
<section id="catd"><h2>Actas por CATD</h2>${tabla}</section>
<section id="grafica"><h2>Actas pendientes por CATD y fase</h2><figure>${graficaPendientesCatd(r)}</figure>${nota}</section>
<section id="definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones.map((d) => ({ titulo: d.figura, definicion: d.definicion })))}</section>`;
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), cuerpo);
}
