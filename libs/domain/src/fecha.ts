/** Dates as the PREP exchanges them: ISO 8601 text that always says its zone. */

const RE_FECHA_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for ISO 8601 with a zone (Z or ±hh:mm) that names a real instant; a local time would be ambiguous. */
export function esFechaIsoConZona(x: unknown): x is string {
  return typeof x === 'string' && RE_FECHA_ISO.test(x) && !Number.isNaN(Date.parse(x));
}
