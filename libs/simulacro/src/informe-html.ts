/**
 * The informe as one self-contained Spanish page, in the reports' own layout (libs/reportes' page,
 * escaping and server-side SVG charts): inline CSS and SVG, no script, so the committee can file,
 * mail or print it as shown.
 */
import { escaparHtml, fechaEnZona, graficaBarras, pagina } from '@prep/reportes';
import type { FilaTiempos, InformeSimulacro } from './informe';
import { UMBRALES, type EstadoMeta } from './informe-metas';
import { seccionFallas } from './informe-fallas';
import { seccionReporte } from './informe-reportes';

const n = (x: number) => x.toLocaleString('es-MX');
const e = escaparHtml;

/** Names of the staff counts of resumen.json as a committee member reads them: [one, several]. */
const PERSONAL: Record<string, [string, string]> = {
  acopiadores: ['acopiador', 'acopiadores'],
  digitalizadores: ['digitalizador', 'digitalizadores'],
  coordinadores: ['coordinador de CATD', 'coordinadores de CATD'],
  capturistas: ['capturista', 'capturistas'],
  verificadores: ['verificador', 'verificadores'],
  dispositivosPrepCasilla: ['dispositivo PREP Casilla', 'dispositivos PREP Casilla'],
  auditores: ['auditor', 'auditores'],
  cotaprep: ['cuenta del COTAPREP', 'cuentas del COTAPREP'],
};
const personal = (k: string, v: number) => `${n(v)} ${PERSONAL[k]?.[v === 1 ? 0 : 1] ?? k}`;

const ESTADO_META: Record<EstadoMeta, string> = {
  cumplida: '<span class="ok">✔ Cumplida</span>',
  'no cumplida': '<span class="mal">✘ No cumplida</span>',
  'no aplica': '<span class="na">No aplica</span>',
};

const ESTADO_INTEGRIDAD: Record<string, string> = {
  limpia: '<span class="ok">✔ Sin problemas</span>',
  'con problemas': '<span class="mal">✘ Con problemas</span>',
  'no se hizo': '<span class="mal">No se hizo</span>',
};

function duracion(segundos: number): string {
  const s = Math.round(segundos);
  const m = Math.floor(s / 60);
  return m ? `${n(m)} min ${s % 60} s` : `${s} s`;
}

function resultado(i: InformeSimulacro): string {
  const r = i.resultado;
  const total = i.metas.length;
  const fallidas = i.metas.filter((m) => m.estado === 'no cumplida').map((m) => m.titulo.toLowerCase());
  const veredicto = r.interrumpido
    ? 'Simulacro INTERRUMPIDO: los resultados son parciales.'
    : !r.limpio
      ? 'Simulacro con PENDIENTES: revise las metas no cumplidas y las comprobaciones de integridad.'
      : fallidas.length
        ? `Simulacro LIMPIO (todas las actas en estado final y según el plan, sin errores, auditoría sin problemas), pero no cumplió ${fallidas.length === 1 ? 'la meta' : `${n(fallidas.length)} metas`}: ${fallidas.join('; ')}.`
        : 'Simulacro LIMPIO y con todas sus metas cumplidas: actas en estado final y según el plan, sin errores, auditoría sin problemas.';
  const clase = r.interrumpido || !r.limpio ? 'mal' : fallidas.length ? 'aviso' : 'ok';
  return `<section id="resultado"><h2>Resultado</h2>
<p class="veredicto ${clase}">${e(veredicto)}</p>
<p>Metas: <b>${n(r.metasCumplidas)}</b> ${r.metasCumplidas === 1 ? 'cumplida' : 'cumplidas'}, <b>${n(r.metasNoCumplidas)}</b> ${r.metasNoCumplidas === 1 ? 'no cumplida' : 'no cumplidas'} y ${n(r.metasNoAplican)} que no ${r.metasNoAplican === 1 ? 'aplica' : 'aplican'}, de ${n(total)}.</p></section>`;
}

function metas(i: InformeSimulacro): string {
  const filas = i.metas
    .map(
      (m) =>
        `<tr><td class="t">${e(m.titulo)}</td><td class="t">${e(m.umbral)}</td><td class="t">${e(m.valor)}</td><td class="t n">${ESTADO_META[m.estado]}</td></tr>`,
    )
    .join('');
  return `<section id="metas"><h2>Metas del simulacro</h2>
<table><thead><tr><th class="t">Meta</th><th class="t">Umbral</th><th class="t">Medido</th><th class="t">Resultado</th></tr></thead><tbody>${filas}</tbody></table>
<p class="nota">Las metas y sus umbrales están definidos como datos en <span class="ruta">libs/simulacro/src/informe-metas.ts</span>; el ritmo mínimo es el promedio federal de 2024 por elección (≈ 6,700 actas por hora).</p></section>`;
}

