import {
  resumirTiempos,
  type Comprobacion,
  type Contadores,
  type PlanSimulacro,
  type ReporteFalla,
  type ResultadoPaquete,
  type ResultadoPaso,
  type ResultadoVerificacion,
  type ResumenSimulacro,
} from '@prep/simulacro';
import type { Metricas } from './http';

export type { ResumenSimulacro };

export function construirResumen(d: {
  plan: PlanSimulacro;
  ritmo: number;
  inicio: Date;
  inicioJornada: number;
  finNoche: number;
  fin: Date;
  interrumpido: boolean;
  contadores: Contadores;
  metricas: Metricas;
  plantilla: Record<string, number>;
  pasos: ResultadoPaso[];
  cierre: unknown;
  comprobacion: Comprobacion | null;
  verificacion: ResultadoVerificacion | null;
  paquete: ResultadoPaquete | null;
  dirSalida: string;
  baseUrl: string;
  fallas?: ReporteFalla[];
}): ResumenSimulacro {
  // The night: from the first acta sent to the last one final (catálogo and staff set-up excluded).
  const segundosJornada = (d.finNoche - d.inicioJornada) / 1000;
  const finales = d.contadores.publicadas + d.contadores.sinActa;
  const tiempos = Object.fromEntries([...d.metricas.tiempos.entries()].sort().map(([k, v]) => [k, resumirTiempos(v)]));
  const limpio =
    !d.interrumpido &&
    finales === d.plan.actas.length &&
    d.metricas.totalErrores() === 0 &&
    (d.comprobacion?.totalDiferencias ?? 1) === 0 &&
    (d.verificacion?.ok ?? false) &&
    (d.paquete === null || (d.paquete.exportado && d.paquete.verificado && d.paquete.corte?.verificado !== false));
  return {
    version: 1,
    inicio: d.inicio.toISOString(),
    fin: d.fin.toISOString(),
    interrumpido: d.interrumpido,
    semilla: d.plan.semilla,
    ritmoActasPorMinuto: d.ritmo,
    catds: d.plan.catalogo.catds.length,
    tasas: d.plan.tasas,
    plan: d.plan.conteos,
    plantilla: d.plantilla,
    segundosJornada: Math.round(segundosJornada * 10) / 10,
    segundosTotales: Math.round((d.fin.getTime() - d.inicio.getTime()) / 100) / 10,
    actasPorSegundo: segundosJornada > 0 ? Math.round((finales / segundosJornada) * 100) / 100 : 0,
    contadores: d.contadores,
    cortes: d.contadores.cortes,
    pasos: d.pasos,
    cierre: d.cierre,
    comprobacion: d.comprobacion,
    tiempos,
    errores: {
      total: d.metricas.totalErrores(),
      reintentos503: d.metricas.reintentos503,
      porTipo: Object.fromEntries(d.metricas.errores),
      ejemplos: Object.fromEntries(d.metricas.ejemplos),
    },
    verificacion: d.verificacion,
    paquete: d.paquete,
    rutas: { carpeta: d.dirSalida, resumen: `${d.dirSalida}/resumen.json`, api: d.baseUrl },
    limpio,
    ...(d.fallas ? { fallas: d.fallas } : {}),
  };
}

const n = (x: number) => x.toLocaleString('es-MX');
const rellenar = (s: string, w: number) => (s.length >= w ? s : s + '.'.repeat(w - s.length));

