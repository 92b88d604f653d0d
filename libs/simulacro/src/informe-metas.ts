/**
 * The targets a drill is judged by, as data: each names what it requires, its threshold in words a
 * committee member reads, and how it is read from the drill's summary. Adding a target is one
 * entry here; the informe lists them all, met or missed.
 */
import type { ResumenSimulacro } from './resumen';

/** The thresholds, in one place so a COTAPREP can discuss and change them. */
export const UMBRALES = {
  /**
   * Actas per second from the first acta sent to the last one final. DOMAIN.md "Scale": the
   * federal PREP 2024 averaged ≈ 6,700 actas/hour per election, i.e. 1.86 actas/s.
   */
  actasPorSegundo: 1.86,
  /** p99 of each staff action, milliseconds: a person waiting more than 5 s per click stops trusting the screen. */
  p99AccionMs: 5_000,
} as const;

/** The virtual staff's own actions (the latency buckets of scripts/simulacro/trabajadores.ts); set-up, supervision and audit calls are not staff work. */
export const ACCIONES_DEL_PERSONAL = [
  'acopio',
  'foto PREP Casilla',
  'escaneo CATD',
  'tomar captura',
  'captura',
  'tomar verificación',
  'verificación',
  'tomar decisión de coordinador',
  'decisión de coordinador',
] as const;

export type EstadoMeta = 'cumplida' | 'no cumplida' | 'no aplica';

export interface ResultadoMeta {
  id: string;
  titulo: string;
  umbral: string;
  /** What the drill measured, in words. */
  valor: string;
  estado: EstadoMeta;
}

/** What an informe knows beyond the summary: whether each report could be read. */
export interface ContextoMetas {
  reportesObtenidos: number;
  reportesPedidos: number;
}

export interface Meta {
  id: string;
  titulo: string;
  umbral: string;
  evaluar(r: ResumenSimulacro, c: ContextoMetas): { valor: string; estado: EstadoMeta };
}

const n = (x: number) => x.toLocaleString('es-MX');
const si = (ok: boolean): EstadoMeta => (ok ? 'cumplida' : 'no cumplida');
const paso = (r: ResumenSimulacro, nombre: string) => r.pasos.find((p) => p.paso === nombre);

/** The worst p99 among the staff actions the drill measured. */
export function peorP99DelPersonal(r: ResumenSimulacro): { accion: string; p99: number } | null {
  let peor: { accion: string; p99: number } | null = null;
  for (const accion of ACCIONES_DEL_PERSONAL) {
    const t = r.tiempos[accion];
    if (t && t.n > 0 && (!peor || t.p99 > peor.p99)) peor = { accion, p99: t.p99 };
  }
  return peor;
}

