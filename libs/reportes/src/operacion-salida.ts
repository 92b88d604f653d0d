/** The Operación report as CSV, an SVG chart and its HTML page. */
import { csv } from './csv';
import { svg } from './graficas';
import { definiciones, escaparHtml, fechaEnZona, numero, pagina, type ZonaReporte } from './html';
import type { Parte, ReporteOperacion } from './operacion';

const COLORES_ESTADO: Record<string, string> = {
  Running: '#1f5f8b',
  Completed: '#27864a',
  Failed: '#c0392b',
  Terminated: '#b7791f',
  Canceled: '#6b46c1',
  TimedOut: '#9b2c2c',
  ContinuedAsNew: '#9aa5b1',
};
const NOMBRE_ESTADO: Record<string, string> = {
  Running: 'En curso',
  Completed: 'Completados',
  Failed: 'Fallidos',
  Terminated: 'Terminados',
  Canceled: 'Cancelados',
  TimedOut: 'Vencidos',
  ContinuedAsNew: 'Continuados',
};

/**
 * Long format, one table: BLOQUE ALERTA, ATORADA, FLUJOS, REINTENTANDO, REINICIO, BITACORA and
 * PROCESO rows; a part that could not be read is one row with VALOR NO_DISPONIBLE and its message.
 */
export function csvOperacion(r: ReporteOperacion): string {
  const cab = ['BLOQUE', 'CLAVE', 'VALOR', 'DETALLE', 'FECHA_HORA'];
  const parte = <T>(bloque: string, p: Parte<T>, filas: (d: T) => (string | number | null)[][]) =>
    p.disponible ? filas(p as T) : [[bloque, p.codigo, 'NO_DISPONIBLE', p.mensaje, '']];
  const filas: (string | number | null)[][] = [
    ...r.alertas.map((a, i) => ['ALERTA', i + 1, '', a, '']),
    ['ATORADAS', 'TOTAL', r.atoradas.total, '', ''],
    ...r.atoradas.actas.map((a) => ['ATORADA', a.claveActa, a.fase, a.catd ?? '', a.atoradaDesde ?? '']),
    ...parte('FLUJOS', r.temporal, (t) => [
      ...t.flujos.map((f) => ['FLUJOS', f.estado, f.cantidad, '', '']),
      ['FLUJOS', 'ATORADOS_EN_TEMPORAL', t.atoradosEnTemporal, '', ''],
      ['FLUJOS', 'REVISADOS_POR_REINTENTOS', t.revisados, '', ''],
      ...t.reintentando.map((x) => ['REINTENTANDO', x.claveActa, x.intento, `${x.actividad}: ${x.ultimoError ?? ''}`, '']),
    ]),
    ...parte('REINICIO', r.reinicios, (x) => x.lista.map((l) => ['REINICIO', l.claveActa, l.operador, l.motivo, l.fechaHora])),
    ...parte('BITACORA', r.bitacora, (b) => [
      ['BITACORA', 'TX', b.txId, '', ''],
      ['BITACORA', 'FIRMADO', b.firmado ? 'SI' : 'NO', '', ''],
      ['BITACORA', 'FIRMA_VALIDA', b.firmaValida ? 'SI' : 'NO', '', ''],
      ['BITACORA', 'CLAVE_ESPERADA', b.claveEsperada === null ? 'SIN_CLAVE_CONFIGURADA' : b.claveEsperada ? 'SI' : 'NO', '', ''],
    ]),
    ...parte('PROCESO', r.compilacion, (c) => [
      ['PUESTA_EN_CEROS', '', c.puestaEnCeros ? 'SI' : 'NO', c.mensaje, c.puestaEnCeros ?? ''],
      ...c.procesos.map((p) => [
        'PROCESO',
        `${p.tipo}@${p.host}:${p.pid}`,
        p.coincide === null ? 'SIN_REFERENCIA' : p.coincide ? 'COINCIDE' : 'DIFIERE',
        `${p.diferencias} diferencia(s)`,
        p.inicio,
      ]),
    ]),
  ];
  return csv([cab, ...filas]);
}

/** Workflows by execution status (horizontal stacked bar, one segment per status). */
export function graficaFlujos(flujos: { estado: string; cantidad: number }[]): string {
  return svg(
    {
      legend: { top: 0 },
      grid: { left: 20, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'value', name: 'flujos', minInterval: 1 },
      yAxis: { type: 'category', data: [''], show: false },
      series: flujos.map((f) => ({
        type: 'bar' as const,
        stack: 'flujos',
        name: NOMBRE_ESTADO[f.estado] ?? f.estado,
        color: COLORES_ESTADO[f.estado] ?? '#4a5568',
        data: [f.cantidad],
        label: { show: f.cantidad > 0, fontSize: 11 },
      })),
    },
    1000,
    140,
  );
}