export function textoResumen(r: ResumenSimulacro): string {
  const l: string[] = [];
  const c = r.comprobacion;
  l.push('', `  Resumen del simulacro${r.interrumpido ? ' (INTERRUMPIDO con Ctrl-C: resultados parciales)' : ''}`, '');
  l.push(`  semilla ${String(r.semilla)}, ritmo ${n(r.ritmoActasPorMinuto)} actas/min, ${n(r.plan.actas)} actas (${n(r.plan.actasCatalogo)} del catálogo)`);
  l.push(
    `  personal: ${Object.entries(r.plantilla)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  l.push(
    `  jornada: ${n(r.segundosJornada)} s del primer envío al último estado final (${r.actasPorSegundo} actas/s); total con preparación y auditoría ${n(r.segundosTotales)} s`,
  );
  l.push('', '  Actas por estado final');
  for (const [fase, k] of Object.entries(c?.porFase ?? {})) l.push(`    ${rellenar(fase + ' ', 24)} ${n(k)}`);
  if (!c) l.push(`    hasta ahora: PUBLICADA ${n(r.contadores.publicadas)}, SIN_ACTA ${n(r.contadores.sinActa)} de ${n(r.plan.actas)}`);
  if (c) {
    l.push(
      `    CONTABILIZADA: ${Object.entries(c.porContabilizada)
        .map(([k, v]) => `${k} → ${n(v)}`)
        .join(', ')}`,
    );
    const o = c.observadas;
    const p = r.plan;
    l.push('', '  Realidades inyectadas (plan → observado)');
    l.push(`    SIN ACTA ${p.porRealidad.sinActa} → ${o.sinActa}; fuera de catálogo ${p.porRealidad.fueraDeCatalogo} → ${o.fueraDeCatalogo}`);
    l.push(
      `    desempates ${p.desempates} → ${o.desempates}; actas devueltas ${p.porRealidad.devolucion + p.porRealidad.escalamiento} → ${o.devueltas}; escaladas ${p.porRealidad.escalamiento} → ${o.escaladas}`,
    );
    l.push(
      `    ilegible ${p.porRealidad.ilegible}, sin dato ${p.porRealidad.sinDato}, excede lista nominal ${p.porRealidad.excedeListaNominal}, casilla especial ${p.porRealidad.casillaEspecial}, foto PREP Casilla ${p.porRealidad.fotoCasilla} → ${r.contadores.fotos} enviadas, abandonos ${p.porRealidad.abandono} → ${r.contadores.abandonos}`,
    );
    l.push(`    diferencias con el plan: ${c.totalDiferencias}${c.totalDiferencias ? `\n      ${c.diferencias.slice(0, 10).join('\n      ')}` : ''}`);
  }
  l.push('', '  Tiempos por acción del personal (ms)                n      p50     p95     p99     máx');
  for (const [accion, t] of Object.entries(r.tiempos)) {
    l.push(
      `    ${rellenar(accion + ' ', 44)} ${String(t.n).padStart(7)} ${String(t.p50).padStart(7)} ${String(t.p95).padStart(7)} ${String(t.p99).padStart(7)} ${String(t.max).padStart(7)}`,
    );
  }
  l.push('', `  Errores inesperados: ${r.errores.total} (reintentos por 503 o conexión: ${r.errores.reintentos503})`);
  for (const [k, v] of Object.entries(r.errores.porTipo)) l.push(`    ${k}: ${v} — ${r.errores.ejemplos[k] ?? ''}`);
  l.push('', '  Pasos de la operación');
  for (const p of r.pasos) l.push(`    ${p.paso}: ${p.hecho ? 'hecho' : p.detalle}`);
  l.push(`    cortes realizados: ${r.cortes}`);
  const v = r.verificacion;
  l.push('', '  Auditoría');
  l.push(
    v
      ? `    verificación completa: ${v.ok ? 'LIMPIA' : `${v.hallazgos} HALLAZGOS`} (${n(v.actasEnBitacora)} actas en la bitácora, ${n(v.actasEnModelo)} en el modelo, ${n(v.entradasRevisadas)} entradas, ${n(v.entradasProbadas)} con prueba, ${n(v.imagenesRevisadas)} imágenes; ${v.segundos.toFixed(1)} s)`
      : '    verificación completa: no se hizo',
  );
  const q = r.paquete;
  l.push(
    q
      ? `    paquete fuera de línea: exportado ${q.exportado ? 'sí' : 'NO'}, verificado ${q.verificado ? 'sin problemas' : 'CON PROBLEMAS'} (${q.segundos.toFixed(1)} s); huella ${q.huella ?? '—'}\n    paquete: ${q.carpeta}\n    salida de auditoría: ${q.bitacoraDeSalida}`
      : '    paquete fuera de línea: no se hizo',
  );
  l.push(
    q?.corte
      ? `    corte verificar (último corte contra la bitácora): ${q.corte.verificado ? 'SIN PROBLEMAS' : 'CON PROBLEMAS'}\n    último corte: ${q.corte.zip}`
      : '    corte verificar: no hubo corte que verificar',
  );
  l.push(
    '',
    `  Resumen JSON: ${r.rutas.resumen}`,
    ...(r.rutas.informeHtml ? [`  Informe del simulacro para el COTAPREP: ${r.rutas.informeHtml} (y ${r.rutas.informeJson})`] : []),
    `  Resultado: ${r.limpio ? 'simulacro LIMPIO' : 'simulacro con PENDIENTES: revise las líneas anteriores'}`,
    '',
  );
  return l.join('\n');
}
