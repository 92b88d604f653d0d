/** One place where two JSON values differ, named by its path (e.g. `capturas[0].valores.PAN`). */
export interface DiferenciaJson {
  ruta: string;
  esperado: unknown;
  encontrado: unknown;
}

function esObjeto(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function rutaHija(ruta: string, clave: string | number): string {
  if (typeof clave === 'number') return `${ruta}[${clave}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(clave) ? (ruta ? `${ruta}.${clave}` : clave) : `${ruta}[${JSON.stringify(clave)}]`;
}

/**
 * Every leaf where `encontrado` differs from `esperado`, walking objects and arrays in parallel, so a
 * report names the exact vote, user or time that was changed instead of "the state differs". A key
 * present on one side only, or an element beyond the other's length, differs from undefined.
 * Stops after `maximo` differences (a wholesale replacement should not produce an unbounded report).
 */
export function diferenciasJson(esperado: unknown, encontrado: unknown, maximo = 100, ruta = ''): DiferenciaJson[] {
  const salida: DiferenciaJson[] = [];
  const recorrer = (a: unknown, b: unknown, r: string): void => {
    if (salida.length >= maximo) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) recorrer(a[i], b[i], rutaHija(r, i));
      return;
    }
    if (esObjeto(a) && esObjeto(b)) {
      const claves = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of claves) recorrer(a[k], b[k], rutaHija(r, k));
      return;
    }
    if (!Object.is(a, b)) salida.push({ ruta: r, esperado: a, encontrado: b });
  };
  recorrer(esperado, encontrado, ruta);
  return salida;
}
