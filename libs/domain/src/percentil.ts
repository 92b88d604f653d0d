/**
 * The project's one percentile definition (reports and drill summaries): nearest rank. Of n values
 * sorted ascending, the p-th percentile is the one at 1-based rank ⌈p/100 · n⌉ (at least 1). It is
 * always a measured value, never an interpolation, so "p90 = 4 min" means some acta took exactly
 * that and at least 90 % took no longer. undefined for no values.
 */
export function percentilRangoCercano(ordenados: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentil fuera de (0, 100]: ${p}`);
  if (ordenados.length === 0) return undefined;
  return ordenados[Math.max(1, Math.ceil((p / 100) * ordenados.length)) - 1];
}
