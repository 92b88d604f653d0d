/** The Calidad report as CSV, SVG charts and its HTML page. */
import type { ReporteCalidad } from './calidad';
import { csv } from './csv';
import { svg } from './graficas';
import { definiciones, escaparHtml, fechaEnZona, numero, pagina, type ZonaReporte } from './html';

/** Charts stop at this many bars; the tables, the JSON and the CSV list everything. */
export const MAX_BARRAS_CALIDAD = 20;

const pct = (n: number) => `${n.toFixed(2)} %`;

/**
 * Long format, one table: BLOQUE RESUMEN, CAPTURISTA, CAMPO, VERIFICACION and OBSERVACION rows;
 * VALOR is the count, TOTAL its base and PORCENTAJE = VALOR × 100 / TOTAL (truncated to 2 decimals).
 */
export function csvCalidad(r: ReporteCalidad): string {
  const s = r.resumen;
  const cab = ['BLOQUE', 'CLAVE', 'VALOR', 'TOTAL', 'PORCENTAJE'];
  const filas: (string | number | null)[][] = [
    ['RESUMEN', 'ACTAS_CON_DIFERENCIA', s.actasConDiferencia, s.actasCapturadas, s.porcentajeActasConDiferencia],
    ['RESUMEN', 'RONDAS_CON_DIFERENCIA', s.rondasConDiferencia, s.rondas, s.porcentajeRondasConDiferencia],
    ['RESUMEN', 'ACTAS_DEVUELTAS', s.actasDevueltas, s.actasCapturadas, s.porcentajeActasDevueltas],
    ['RESUMEN', 'DEVOLUCIONES', s.devoluciones, '', ''],
    ['RESUMEN', 'ACTAS_ESCALADAS', s.actasEscaladas, s.actasCapturadas, s.porcentajeActasEscaladas],
    ['RESUMEN', 'ACTAS_PUBLICADAS', s.actasPublicadas, '', ''],
    ...r.capturistas.map((c) => ['CAPTURISTA', c.usuario, c.conDiferencia, c.capturas, c.porcentajeConDiferencia]),
    ...r.campos.map((c) => ['CAMPO', c.campo, c.veces, s.rondas, c.porcentajeRondas]),
    ...r.verificaciones.map((v) => ['VERIFICACION', `${v.modo}/${v.decision}/${v.rol}`, v.actas, '', '']),
    ...r.observaciones.map((o) => ['OBSERVACION', o.observacion, o.actas, s.actasPublicadas, o.porcentajePublicadas]),
  ];
  return csv([cab, ...filas]);
}

/** Horizontal bars, the largest on top (ECharts draws categories bottom-up). */
function barras(etiquetas: string[], valores: number[], nombre: string, color: string, sufijo = ''): string {
  const n = Math.min(etiquetas.length, MAX_BARRAS_CALIDAD);
  return svg(
    {
      color: [color],
      grid: { left: 170, right: 60, top: 20, bottom: 30 },
      xAxis: { type: 'value', name: nombre },
      yAxis: { type: 'category', data: etiquetas.slice(0, n).reverse(), axisLabel: { fontSize: 11 } },
      series: [
        {
          type: 'bar' as const,
          name: nombre,
          data: valores.slice(0, n).reverse(),
          label: { show: true, position: 'right' as const, fontSize: 11, formatter: (p: { value: unknown }) => `${String(p.value)}${sufijo}` },
        },
      ],
    },
    1000,
    Math.max(140, 60 + n * 26),
  );
}

export function graficaCapturistas(r: ReporteCalidad): string {
  return barras(
    r.capturistas.map((c) => c.usuario),
    r.capturistas.map((c) => c.porcentajeConDiferencia),
    '% de capturas con diferencia',
    '#c0392b',
    ' %',
  );
}

export function graficaCampos(r: ReporteCalidad): string {
  return barras(
    r.campos.map((c) => c.campo),
    r.campos.map((c) => c.veces),
    'rondas con el campo distinto',
    '#b7791f',
  );
}

export function graficaObservaciones(r: ReporteCalidad): string {
  return barras(
    r.observaciones.map((o) => o.observacion),
    r.observaciones.map((o) => o.actas),
    'actas publicadas',
    '#1f5f8b',
  );
}

