import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegistroAcciones } from '@prep/audit';
import { leerCatalogo, type ArchivosCatalogo } from './catalogo-archivo';
import { cargarCatalogo, type OpcionesCarga } from './catalogo-carga';
import type { ResultadoCarga } from './catalogo-resumen';

/** The files were refused: nothing was changed. `errores` is capped; `total` counts them all. */
export class CatalogoInvalidoError extends Error {
  constructor(
    readonly errores: string[],
    readonly total: number,
  ) {
    super(`El catálogo tiene ${total} error(es); no se cargó.`);
    this.name = 'CatalogoInvalidoError';
  }
}

/**
 * The whole load from the raw files, as POST /catalogo and `npm run catalogo -- cargar` do it:
 * validate (CatalogoInvalidoError, nothing touched), then load and record in one transaction.
 */
export async function cargarArchivosCatalogo(
  em: EntityManager,
  bitacoraPersonal: RegistroAcciones,
  archivos: ArchivosCatalogo,
  cargadoPor: string,
  opciones?: OpcionesCarga,
): Promise<ResultadoCarga> {
  const leido = leerCatalogo(archivos);
  if (!leido.ok) throw new CatalogoInvalidoError(leido.errores, leido.total);
  return cargarCatalogo(em, bitacoraPersonal, leido, cargadoPor, opciones);
}
