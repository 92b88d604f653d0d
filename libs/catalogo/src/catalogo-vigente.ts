/**
 * Reading the current catálogo: the lookup acopio does for every acta, the entidad, and the list of
 * actas esperadas for closing the operation. A plain class over an EntityManager (API and CLI).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DomainError,
  parseClaveActa,
  rechazo,
  rechazoClaveAjena,
  type ActaDelCatalogo,
  type Casilla,
  type Eleccion,
  type Entidad,
  type TipoCasilla,
} from '@prep/domain';
import { CasillaRow } from '@prep/persistence';
import { cargaVigente } from './catalogo-carga';
import { documentoDeCarga, resumenDeCarga, type ResumenCatalogo } from './catalogo-resumen';

interface Vigente {
  resumen: ResumenCatalogo;
  entidad: Entidad;
  /** In catálogo order: the order of the actas of one casilla. */
  elecciones: Eleccion[];
  porTipoActa: Map<string, Eleccion>;
  /** Ids of the catálogo's CATD, in catálogo order. */
  catds: string[];
}

export const SIN_CATALOGO = 'SIN_CATALOGO';

function sinCatalogo(): DomainError {
  return new DomainError(
    rechazo(SIN_CATALOGO, 'Aún no se ha cargado el catálogo de casillas: un administrador debe cargarlo (POST /catalogo) antes de operar.', 409),
  );
}

export class CatalogoVigente {
  private cache?: { hasta: number; vigente: Promise<Vigente | null> };

  /**
   * @param ttlMs how long the entidad and elecciones are reused before asking PostgreSQL again. A
   * load through this process invalidates at once; the TTL only bounds how long another process
   * (the CLI, a second API instance) may see the previous catálogo.
   */
  constructor(
    private readonly em: EntityManager,
    private readonly ttlMs = 5_000,
  ) {}

  invalidar(): void {
    this.cache = undefined;
  }

  /** Summary of the last load, or null when no catálogo has been loaded. Always read fresh. */
  async actual(): Promise<ResumenCatalogo | null> {
    this.invalidar();
    return (await this.vigente())?.resumen ?? null;
  }

  /** Throws DomainError SIN_CATALOGO (409) when none is loaded. */
  async entidad(): Promise<Entidad> {
    return { ...(await this.vigenteOFallar()).entidad };
  }

  /** Throws DomainError SIN_CATALOGO (409) when none is loaded. */
  async contarActasEsperadas(): Promise<number> {
    return (await this.vigenteOFallar()).resumen.totalActasEsperadas;
  }

  /** Ids of the current catálogo's CATD, or null when none is loaded. */
  async catds(): Promise<string[] | null> {
    const v = await this.vigente();
    return v ? [...v.catds] : null;
  }

  /**
   * The catálogo entry of a CLAVE_ACTA, or undefined when the clave is of this entidad and election
   * but its casilla is not in the catálogo (acopio registers it fuera de catálogo). Throws
   * DomainError CLAVE_INVALIDA (422) for a malformed clave, CLAVE_DE_OTRA_ENTIDAD or
   * TIPO_ACTA_DESCONOCIDO (422) for a clave that cannot be of this PREP, and SIN_CATALOGO (409) when
   * no catálogo is loaded: without one every acta would wrongly look fuera de catálogo.
   */
  async buscarActa(claveActa: string): Promise<ActaDelCatalogo | undefined> {
    const partes = parseClaveActa(claveActa);
    const v = await this.vigenteOFallar();
    const ajena = rechazoClaveAjena(partes, v.entidad, v.elecciones);
    if (ajena) throw new DomainError(ajena);
    const eleccion = v.porTipoActa.get(partes.tipoActa)!;
    const fila = await this.em.fork().findOne(CasillaRow, { claveCasilla: partes.claveCasilla });
    if (!fila) return undefined;
    return { claveActa, claveCasilla: partes.claveCasilla, casilla: casillaDeFila(fila), eleccion: copiaEleccion(eleccion) };
  }

  /**
   * Every CLAVE_ACTA the catálogo expects (casilla × elección), ordered by casilla, read in pages so
   * a federal-size catálogo never sits in memory. Meant for closing the operation, when the
   * catálogo no longer changes; a load during the iteration would mix both catálogos.
   */
  async *clavesActasEsperadas(pagina = 5_000): AsyncGenerator<string> {
    const tipos = (await this.vigenteOFallar()).elecciones.map((e) => e.tipoActa);
    let desde = '';
    for (;;) {
      const filas = await this.em
        .fork()
        .execute<{ clave_casilla: string }[]>('select "clave_casilla" from "casilla" where "clave_casilla" > ? order by "clave_casilla" limit ?', [
          desde,
          pagina,
        ]);
      for (const { clave_casilla } of filas) for (const t of tipos) yield clave_casilla + t;
      if (filas.length < pagina) return;
      desde = filas[filas.length - 1].clave_casilla;
    }
  }

  private async vigenteOFallar(): Promise<Vigente> {
    const v = await this.vigente();
    if (!v) throw sinCatalogo();
    return v;
  }

  private vigente(): Promise<Vigente | null> {
    const ahora = Date.now();
    if (!this.cache || this.cache.hasta <= ahora) {
      const vigente = this.leer();
      this.cache = { hasta: ahora + this.ttlMs, vigente };
      // A failed read (database down) must not be served from the cache.
      vigente.catch(() => {
        if (this.cache?.vigente === vigente) this.cache = undefined;
      });
    }
    return this.cache.vigente;
  }

  private async leer(): Promise<Vigente | null> {
    const carga = await cargaVigente(this.em.fork());
    if (!carga) return null;
    const d = documentoDeCarga(carga);
    const elecciones = d.elecciones.map(copiaEleccion);
    return {
      resumen: resumenDeCarga(carga),
      entidad: { ...d.entidad },
      elecciones,
      porTipoActa: new Map(elecciones.map((e) => [e.tipoActa, e])),
      catds: d.catds.map((c) => c.id),
    };
  }
}

function copiaEleccion(e: Eleccion): Eleccion {
  return { tipoActa: e.tipoActa, nombre: e.nombre, ambito: e.ambito, columnasVoto: [...e.columnasVoto] };
}

function casillaDeFila(f: CasillaRow): Casilla {
  return {
    seccion: f.seccion,
    tipo: f.tipo as TipoCasilla,
    idCasilla: f.idCasilla,
    extContigua: f.extContigua,
    ubicacion: f.ubicacion,
    listaNominal: f.listaNominal,
    representantes: f.representantes,
    idDistritoLocal: f.idDistritoLocal,
    idMunicipio: f.idMunicipio,
    catd: f.catd,
  };
}
