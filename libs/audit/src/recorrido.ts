import type { BitacoraImmudb, EntradaLeida } from './bitacora-immudb';

/** immudb 1.1.0 answers at most 1,000 entries per scan. */
export const PAGINA_MAXIMA = 1000;

/**
 * Every entry under a prefix, in key order, one page at a time, as of `sinceTx` (a fixed cut,
 * so entries appended while it runs do not shift the pages). A key equal to the page's seek key
 * is skipped, whether the server treats seekKey as exclusive (1.1.0) or not.
 */
export async function* recorrerPrefijo(
  bitacora: BitacoraImmudb,
  prefijo: string,
  { sinceTx, pagina = PAGINA_MAXIMA }: { sinceTx: number; pagina?: number },
): AsyncGenerator<EntradaLeida> {
  let ultima: string | undefined;
  for (;;) {
    const lote = await bitacora.scan(prefijo, { limit: pagina, seekKey: ultima, sinceTx });
    const nuevas = ultima === undefined ? lote : lote.filter((e) => e.key > ultima!);
    yield* nuevas;
    if (lote.length < pagina || nuevas.length === 0) return;
    ultima = nuevas[nuevas.length - 1].key;
  }
}
