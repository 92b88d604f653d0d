import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ActaDelCatalogo, Entidad } from '@prep/domain';
import { cargarArchivosCatalogo, CatalogoVigente, type ArchivosCatalogo, type OpcionesCarga, type ResultadoCarga, type ResumenCatalogo } from '@prep/catalogo';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';

export { CatalogoInvalidoError } from '@prep/catalogo';

/**
 * The catálogo for the rest of the API (acopio injects it). Loading and reading live in
 * libs/catalogo, shared with the CLI; this wraps them with the app's EntityManager (always forked,
 * it may run outside a request) and the API's bitácora writer.
 */
@Injectable()
export class CatalogoService {
  private readonly vigente: CatalogoVigente;

  constructor(
    private readonly em: EntityManager,
    private readonly bitacoraPersonal: BitacoraPersonalService,
  ) {
    this.vigente = new CatalogoVigente(em);
  }

  /**
   * Validates, loads and records CATALOGO_CARGADO in one transaction. Throws CatalogoInvalidoError
   * (files refused), DomainError CATALOGO_CONGELADO or BitacoraNoDisponibleError; then nothing changed.
   */
  async cargar(archivos: ArchivosCatalogo, cargadoPor: string, opciones?: OpcionesCarga): Promise<ResultadoCarga> {
    try {
      return await cargarArchivosCatalogo(this.em.fork(), this.bitacoraPersonal, archivos, cargadoPor, opciones);
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
