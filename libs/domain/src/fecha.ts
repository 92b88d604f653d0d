/** Dates as the PREP exchanges them: ISO 8601 text that always says its zone. */

const RE_FECHA_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for ISO 8601 with a zone (Z or ±hh:mm) that names a real instant; a local time would be ambiguous. */
export function esFechaIsoConZona(x: unknown): x is string {
  return typeof x === 'string' && RE_FECHA_ISO.test(x) && !Number.isNaN(Date.parse(x));
}

const RE_ZONA_UTC = /^UTC(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/;

/**
 * Minutes east of UTC of a fixed zone written as published files show it: 'UTC', 'UTC-6',
 * 'UTC+05:30' (from UTC-12 to UTC+14, minutes 00, 15, 30 or 45); null for anything else.
 * Fixed offsets only: Mexico keeps no daylight saving time since 2022.
 */
export function minutosDeZona(zona: unknown): number | null {
  if (typeof zona !== 'string') return null;
  const m = RE_ZONA_UTC.exec(zona);
  if (!m) return null;
  if (!m[1]) return 0;
  const horas = Number(m[2]);
  const minutos = m[3] ? Number(m[3]) : 0;
  if (minutos % 15 !== 0 || minutos >= 60) return null;
  const total = horas * 60 + minutos;
  if (m[1] === '-' ? total > 12 * 60 : total > 14 * 60) return null;
  return m[1] === '-' ? -total : total;
}
