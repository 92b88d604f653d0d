import { percentilRangoCercano } from './percentil';

describe('percentilRangoCercano', () => {
  const diez = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('is the value at rank ⌈p·n/100⌉ of the ascending list', () => {
    // n = 10: p50 → rank 5, p90 → 9, p99 → ⌈9.9⌉ = 10, p10 → 1, p10.5 → ⌈1.05⌉ = 2.
    expect([50, 90, 99, 10, 10.5, 100].map((p) => percentilRangoCercano(diez, p))).toEqual([5, 9, 10, 1, 2, 10]);
    // n = 4: p50 → rank 2 (20; an interpolating definition would say 25), p90 → ⌈3.6⌉ = 4.
    expect(percentilRangoCercano([10, 20, 30, 40], 50)).toBe(20);
    expect(percentilRangoCercano([10, 20, 30, 40], 90)).toBe(40);
    // A tiny p still takes the first value (rank at least 1).
    expect(percentilRangoCercano([7, 8], 0.001)).toBe(7);
  });

  it('is undefined with no values and refuses p outside (0, 100]', () => {
    expect(percentilRangoCercano([], 50)).toBeUndefined();
    expect(() => percentilRangoCercano([1], 0)).toThrow(RangeError);
    expect(() => percentilRangoCercano([1], 100.5)).toThrow(RangeError);
  });
});
