/**
 * The COTAPREP reports inside the informe: a report libs/reportes knows how to draw is embedded with
 * its own sections (tables, charts, definitions); any other report (one just added to
 * REPORTES_DEL_INFORME) still shows its figures, as tables read from its JSON.
 */
import {
  definiciones,
  escaparHtml,
  seccionesAvance,
  seccionesCalidad,
  seccionesCatd,
  seccionesOperacion,
  seccionesTiempos,
  type ReporteAvance,
  type ReporteCalidad,
  type ReporteCatd,
  type ReporteOperacion,
  type ReporteTiempos,
  type ZonaReporte,
} from '@prep/reportes';
import type { ReporteObtenido } from './informe';

type Secciones = (datos: unknown, zona: ZonaReporte, prefijo: string) => string;

/** Reports drawn by their own sections; a new report may add its renderer here (optional: the generic one shows its figures). */
const SECCIONES: Record<string, Secciones> = {
  avance: (d, zona, prefijo) => seccionesAvance(d as ReporteAvance, zona, prefijo),
  catd: (d, _zona, prefijo) => seccionesCatd(d as ReporteCatd, prefijo),
  tiempos: (d, zona, prefijo) => seccionesTiempos(d as ReporteTiempos, zona, prefijo),
  calidad: (d, zona, prefijo) => seccionesCalidad(d as ReporteCalidad, zona, prefijo),
  operacion: (d, zona, prefijo) => seccionesOperacion(d as ReporteOperacion, zona, prefijo),
};

type Escalar = string | number | boolean | null;
const esEscalar = (v: unknown): v is Escalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const esObjeto = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function celda(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return v.toLocaleString('es-MX');
  if (typeof v === 'boolean') return v ? 'sí' : 'no';
  if (esEscalar(v)) return escaparHtml(String(v));
  return escaparHtml(JSON.stringify(v));
}

/** Flattens one level of nested objects into `a · b` columns, so a row like {pendientes: {EN_CAPTURA: 3}} stays a table. */
function aplanar(fila: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fila)) {
    if (esObjeto(v) && Object.values(v).every(esEscalar)) for (const [k2, v2] of Object.entries(v)) r[`${k} · ${k2}`] = v2;
    else r[k] = v;
  }
  return r;
}

function tabla(filas: Record<string, unknown>[]): string {
  const planas = filas.map(aplanar);
  const columnas = [...new Set(planas.flatMap((f) => Object.keys(f)))];
  const cab = columnas.map((c) => `<th class="t">${escaparHtml(c)}</th>`).join('');
  const cuerpo = planas
    .map((f) => `<tr>${columnas.map((c) => `<td${typeof f[c] === 'number' ? '' : ' class="t"'}>${celda(f[c])}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="desborde"><table><thead><tr>${cab}</tr></thead><tbody>${cuerpo}</tbody></table></div>`;
}

const esDefiniciones = (v: unknown): v is { definicion: string; titulo?: string; figura?: string }[] =>
  Array.isArray(v) && v.length > 0 && v.every((d) => esObjeto(d) && typeof d.definicion === 'string');

/** Any report's JSON as HTML: its scalar fields as a list, each array of rows as a table, its definitions last. */
export function seccionesGenericas(datos: unknown, prefijo: string): string {
  if (!esObjeto(datos)) return `<section id="${prefijo}datos"><h2>Cifras</h2><p>${celda(datos)}</p></section>`;
  const escalares = Object.entries(datos).filter(([k, v]) => esEscalar(v) && k !== 'titulo');
  const partes: string[] = [];
  if (escalares.length) {
    partes.push(
      `<section id="${prefijo}datos"><h2>Datos</h2><dl>${escalares.map(([k, v]) => `<dt>${escaparHtml(k)}</dt><dd>${celda(v)}</dd>`).join('')}</dl></section>`,
    );
  }
  for (const [k, v] of Object.entries(datos)) {
    if (k === 'definiciones' && esDefiniciones(v)) continue;
    const filas = Array.isArray(v) ? v.filter(esObjeto) : esObjeto(v) ? [v] : [];
    if (!filas.length) continue;
    partes.push(`<section id="${prefijo}${escaparHtml(k)}"><h2>${escaparHtml(k)}</h2>${tabla(filas)}</section>`);
  }
  const defs = datos.definiciones;
  if (esDefiniciones(defs)) {
    const items = defs.map((d) => ({ titulo: d.titulo ?? d.figura ?? '', definicion: d.definicion }));
    partes.push(`<section id="${prefijo}definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(items)}</section>`);
  }
  return partes.join('\n');
}

/** One report's part of the informe, inside `<section id="reporte-<nombre>">`. */
export function seccionReporte(r: ReporteObtenido, zona: ZonaReporte): string {
  const prefijo = `${r.nombre}-`;
  const titulo = esObjeto(r.datos) && typeof r.datos.titulo === 'string' ? r.datos.titulo : `Reporte ${r.nombre}`;
  const cuerpo =
    r.error !== null
      ? `<p class="mal">No se pudo obtener ${escaparHtml(r.ruta)}: ${escaparHtml(r.error)}</p>`
      : (SECCIONES[r.nombre] ?? ((d: unknown, _z: ZonaReporte, p: string) => seccionesGenericas(d, p)))(r.datos, zona, prefijo);
  return `<section class="reporte" id="reporte-${escaparHtml(r.nombre)}"><h2>Reporte: ${escaparHtml(titulo)}</h2>
<p class="nota">Leído de <span class="ruta">${escaparHtml(r.ruta)}</span> como el usuario cotaprep del simulacro, al terminar.</p>
${cuerpo}</section>`;
}
