import { percentilRangoCercano } from '@prep/domain';

/** Latency summaries of the drill's staff actions (nearest-rank percentiles, in milliseconds). */
export interface ResumenTiempos {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list (the project's definition, in @prep/domain); 0 for an empty one. */
export function percentil(ordenados: readonly number[], p: number): number {
  return percentilRangoCercano(ordenados, p) ?? 0;
}

export function resumirTiempos(muestras: readonly number[]): ResumenTiempos {
  const o = [...muestras].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return { n: o.length, p50: r(percentil(o, 50)), p95: r(percentil(o, 95)), p99: r(percentil(o, 99)), max: r(o.at(-1) ?? 0) };
}
