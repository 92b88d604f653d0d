/** How values are written in published files: truncated percentages, dates in the publication zone, text cells. */
import { DEFAULT_POLITICA_PREP, esFechaIsoConZona, minutosDeZona, type PoliticaPrep } from '@prep/domain';

/** Decimals of every PORCENTAJE_* (DOMAIN.md "Published CSV": `12.3400`). */
export const DECIMALES_PORCENTAJE = 4;
const ESCALA = 10n ** BigInt(DECIMALES_PORCENTAJE);

/**
 * numerador × 100 / denominador, truncated (never rounded) to 4 decimals and written with all 4:
 * 2 of 3 → '66.6666'. Integer arithmetic (BigInt), so no float can round 66.66669999 up.
 * A zero denominator (no actas esperadas, or no lista nominal counted yet) gives '0.0000': the
 * column stays numeric for pandas and says "nothing counted", which is what it means at that point.
 */
export function porcentajeTruncado(numerador: number | bigint, denominador: number | bigint): string {
  const n = BigInt(numerador);
  const d = BigInt(denominador);
  if (n < 0n || d < 0n) throw new Error(`porcentajeTruncado: valores negativos (${n} / ${d}).`);
  if (d === 0n) return `0.${'0'.repeat(DECIMALES_PORCENTAJE)}`;
  const q = (n * 100n * ESCALA) / d; // BigInt division truncates
  return `${q / ESCALA}.${String(q % ESCALA).padStart(DECIMALES_PORCENTAJE, '0')}`;
}

/**
 * The policy's publication zone in minutes east of UTC. A politica recorded before the field
 * existed (e.g. in a running workflow's input) has none: it gets the default, UTC-6.
 */
export function zonaDe(politica: PoliticaPrep): { etiqueta: string; minutos: number } {
  const etiqueta = politica.zonaPublicacion ?? DEFAULT_POLITICA_PREP.zonaPublicacion;
  const minutos = minutosDeZona(etiqueta);
  if (minutos === null) throw new Error(`La zona de publicación ${JSON.stringify(etiqueta)} no es válida: use p. ej. 'UTC-6'.`);
  return { etiqueta, minutos };
}

const dos = (n: number) => String(n).padStart(2, '0');

function enZona(iso: string, minutos: number): Date {
  if (!esFechaIsoConZona(iso)) throw new Error(`La fecha ${JSON.stringify(iso)} no es ISO 8601 con zona horaria.`);
  return new Date(Date.parse(iso) + minutos * 60_000);
}

/** `dd/mm/yyyy HH:MM:SS` in the zone (seconds truncated, never rounded up). */
export function fechaHoraPublicada(iso: string, minutos: number): string {
  const f = enZona(iso, minutos);
  return `${fechaCorta(f)} ${dos(f.getUTCHours())}:${dos(f.getUTCMinutes())}:${dos(f.getUTCSeconds())}`;
}

/** Line 2 of a corte's CSV: `dd/mm/yyyy HH:MM (UTC-6)`. */
export function lineaFechaCorte(iso: string, zona: { etiqueta: string; minutos: number }): string {
  const f = enZona(iso, zona.minutos);
  return `${fechaCorta(f)} ${dos(f.getUTCHours())}:${dos(f.getUTCMinutes())} (${zona.etiqueta})`;
}

function fechaCorta(f: Date): string {
  return `${dos(f.getUTCDate())}/${dos(f.getUTCMonth() + 1)}/${f.getUTCFullYear()}`;
}

/**
 * A text cell on one line: a line break inside a cell (a catálogo's ubicación may hold one) would
 * be taken as the end of the row by readers that split on CR, so it becomes a space.
 */
export function textoCelda(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/**
 * OBSERVACIONES as published: a bracketed list of quoted labels, `['Excede Lista Nominal', 'Sin dato']`
 * (the form of Python's repr, which consumers strip), '' when there is none. A label holding an
 * apostrophe is written in double quotes, as repr does.
 */
export function listaObservaciones(observaciones: readonly string[]): string {
  if (observaciones.length === 0) return '';
  return `[${observaciones.map(citar).join(', ')}]`;
}

function citar(s: string): string {
  const limpio = textoCelda(s).replace(/\\/g, '\\\\');
  if (limpio.includes("'") && !limpio.includes('"')) return `"${limpio}"`;
  return `'${limpio.replace(/'/g, "\\'")}'`;
}
