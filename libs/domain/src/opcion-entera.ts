/** Wrong command-line use: the CLIs answer it with their help text and exit code 2. */
export class ErrorDeUso extends Error {}

/**
 * A command-line option that must be a whole number within [min, max]; absent means the default.
 * The one parser every CLI uses, so `--actas 1e3` or `--lote -5` get the same Spanish answer everywhere.
 */
export function opcionEntera(nombre: string, valor: string | undefined, porOmision: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (valor === undefined) return porOmision;
  const n = Number(valor);
  if (!/^\d+$/.test(valor) || n < min || n > max) {
    const rango = max === Number.MAX_SAFE_INTEGER ? `un entero ≥ ${min}` : `un entero entre ${min} y ${max}`;
    throw new ErrorDeUso(`--${nombre} debe ser ${rango} (se recibió '${valor}')`);
  }
  return n;
}
