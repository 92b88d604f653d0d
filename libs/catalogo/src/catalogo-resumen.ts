/** What the API and the CLI show about a loaded catálogo, built from its catalogo_carga row. */
import type { AmbitoEleccion, Entidad } from '@prep/domain';
import type { CatalogoCarga } from '@prep/persistence';
import type { DocumentoCatalogo } from './catalogo-json';

export interface ResumenEleccion {
  tipoActa: string;
  nombre: string;
  ambito: AmbitoEleccion;
  /** Vote columns in published order (what a capture form shows). */
  columnas: string[];
}

export interface ResumenCatalogo {
  sha256: string;
  version: string | null;
  entidad: Entidad;
  totalCasillas: number;
  /** Casillas × elecciones: the denominator of ACTAS_ESPERADAS. */
  totalActasEsperadas: number;
  distritos: number;
  municipios: number;
  catds: number;
  elecciones: ResumenEleccion[];
  cargadoEn: Date;
  cargadoPor: string;
}

/** The result of a load: sinCambios when the same content was already the current catálogo. */
export interface ResultadoCarga extends ResumenCatalogo {
  sinCambios: boolean;
  /** Rows of the previous catálogo that the new one no longer has (all 0 when sinCambios). */
  eliminadas: { elecciones: number; catds: number; casillas: number };
}

export function documentoDeCarga(carga: CatalogoCarga): DocumentoCatalogo {
  return carga.documento as unknown as DocumentoCatalogo;
}

export function resumenDeCarga(carga: CatalogoCarga): ResumenCatalogo {
  const d = documentoDeCarga(carga);
  return {
    sha256: carga.sha256,
    version: carga.version ?? null,
    entidad: { id: d.entidad.id, nombre: d.entidad.nombre },
    totalCasillas: carga.totalCasillas,
    totalActasEsperadas: carga.totalActasEsperadas,
    distritos: d.distritos.length,
    municipios: d.municipios.length,
    catds: d.catds.length,
    elecciones: d.elecciones.map((e) => ({ tipoActa: e.tipoActa, nombre: e.nombre, ambito: e.ambito, columnas: [...e.columnasVoto] })),
    cargadoEn: carga.cargadoEn,
    cargadoPor: carga.cargadoPor,
  };
}