export const METAS: readonly Meta[] = [
  {
    id: 'actas-finales',
    titulo: 'Todas las actas terminan en un estado final (PUBLICADA o SIN ACTA)',
    umbral: '100 % de las actas del plan',
    evaluar: (r) => {
      const finales = r.contadores.publicadas + r.contadores.sinActa;
      return { valor: `${n(finales)} de ${n(r.plan.actas)}`, estado: si(finales === r.plan.actas && r.plan.actas > 0) };
    },
  },
  {
    id: 'segun-plan',
    titulo: 'Cada acta termina como dice el plan (fase, CONTABILIZADA, observaciones y quién decidió)',
    umbral: '0 diferencias',
    evaluar: (r) =>
      r.comprobacion
        ? { valor: `${n(r.comprobacion.totalDiferencias)} diferencias`, estado: si(r.comprobacion.totalDiferencias === 0) }
        : { valor: 'no se comprobó', estado: 'no cumplida' },
  },
  {
    id: 'sin-errores',
    titulo: 'La API no da respuestas inesperadas al personal',
    umbral: '0 errores (los reintentos por 503 no cuentan)',
    evaluar: (r) => ({ valor: `${n(r.errores.total)} errores, ${n(r.errores.reintentos503)} reintentos`, estado: si(r.errores.total === 0) }),
  },
  {
    id: 'puesta-en-ceros',
    titulo: 'Puesta en ceros antes de la primera acta',
    umbral: 'hecha',
    evaluar: (r) => {
      const p = paso(r, 'puesta en ceros');
      return { valor: p ? (p.hecho ? 'hecha' : p.detalle) : 'no se intentó', estado: si(p?.hecho === true) };
    },
  },
  {
    id: 'publicacion',
    titulo: 'Publicación abierta antes de la jornada y cerrada con el corte final',
    umbral: 'apertura y cierre hechos, al menos 1 corte',
    evaluar: (r) => {
      const ok = paso(r, 'apertura de la publicación')?.hecho === true && paso(r, 'cierre de la publicación')?.hecho === true && r.cortes >= 1;
      return { valor: `${n(r.cortes)} cortes`, estado: si(ok) };
    },
  },
  {
    id: 'verificacion-completa',
    titulo: 'Verificación completa del auditor (bitácora contra modelo de lectura, con pruebas)',
    umbral: '0 hallazgos',
    evaluar: (r) =>
      r.verificacion ? { valor: `${n(r.verificacion.hallazgos)} hallazgos`, estado: si(r.verificacion.ok) } : { valor: 'no se hizo', estado: 'no cumplida' },
  },
  {
    id: 'paquete',
    titulo: 'Paquete de auditoría exportado y verificado fuera de línea',
    umbral: 'exportado y sin problemas',
    evaluar: (r) =>
      r.paquete
        ? {
            valor: `exportado: ${r.paquete.exportado ? 'sí' : 'no'}; verificación: ${r.paquete.verificado ? 'sin problemas' : 'con problemas'}`,
            estado: si(r.paquete.exportado && r.paquete.verificado),
          }
        : { valor: 'no se hizo', estado: 'no cumplida' },
  },
  {
    id: 'corte-verificar',
    titulo: 'El último corte, descargado como difusor, se reconstruye byte a byte desde la bitácora (corte verificar)',
    umbral: 'sin problemas',
    evaluar: (r) =>
      r.paquete?.corte
        ? { valor: r.paquete.corte.verificado ? 'sin problemas' : 'con problemas', estado: si(r.paquete.corte.verificado) }
        : { valor: 'no hubo corte que verificar', estado: 'no cumplida' },
  },
  {
    id: 'reportes',
    titulo: 'Los reportes del COTAPREP se obtienen de la API al final del simulacro',
    umbral: 'todos',
    evaluar: (_r, c) => ({ valor: `${n(c.reportesObtenidos)} de ${n(c.reportesPedidos)}`, estado: si(c.reportesObtenidos === c.reportesPedidos) }),
  },
  {
    id: 'ritmo',
    titulo: 'Actas por segundo, del primer envío a la última acta en estado final',
    umbral: `≥ ${UMBRALES.actasPorSegundo.toLocaleString('es-MX')} actas/s (promedio federal 2024 por elección); no aplica si las actas llegan más despacio`,
    evaluar: (r) => {
      const valor = `${r.actasPorSegundo.toLocaleString('es-MX')} actas/s`;
      if (r.ritmoActasPorMinuto / 60 < UMBRALES.actasPorSegundo)
        return { valor: `${valor} (llegaban ${n(r.ritmoActasPorMinuto)} actas/min)`, estado: 'no aplica' };
      return { valor, estado: si(r.actasPorSegundo >= UMBRALES.actasPorSegundo) };
    },
  },
  {
    id: 'p99-personal',
    titulo: 'Tiempo de respuesta de cada acción del personal (p99)',
    umbral: `≤ ${n(UMBRALES.p99AccionMs)} ms en cada acción`,
    evaluar: (r) => {
      const peor = peorP99DelPersonal(r);
      if (!peor) return { valor: 'no se midió', estado: 'no aplica' };
      return { valor: `la más lenta: ${peor.accion}, ${n(peor.p99)} ms`, estado: si(peor.p99 <= UMBRALES.p99AccionMs) };
    },
  },
];

export function evaluarMetas(r: ResumenSimulacro, c: ContextoMetas, metas: readonly Meta[] = METAS): ResultadoMeta[] {
  return metas.map((m) => ({ id: m.id, titulo: m.titulo, umbral: m.umbral, ...m.evaluar(r, c) }));
}
