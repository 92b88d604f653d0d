import { percentilRangoCercano } from '@prep/domain';

/** Small statistics shared by the reports: percentiles and time intervals in the PREP's zone. */

/** Percentile of unsorted values by the project's definition (nearest rank, see percentilRangoCercano). null when empty. */
export function percentil(valores: readonly number[], p: number): number | null {
  return (
    percentilRangoCercano(
      [...valores].sort((a, b) => a - b),
      p,
    ) ?? null
  );
}

export interface Percentiles {
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

/** p50, p90 and p99 by nearest rank, sorting once. */
export function percentiles(valores: readonly number[]): Percentiles {
  const orden = [...valores].sort((a, b) => a - b);
  const p = (x: number) => percentilRangoCercano(orden, x) ?? null;
  return { p50: p(50), p90: p(90), p99: p(99) };
}

/** Interval lengths a report accepts: each divides a day, so intervals start at the same clock times every night. */
export const INTERVALOS_MINUTOS = [5, 10, 15, 30, 60] as const;

/**
 * Start (UTC ISO) of the interval of `minutos` holding `instante`, aligned on the clock of the zone
 * `minutosZona` east of UTC: hourly intervals start at 20:00, 21:00… local even in a :30 zone.
 */
export function inicioIntervalo(instante: string, minutos: number, minutosZona: number): string {
  const ms = minutos * 60_000;
  const local = Date.parse(instante) + minutosZona * 60_000;
  return new Date(Math.floor(local / ms) * ms - minutosZona * 60_000).toISOString();
}

/**
 * Every interval from the first to the last instant given, the empty ones included (a chart of the
 * night shows its gaps), each with the indexes of the instants it holds. [] when there is none.
 */
export function intervalos(instantes: readonly string[], minutos: number, minutosZona: number): { inicio: string; indices: number[] }[] {
  if (instantes.length === 0) return [];
  const inicios = instantes.map((i) => Date.parse(inicioIntervalo(i, minutos, minutosZona)));
  // reduce, not Math.min(...x): a night of half a million actas would overflow the call's arguments.
  const primero = inicios.reduce((a, b) => Math.min(a, b));
  const ultimo = inicios.reduce((a, b) => Math.max(a, b));
  const paso = minutos * 60_000;
  const salida = Array.from({ length: Math.round((ultimo - primero) / paso) + 1 }, (_, k) => ({
    inicio: new Date(primero + k * paso).toISOString(),
    indices: [] as number[],
  }));
  inicios.forEach((t, i) => salida[Math.round((t - primero) / paso)].indices.push(i));
  return salida;
}
