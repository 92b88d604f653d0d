import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ActaDelCatalogo, Entidad } from '@prep/domain';
import { leerCatalogo, type ArchivosCatalogo } from './catalogo-archivo';
import { cargarCatalogo, type OpcionesCarga } from './catalogo-carga';
import type { ResultadoCarga, ResumenCatalogo } from './catalogo-resumen';
import { CatalogoVigente } from './catalogo-vigente';

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
 * The catálogo for the rest of the API (acopio injects it). Loading and reading live in plain code
 * (cargarCatalogo, CatalogoVigente) shared with the CLI; this wraps them with the app's
 * EntityManager, which is always forked because it may run outside a request.
 */
@Injectable()
export class CatalogoService {
  private readonly vigente: CatalogoVigente;

  constructor(private readonly em: EntityManager) {
    this.vigente = new CatalogoVigente(em);
  }

  /** Throws CatalogoInvalidoError when the files are refused (then nothing changed). */
  async cargar(archivos: ArchivosCatalogo, cargadoPor: string, opciones?: OpcionesCarga): Promise<ResultadoCarga> {
    const leido = leerCatalogo(archivos);
    if (!leido.ok) throw new CatalogoInvalidoError(leido.errores, leido.total);
    try {
      return await cargarCatalogo(this.em.fork(), leido, cargadoPor, opciones);
    } finally {
      this.vigente.invalidar();
    }
  }

  actual(): Promise<ResumenCatalogo | null> {
    return this.vigente.actual();
  }

  entidad(): Promise<Entidad> {
    return this.vigente.entidad();
  }

  /** Ids of the current catálogo's CATD, or null when none is loaded. */
  catds(): Promise<string[] | null> {
    return this.vigente.catds();
  }

  buscarActa(claveActa: string): Promise<ActaDelCatalogo | undefined> {
    return this.vigente.buscarActa(claveActa);
  }

  contarActasEsperadas(): Promise<number> {
    return this.vigente.contarActasEsperadas();
  }

  clavesActasEsperadas(pagina?: number): AsyncGenerator<string> {
    return this.vigente.clavesActasEsperadas(pagina);
  }
}