function tabla(cabeza: string[], filas: string[][]): string {
  const th = cabeza.map((c) => `<th class="t">${escaparHtml(c)}</th>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${filas.map((f) => `<tr>${f.map((c) => `<td class="t">${escaparHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const noDisponible = (p: { codigo: string; mensaje: string }) => `<p><b>No disponible</b> (${escaparHtml(p.codigo)}): ${escaparHtml(p.mensaje)}</p>`;
const siNo = (b: boolean | null, nulo = '—') => (b === null ? nulo : b ? 'sí' : 'NO');

/** The Operacion report's sections, also embedded in the informe de simulacro (`prefijo` keeps their ids unique there). */
export function seccionesOperacion(r: ReporteOperacion, zona: ZonaReporte, prefijo = ''): string {
  const fecha = (iso: string | null) => (iso ? fechaEnZona(iso, zona) : '—');
  const alertas = r.alertas.length
    ? `<ul>${r.alertas.map((a) => `<li>${escaparHtml(a)}</li>`).join('')}</ul>`
    : '<p>Sin alertas: bitácora verificada, compilación de la puesta en ceros en todos los procesos y ninguna acta atorada.</p>';
  const atoradas = r.atoradas.actas.length
    ? `<p>${numero(r.atoradas.total)} acta(s) atorada(s)${r.atoradas.total > r.atoradas.actas.length ? `; se listan las ${r.atoradas.actas.length} más antiguas` : ''}.</p>${tabla(
        ['Clave', 'Fase', 'CATD', 'Atorada desde', 'Minutos'],
        r.atoradas.actas.map((a) => [a.claveActa, a.fase, a.catd ?? '', fecha(a.atoradaDesde), a.minutosAtorada === null ? '—' : numero(a.minutosAtorada)]),
      )}`
    : '<p>Ninguna acta atorada.</p>';
  const t = r.temporal;
  const temporal = !t.disponible
    ? noDisponible(t)
    : `<figure>${graficaFlujos(t.flujos)}</figure>${tabla(
        ['Estado', 'Flujos'],
        [...t.flujos.map((f) => [NOMBRE_ESTADO[f.estado] ?? f.estado, numero(f.cantidad)]), ['En curso marcados atorados', numero(t.atoradosEnTemporal)]],
      )}<p>Revisados por reintentos: ${numero(t.revisados)} flujo(s); reintentando: ${numero(t.reintentando.length)}.</p>${
        t.reintentando.length
          ? tabla(
              ['Clave', 'Actividad', 'Intento', 'Último error'],
              t.reintentando.map((x) => [x.claveActa, x.actividad, String(x.intento), x.ultimoError ?? '']),
            )
          : ''
      }`;
  const rein = r.reinicios;
  const reinicios = !rein.disponible
    ? noDisponible(rein)
    : rein.lista.length
      ? tabla(
          ['Clave', 'Operador', 'Motivo', 'Fecha y hora'],
          rein.lista.map((l) => [l.claveActa, l.operador, l.motivo, fecha(l.fechaHora)]),
        )
      : '<p>Ningún reinicio registrado.</p>';
  const b = r.bitacora;
  const bitacora = !b.disponible
    ? noDisponible(b)
    : tabla(
        ['Cifra', 'Valor'],
        [
          ['Última transacción verificada', numero(b.txId)],
          ['Estado firmado por el servidor', siNo(b.firmado)],
          ['Firma válida', siNo(b.firmaValida)],
          ['Clave pública esperada', siNo(b.claveEsperada, 'no configurada')],
          ['Hash del estado confiable', b.estadoConfiable ?? '—'],
          ['Última verificación completa', r.verificacionCompleta.nota],
        ],
      );
  const c = r.compilacion;
  const compilacion = !c.disponible
    ? noDisponible(c)
    : `<p>${escaparHtml(c.mensaje)}</p><p>Puesta en ceros: ${escaparHtml(fecha(c.puestaEnCeros))}</p>${
        c.procesos.length
          ? tabla(
              ['Proceso', 'Host', 'PID', 'Inicio', 'Compilación'],
              c.procesos.map((p) => [
                p.tipo,
                p.host,
                String(p.pid),
                fecha(p.inicio),
                p.coincide === null ? 'sin referencia' : p.coincide ? 'coincide' : `DIFIERE (${p.diferencias})`,
              ]),
            )
          : ''
      }`;
  const cuerpo = `
<section id="${prefijo}alertas"><h2>Alertas</h2>${alertas}</section>
<section id="${prefijo}atoradas"><h2>Actas atoradas</h2>${atoradas}</section>
<section id="${prefijo}flujos"><h2>Flujos en Temporal</h2>${temporal}</section>
<section id="${prefijo}reinicios"><h2>Reinicios de flujos</h2>${reinicios}</section>
<section id="${prefijo}bitacora"><h2>Salud de la bitácora</h2>${bitacora}</section>
<section id="${prefijo}compilacion"><h2>Procesos y compilación de la puesta en ceros</h2>${compilacion}</section>
<section id="${prefijo}definiciones"><h2>Qué cuenta cada cifra</h2>${definiciones(r.definiciones)}</section>`;
  return cuerpo;
}

export function htmlOperacion(r: ReporteOperacion, zona: ZonaReporte): string {
  return pagina(r.titulo, fechaEnZona(r.generadoEn, zona), seccionesOperacion(r, zona));
}