function parametros(i: InformeSimulacro): string {
  const p = i.parametros;
  const z = i.zona;
  const dl = [
    ['Inicio', fechaEnZona(p.inicio, z)],
    ['Fin', fechaEnZona(p.fin, z)],
    ['Jornada (primer envío a última acta final)', duracion(p.segundosJornada)],
    ['Total con preparación y auditoría', duracion(p.segundosTotales)],
    ['Semilla', String(p.semilla)],
    ['Actas del plan', `${n(p.actas)} (${n(p.actasCatalogo)} del catálogo; llegan ${n(p.llegan)})`],
    ['CATD', n(p.catds)],
    ['Ritmo de llegada', `${n(p.ritmoActasPorMinuto)} actas por minuto`],
    ['Actas por segundo logradas', n(p.actasPorSegundo)],
    ['Cortes publicados', n(p.cortes)],
    [
      'Personal virtual',
      Object.entries(p.plantilla)
        .map(([k, v]) => personal(k, v))
        .join(', '),
    ],
  ]
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('');
  const titulo = new Map(i.realidades.map((r) => [r.id, r.titulo]));
  const tasas = p.tasas
    .map(
      (t) =>
        `<tr><td class="t">${e(titulo.get(t.nombre) ?? '')}</td><td class="t"><code>${e(t.nombre)}</code></td><td>${t.valor.toLocaleString('es-MX', { maximumFractionDigits: 4 })}</td><td>${t.porOmision.toLocaleString('es-MX', { maximumFractionDigits: 4 })}</td><td class="t">${t.valor === t.porOmision ? '' : '<b>cambiada</b>'}</td></tr>`,
    )
    .join('');
  return `<section id="parametros"><h2>Parámetros del simulacro</h2><dl>${dl}</dl>
<h3>Tasas de las realidades inyectadas (probabilidad por acta; abandono, por tarea de captura)</h3>
<table><thead><tr><th class="t">Realidad</th><th class="t">Nombre en --errores</th><th>Valor</th><th>Por omisión</th><th class="t"></th></tr></thead><tbody>${tasas}</tbody></table></section>`;
}

function realidades(i: InformeSimulacro): string {
  const filas = i.realidades
    .map(
      (r) =>
        `<tr><td class="t">${e(r.titulo)}</td><td>${n(r.planeadas)}</td><td>${r.ocurridas === null ? '—' : n(r.ocurridas)}</td><td class="t">${r.ocurridas === null ? '' : r.ocurridas === r.planeadas ? '<span class="ok">igual</span>' : '<span class="mal">distinto</span>'}</td><td class="t nota">${e(r.nota)}</td></tr>`,
    )
    .join('');
  const grafica = graficaBarras({
    categorias: i.realidades.map((r) => r.titulo),
    series: [
      { nombre: 'Planeadas', datos: i.realidades.map((r) => r.planeadas) },
      { nombre: 'Ocurridas', datos: i.realidades.map((r) => r.ocurridas) },
    ],
    unidad: 'actas',
    horizontal: true,
  });
  return `<section id="realidades"><h2>Realidades inyectadas: planeadas y ocurridas</h2><figure>${grafica}</figure>
<table><thead><tr><th class="t">Realidad</th><th>Planeadas</th><th>Ocurridas</th><th class="t"></th><th class="t">Cómo se cuenta</th></tr></thead><tbody>${filas}</tbody></table></section>`;
}

function integridad(i: InformeSimulacro): string {
  const filas = i.integridad
    .map(
      (c) =>
        `<tr><td class="t">${e(c.titulo)}</td><td class="t n">${ESTADO_INTEGRIDAD[c.estado]}</td><td class="t"><ul class="detalle">${c.detalle.map((d) => `<li>${e(d)}</li>`).join('')}</ul></td></tr>`,
    )
    .join('');
  const finales = i.estadosFinales
    ? `<h3>Actas por estado final</h3><dl>${Object.entries(i.estadosFinales.porFase)
        .map(([k, v]) => `<dt>${e(k)}</dt><dd>${n(v)}</dd>`)
        .join('')}${Object.entries(i.estadosFinales.porContabilizada)
        .map(([k, v]) => `<dt>CONTABILIZADA ${e(k)}</dt><dd>${n(v)}</dd>`)
        .join('')}</dl>`
    : '';
  return `<section id="integridad"><h2>Comprobaciones de integridad</h2>
<table><thead><tr><th class="t">Comprobación</th><th class="t">Resultado</th><th class="t">Detalle</th></tr></thead><tbody>${filas}</tbody></table>${finales}</section>`;
}

