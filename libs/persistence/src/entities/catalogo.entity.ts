import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One load of the catálogo file (idempotent by its SHA-256). The current catálogo is the last load. */
@Entity({ tableName: 'catalogo_carga' })
export class CatalogoCarga {
  [OptionalProps]?: 'cargadoEn';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64, unique: true })
  sha256!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  version?: string | null;

  /** entidad, distritos, municipios, catds and elecciones as loaded (casillas live in their table). */
  @Property({ type: 'json' })
  documento!: Record<string, unknown>;

  @Property({ type: 'integer' })
  totalCasillas!: number;

  @Property({ type: 'integer' })
  totalActasEsperadas!: number;

  @Property({ type: 'string', length: 64 })
  cargadoPor!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  cargadoEn: Date = new Date();
}

@Entity({ tableName: 'eleccion' })
export class EleccionRow {
  @PrimaryKey({ type: 'string', length: 2 })
  tipoActa!: string;

  @Property({ type: 'string', length: 200 })
  nombre!: string;

  @Property({ type: 'string', length: 20 })
  ambito!: string;

  @Property({ type: 'json' })
  columnasVoto!: string[];
}

@Entity({ tableName: 'catd' })
export class CatdRow {
  @PrimaryKey({ type: 'string', length: 16 })
  id!: string;

  @Property({ type: 'string', length: 200 })
  nombre!: string;

  @Property({ type: 'string', length: 12 })
  tipo!: string;

  @Property({ type: 'integer', nullable: true })
  idDistrito?: number | null;

  @Property({ type: 'integer', nullable: true })
  idMunicipio?: number | null;
}

@Entity({ tableName: 'casilla' })
export class CasillaRow {
  @PrimaryKey({ type: 'string', length: 11 })
  claveCasilla!: string;

  @Property({ type: 'smallint' })
  idEntidad!: number;

  @Property({ type: 'integer' })
  seccion!: number;

  @Property({ type: 'string', length: 1 })
  tipo!: string;

  @Property({ type: 'smallint' })
  idCasilla!: number;

  @Property({ type: 'smallint' })
  extContigua!: number;

  @Property({ type: 'string', length: 300 })
  ubicacion!: string;

  @Property({ type: 'integer' })
  listaNominal!: number;

  @Property({ type: 'integer' })
  representantes!: number;

  @Property({ type: 'integer' })
  idDistritoLocal!: number;

  @Property({ type: 'integer' })
  idMunicipio!: number;

  @Index({ name: 'casilla_catd_index' })
  @Property({ type: 'string', length: 16 })
  catd!: string;
}
