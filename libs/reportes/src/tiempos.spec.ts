import { parse } from 'csv-parse/sync';
import { csvTiempos, duracion, formarTiempos, hitosEfectivos, htmlTiempos, inicioIntervalo, intervalos, percentil, percentiles, type HitosActa } from './index';

const ZONA = { etiqueta: 'UTC-6', minutos: -360 };
const AHORA = new Date('2026-06-07T06:00:00Z');

describe('percentil (nearest rank)', () => {
  // Ten values 1..10 shuffled: rank ⌈p·n/100⌉ → p50 = 5th = 5, p90 = 9th = 9, p99 = ⌈9.9⌉ = 10th = 10.
  const diez = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5];

  it('takes the value at rank ⌈p·n/100⌉ of the sorted values', () => {
    expect(percentiles(diez)).toEqual({ p50: 5, p90: 9, p99: 10 });
    expect(percentil(diez, 10)).toBe(1);
    expect(percentil(diez, 11)).toBe(2);
    expect(percentil(diez, 100)).toBe(10);
  });

  it('is always a measured value, never an interpolation', () => {
    // Four values: p50 = 2nd = 20 (an interpolating definition would say 25); p90 = ⌈3.6⌉ = 4th.
    expect(percentiles([40, 10, 30, 20])).toEqual({ p50: 20, p90: 40, p99: 40 });
    expect(percentiles([42])).toEqual({ p50: 42, p90: 42, p99: 42 });
  });

  it('has no value for no data, and refuses a p outside (0, 100]', () => {
    expect(percentiles([])).toEqual({ p50: null, p90: null, p99: null });
    expect(() => percentil([1], 0)).toThrow(RangeError);
    expect(() => percentil([1], 101)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const v = [3, 1, 2];
    percentil(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('intervalos in the PREP zone', () => {
  it('aligns on the local clock, also in a zone with half hours', () => {
    expect(inicioIntervalo('2026-06-07T02:59:59.999Z', 60, -360)).toBe('2026-06-07T02:00:00.000Z');
    expect(inicioIntervalo('2026-06-07T03:00:00Z', 60, -360)).toBe('2026-06-07T03:00:00.000Z');
    // UTC+5:30: 03:10 UTC is 08:40 local, whose hour starts at 08:00 local = 02:30 UTC.
    expect(inicioIntervalo('2026-06-07T03:10:00Z', 60, 330)).toBe('2026-06-07T02:30:00.000Z');
    expect(inicioIntervalo('2026-06-07T03:14:00Z', 15, -360)).toBe('2026-06-07T03:00:00.000Z');
  });

  it('lists every interval from the first to the last, the empty ones included', () => {
    const r = intervalos(['2026-06-07T04:10:00Z', '2026-06-07T02:05:00Z', '2026-06-07T02:55:00Z'], 60, -360);
    expect(r).toEqual([
      { inicio: '2026-06-07T02:00:00.000Z', indices: [1, 2] },
      { inicio: '2026-06-07T03:00:00.000Z', indices: [] },
      { inicio: '2026-06-07T04:00:00.000Z', indices: [0] },
    ]);
    expect(intervalos([], 60, 0)).toEqual([]);
  });
});

/** An acta whose milestones are minutes after 02:00 UTC (null: not reached). */
function acta(clave: string, ...min: (number | null)[]): HitosActa {
  const t = (m: number | null | undefined) => (m === null || m === undefined ? null : new Date(Date.UTC(2026, 5, 7, 2, 0) + m * 60_000).toISOString());
  return { claveActa: clave, acopio: t(min[0])!, digitalizacion: t(min[1]), captura1: t(min[2]), captura2: t(min[3]), publicacion: t(min[4]) };
}

describe('Tiempos', () => {
  const actas = [
    acta('A', 0, 2, 5, 9, 10), // total 10 min, published 02:10
    acta('B', 10, 11, 20, 30, 70), // total 60 min, published 03:10
    acta('C', 20, 15, 25, 27, 40), // photo before acopio: digitalización counts 0; total 20 min, published 02:40
    acta('D', 30, 35, 36, null, null), // in capture
    acta('E', 95, null, null, null, null), // acopiada 03:35, waiting for its image
  ];
  const r = formarTiempos(actas, 60, -360, AHORA);

  it('makes milestones monotonic: an early photo makes its phase last 0', () => {
    const e = hitosEfectivos(actas[2]);
    expect(e.digitalizacion).toBe(e.acopio);
    expect((e.captura1! - e.acopio!) / 60_000).toBe(5);
    expect(hitosEfectivos(actas[3]).publicacion).toBeNull();
  });

  it('acopio → publicación percentiles over published actas, in seconds', () => {
    // Totals 600, 1200, 3600 s: p50 = 2nd = 1200, p90 = p99 = 3rd = 3600.
    expect(r.total).toMatchObject({ fase: 'total', actas: 3, p50: 1200, p90: 3600, p99: 3600 });
  });

  it('each phase over the actas that finished it', () => {
    const f = Object.fromEntries(r.fases.map((x) => [x.fase, x]));
    // acopio→digitalización: A 2, B 1, C 0, D 5 min → sorted 0,60,120,300 s: p50 = 2nd = 60, p90 = 4th = 300.
    expect(f.digitalizacion).toMatchObject({ actas: 4, p50: 60, p90: 300, p99: 300 });
    // →captura 1: A 3, B 9, C 5 (from 20, its clamped digitalización), D 1 min.
    expect(f.captura1).toMatchObject({ actas: 4, p50: 180, p90: 540 });
    // captura 1→2: A 4, B 10, C 2 min.
    expect(f.captura2).toMatchObject({ actas: 3, p50: 240, p90: 600 });
    // →publicación: A 1, B 40, C 13 min.
    expect(f.publicacion).toMatchObject({ actas: 3, p50: 780, p90: 2400 });
  });

  it('per hour of the night: acopiadas and publicadas, percentiles of those published in it', () => {
    expect(r.intervalos).toEqual([
      // 02:00–03:00 UTC: acopios A B C D (0,10,20,30 min), published A (10 min) and C (20 min).
      { inicio: '2026-06-07T02:00:00.000Z', acopiadas: 4, publicadas: 2, p50: 600, p90: 1200, p99: 1200 },
      // 03:00–04:00: acopio E, published B (60 min).
      { inicio: '2026-06-07T03:00:00.000Z', acopiadas: 1, publicadas: 1, p50: 3600, p90: 3600, p99: 3600 },
    ]);
  });

  it('CSV: the total, each phase and each interval as rows that parse', () => {
    const filas: string[][] = parse(csvTiempos(r, ZONA).slice(1));
    expect(filas[0]).toEqual(['BLOQUE', 'CLAVE', 'DESCRIPCION', 'ACTAS_ACOPIADAS', 'ACTAS', 'P50_SEGUNDOS', 'P90_SEGUNDOS', 'P99_SEGUNDOS']);
    expect(filas[1]).toEqual(['FASE', 'total', 'Acopio → publicación', '', '3', '1200', '3600', '3600']);
    expect(filas.filter((f) => f[0] === 'FASE')).toHaveLength(5);
    expect(filas.at(-1)).toEqual(['INTERVALO', '2026-06-07T03:00:00.000Z', '06/06/2026 21:00:00 (UTC-6)', '1', '1', '3600', '3600', '3600']);
  });

  it('HTML: sections with SVG charts, no script, readable durations', () => {
    const html = htmlTiempos(r, ZONA);
    expect(html).toMatch(/<h1>Tiempos del PREP por fase<\/h1>/);
    for (const id of ['fases', 'noche', 'definiciones']) expect(html).toContain(`<section id="${id}">`);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<td>20 min 00 s</td>');
    expect(html).toContain('06/06/2026 20:00:00 (UTC-6)');
    expect(htmlTiempos(formarTiempos([], 60, -360, AHORA), ZONA)).toContain('Aún no hay actas acopiadas.');
  });

  it('durations read as seconds, minutes or hours', () => {
    expect(duracion(null)).toBe('—');
    expect(duracion(42.46)).toBe('42.5 s');
    expect(duracion(185)).toBe('3 min 05 s');
    expect(duracion(3720)).toBe('1 h 02 min');
  });
});