function tablaTiempos(filas: FilaTiempos[]): string {
  return `<table><thead><tr><th class="t">Acción</th><th>Veces</th><th>p50 (ms)</th><th>p95 (ms)</th><th>p99 (ms)</th><th>Máximo (ms)</th></tr></thead><tbody>${filas
    .map(
      (t) =>
        `<tr><td class="t">${e(t.accion)}</td><td>${n(t.n)}</td><td>${n(t.p50)}</td><td>${n(t.p95)}</td><td${t.delPersonal && t.p99 > UMBRALES.p99AccionMs ? ' class="mal"' : ''}>${n(t.p99)}</td><td>${n(t.max)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function tiempos(i: InformeSimulacro): string {
  const personal = i.tiempos.filter((t) => t.delPersonal);
  const otras = i.tiempos.filter((t) => !t.delPersonal);
  const grafica = personal.length
    ? `<figure>${graficaBarras({
        categorias: personal.map((t) => t.accion),
        series: [
          { nombre: 'p50', datos: personal.map((t) => t.p50) },
          { nombre: 'p95', datos: personal.map((t) => t.p95) },
          { nombre: 'p99', datos: personal.map((t) => t.p99) },
        ],
        unidad: 'ms',
        horizontal: true,
        referencia: { valor: UMBRALES.p99AccionMs, nombre: `meta p99 ≤ ${n(UMBRALES.p99AccionMs)} ms` },
      })}</figure>`
    : '<p>No se midió ninguna acción del personal.</p>';
  return `<section id="tiempos"><h2>Tiempos de respuesta de la API al personal</h2>${grafica}
${personal.length ? tablaTiempos(personal) : ''}
<p class="nota">Percentiles por rango más cercano, en milisegundos, medidos por el personal virtual desde que envía la petición hasta que recibe la respuesta.</p>
${otras.length ? `<h3>Otras llamadas (preparación, supervisión y auditoría)</h3>${tablaTiempos(otras)}` : ''}</section>`;
}

function operacion(i: InformeSimulacro): string {
  const pasos = i.pasos
    .map(
      (p) =>
        `<tr><td class="t">${e(p.paso)}</td><td class="t">${p.hecho ? '<span class="ok">hecho</span>' : `<span class="mal">${e(p.detalle)}</span>`}</td></tr>`,
    )
    .join('');
  const errores = Object.entries(i.errores.porTipo)
    .map(([k, v]) => `<tr><td class="t">${e(k)}</td><td>${n(v)}</td><td class="t">${e(i.errores.ejemplos[k] ?? '')}</td></tr>`)
    .join('');
  return `<section id="operacion"><h2>Pasos de la operación y errores</h2>
<table><thead><tr><th class="t">Paso</th><th class="t">Resultado</th></tr></thead><tbody>${pasos}</tbody></table>
<p>Errores inesperados: <b>${n(i.errores.total)}</b>; reintentos por 503 o conexión: ${n(i.errores.reintentos503)}.</p>
${errores ? `<table><thead><tr><th class="t">Acción y respuesta</th><th>Veces</th><th class="t">Primer mensaje</th></tr></thead><tbody>${errores}</tbody></table>` : ''}</section>`;
}

function archivos(i: InformeSimulacro): string {
  const r = i.rutas;
  const filas: [string, string | undefined][] = [
    ['Carpeta del simulacro', r.carpeta],
    ['Resumen (JSON)', r.resumen],
    ['Este informe (HTML)', r.informeHtml],
    ['Este informe (JSON, mismo contenido)', r.informeJson],
    ['API del simulacro', r.api],
  ];
  return `<section id="archivos"><h2>Archivos del simulacro</h2><dl>${filas
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd class="ruta">${e(v!)}</dd>`)
    .join('')}</dl></section>`;
}

export function htmlInforme(i: InformeSimulacro): string {
  const cuerpo = [
    resultado(i),
    metas(i),
    parametros(i),
    realidades(i),
    integridad(i),
    tiempos(i),
    operacion(i),
    ...(i.fallas ? [seccionFallas(i.fallas)] : []),
    ...i.reportes.map((r) => seccionReporte(r, i.zona)),
    archivos(i),
  ].join('\n');
  return pagina(i.titulo, fechaEnZona(i.generadoEn, i.zona), cuerpo, 'Informe de simulacro para el COTAPREP');
}