function tabla(cabeza: string[], filas: string[][]): string {
  const th = cabeza.map((c, i) => `<th${i === 0 ? ' class="t"' : ''}>${escaparHtml(c)}</th>`).join('');
  const tr = filas
    .map((f) => `<tr>${f.map((c, i) => (i === 0 ? `<td class="t n">${escaparHtml(c)}</td>` : `<td>${escaparHtml(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** The Calidad report's sections, also embedded in the informe de simulacro (`prefijo` keeps their ids unique there). */
export function seccionesCalidad(r: ReporteCalidad, zona: ZonaReporte, prefijo = ''): string {
  const s = r.resumen;
  const nota = (n: number) =>
    n > MAX_BARRAS_CALIDAD ? `<p class="nota">La gráfica muestra los primeros ${MAX_BARRAS_CALIDAD}; la tabla los lista todos.</p>` : '';
  const vacio = (n: number, html: string, texto: string) => (n > 0 ? html : `<p>${texto}</p>`);
  const resumen = tabla(
    ['Cifra', 'Actas o rondas', 'Base', '%'],
    [
      ['Actas con capturas distintas', numero(s.actasConDiferencia), numero(s.actasCapturadas), pct(s.porcentajeActasConDiferencia)],
      ['Rondas con capturas distintas', numero(s.rondasConDiferencia), numero(s.rondas), pct(s.porcentajeRondasConDiferencia)],
      ['Actas devueltas a nueva captura', numero(s.actasDevueltas), numero(s.actasCapturadas), pct(s.porcentajeActasDevueltas)],
      ['Devoluciones (todas)', numero(s.devoluciones), '', ''],
      ['Actas escaladas al coordinador', numero(s.actasEscaladas), numero(s.actasCapturadas), pct(s.porcentajeActasEscaladas)],
    ],
  );
  const capturistas = vacio(
    r.capturistas.length,
    `<figure>${graficaCapturistas(r)}</figure>${nota(r.capturistas.length)}${tabla(
      ['Capturista', 'Capturas', 'Con diferencia', '%'],
      r.capturistas.map((c) => [c.usuario, numero(c.capturas), numero(c.conDiferencia), pct(c.porcentajeConDiferencia)]),
    )}`,
    'Aún no hay rondas comparadas.',
  );
  const campos = vacio(
    r.campos.length,
    `<figure>${graficaCampos(r)}</figure>${nota(r.campos.length)}${tabla(
      ['Campo', 'Rondas con el campo distinto', '% de las rondas'],
      r.campos.map((c) => [c.campo, numero(c.veces), pct(c.porcentajeRondas)]),
    )}`,
    'Ninguna ronda tuvo capturas distintas.',
  );
  const verificaciones = vacio(
    r.verificaciones.length,
    tabla(
      ['Modo', 'Decisión', 'Quién', 'Actas'],
      r.verificaciones.map((v) => [v.modo, v.decision, v.rol, numero(v.actas)]),
    ),
    'Aún no hay actas verificadas.',
  );
  const observaciones = vacio(
    r.observaciones.length,
    `<figure>${graficaObservaciones(r)}</figure>${nota(r.observaciones.length)}${tabla(
      ['Observación', 'Actas', '% de las publicadas'],
      r.observaciones.map((o) => [o.observacion, numero(o.actas), pct(o.porcentajePublicadas)]),
    )}<p class="nota">Actas publicadas: ${numero(s.actasPublicadas)}.</p>`,
    `Ninguna de las ${numero(s.actasPublicadas)} actas publicadas tiene observaciones.`,
  );
  const alcance = r.alcance ? `<p class="meta">Solo el CATD ${escaparHtml(r.alcance)} (alcance del usuario).</p>` : '';
  const cuerpo = `${alcance}
<section id="${prefijo}resumen"><h2>Resumen</h2>${resumen}</section>
<section id="${prefijo}capturistas"><h2>Capturas distintas por capturista</h2>${capturistas}</section>
<section id="${prefijo}campos"><h2>Campos en desacuerdo</h2>${campos}</section>
<section id="${prefijo}verificaciones"><h2>Decisiones de verificación</h2>${verificaciones}</section>
<section id="${prefijo}observaciones"><h2>Observaciones de las actas publicadas</h2>${observaciones}</section>
<section id="${prefijo}definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones)}</section>`;
  return cuerpo;
}

export function htmlCalidad(r: ReporteCalidad, zona: ZonaReporte): string {
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), seccionesCalidad(r, zona));
}
