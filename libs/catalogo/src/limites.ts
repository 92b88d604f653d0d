/**
 * Longest texts the catálogo tables hold (column lengths in libs/persistence catalogo.entity.ts).
 * Checked while reading the files so a long name is refused with its line instead of failing the
 * load halfway through the transaction.
 */
export const LIMITES = {
  version: 100,
  idCatd: 16,
  nombre: 200,
  ubicacion: 300,
  cargadoPor: 64,
} as const;
