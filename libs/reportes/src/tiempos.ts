/**
 * The Tiempos report: how long actas take from acopio to publicación (p50, p90, p99) and in each
 * phase, overall and interval by interval over the night.
 */
import { intervalos, percentiles, type Percentiles } from './estadistica';

/** The milestones of one acta as the API reads them (UTC ISO; null = not reached yet). */
export interface HitosActa {
  claveActa: string;
  acopio: string;
  /** First complete image (a PREP Casilla photo may come before the acopio). */
  digitalizacion: string | null;
  /** First capture of the first round. */
  captura1: string | null;
  /** Second capture of the round that went on (after a return, of the last round). */
  captura2: string | null;
  /** Verification and publication are one step of the workflow: the acta is published when verified. */
  publicacion: string | null;
}

export const HITOS = ['acopio', 'digitalizacion', 'captura1', 'captura2', 'publicacion'] as const;
type Hito = (typeof HITOS)[number];

/** Each phase ends at a milestone and starts at the one before. */
export const FASES_TIEMPO = ['digitalizacion', 'captura1', 'captura2', 'publicacion'] as const;
export type FaseTiempo = (typeof FASES_TIEMPO)[number];

export const TITULOS_FASE_TIEMPO: Record<FaseTiempo | 'total', string> = {
  digitalizacion: 'Acopio → digitalización',
  captura1: 'Digitalización → captura 1',
  captura2: 'Captura 1 → captura 2',
  publicacion: 'Captura 2 → verificación y publicación',
  total: 'Acopio → publicación',
};

export const DEFINICIONES_TIEMPOS: { titulo: string; definicion: string }[] = [
  {
    titulo: 'Percentiles',
    definicion:
      'Por rango más cercano: con n actas ordenadas de menor a mayor tiempo, p50, p90 y p99 son el acta en la posición ⌈p·n/100⌉. Siempre es un tiempo que alguna acta tuvo.',
  },
  { titulo: 'Acopio → publicación', definicion: 'Desde la fecha y hora de acopio hasta la publicación, solo de actas publicadas del catálogo.' },
  {
    titulo: 'Fases',
    definicion:
      'Cada fase cuenta las actas que ya la terminaron. Digitalización: primera imagen completa. Captura 1: primera captura de la primera ronda. Captura 2: segunda captura de la ronda vigente, así que las devoluciones a nueva captura quedan en la fase Captura 1 → captura 2. La verificación publica el acta en el mismo paso.',
  },
  {
    titulo: 'Hitos adelantados',
    definicion:
      'Una foto de PREP Casilla puede llegar antes del acopio: un hito anterior al previo se toma en el instante del previo (esa fase dura 0), así las fases de un acta suman su tiempo total.',
  },
  {
    titulo: 'Intervalos',
    definicion: 'Actas publicadas y acopiadas en cada intervalo de la noche (hora de la zona del PREP); los percentiles son de las publicadas en él.',
  },
];

export interface ResumenTiempo extends Percentiles {
  fase: FaseTiempo | 'total';
  titulo: string;
  /** Actas measured (the ones that reached the end of the phase). */
  actas: number;
}

export interface IntervaloTiempos extends Percentiles {
  /** UTC ISO start of the interval. */
  inicio: string;
  acopiadas: number;
  publicadas: number;
}

export interface ReporteTiempos {
  titulo: string;
  generadoEn: string;
  unidad: 'segundos';
  intervaloMinutos: number;
  definiciones: { titulo: string; definicion: string }[];
  total: ResumenTiempo;
  fases: ResumenTiempo[];
  intervalos: IntervaloTiempos[];
}

/**
 * Milestone instants (ms) made monotonic: one reached before the previous counts as reached at the
 * previous one. null from the first missing milestone on (the process runs in order).
 */
export function hitosEfectivos(a: HitosActa): Record<Hito, number | null> {
  const salida = {} as Record<Hito, number | null>;
  let previo: number | null = Date.parse(a.acopio);
  for (const h of HITOS) {
    const v = a[h];
    previo = previo === null || v === null ? null : Math.max(previo, Date.parse(v));
    salida[h] = previo;
  }
  return salida;
}

const segundos = (ms: number) => ms / 1000;

export function formarTiempos(actas: readonly HitosActa[], intervaloMinutos: number, minutosZona: number, generadoEn: Date): ReporteTiempos {
  const porFase = Object.fromEntries(FASES_TIEMPO.map((f) => [f, [] as number[]])) as Record<FaseTiempo, number[]>;
  // Acopios and publicaciones on one time axis: the acopio of every acta, then the publicación of
  // the published ones, each publicación with the acta's total time.
  const instantes = actas.map((a) => a.acopio);
  const totales: number[] = [];
  for (const a of actas) {
    const e = hitosEfectivos(a);
    FASES_TIEMPO.forEach((f, i) => {
      const fin = e[f];
      const inicio = e[HITOS[i]];
      if (fin !== null && inicio !== null) porFase[f].push(segundos(fin - inicio));
    });
    if (e.publicacion !== null) {
      totales.push(segundos(e.publicacion - e.acopio!));
      instantes.push(a.publicacion!);
    }
  }
  const n = actas.length;
  const resumen = (fase: FaseTiempo | 'total', v: number[]): ResumenTiempo => ({ fase, titulo: TITULOS_FASE_TIEMPO[fase], actas: v.length, ...percentiles(v) });
  return {
    titulo: 'Tiempos del PREP por fase',
    generadoEn: generadoEn.toISOString(),
    unidad: 'segundos',
    intervaloMinutos,
    definiciones: DEFINICIONES_TIEMPOS,
    total: resumen('total', totales),
    fases: FASES_TIEMPO.map((f) => resumen(f, porFase[f])),
    intervalos: intervalos(instantes, intervaloMinutos, minutosZona).map(({ inicio, indices }) => {
      const deEste = indices.filter((i) => i >= n).map((i) => totales[i - n]);
      return { inicio, acopiadas: indices.length - deEste.length, publicadas: deEste.length, ...percentiles(deEste) };
    }),
  };
}
