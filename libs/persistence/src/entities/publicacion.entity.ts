import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One opening of the publication window; open while `cerradaEn` is null. */
@Entity({ tableName: 'publicacion_ventana' })
export class PublicacionVentanaRow {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  abiertaEn!: Date;

  @Property({ type: 'string', length: 64 })
  abiertaPor!: string;

  @Property({ type: 'integer' })
  intervaloSegundos!: number;

  /** The Temporal Schedule that starts the cortes while the window is open. */
  @Property({ type: 'string', length: 200 })
  scheduleId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cerradaEn?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  cerradaPor?: string | null;
}

/**
 * One corte. Reserved (EN_CURSO) by its workflow's first step with its number and signed state,
 * PUBLICADO once its folder and its CORTE_PUBLICADO entry exist; a stopped corte's row is removed
 * (its number is taken by the next one), and the bitácora keeps its CORTE_DETENIDO record.
 */
@Entity({ tableName: 'corte' })
export class CorteRow {
  [OptionalProps]?: 'creadoEn';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  numero!: number;

  /** The workflow that reserved it: a re-run of that workflow gets the same corte back. */
  @Property({ type: 'string', length: 200, unique: true })
  workflowId!: string;

  /** EN_CURSO · PUBLICADO */
  @Property({ type: 'string', length: 12 })
  estado!: string;

  @Property({ type: 'boolean' })
  final!: boolean;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  instante!: Date;

  /** The signed immudb state the corte was cut at. */
  @Property({ type: 'bigint' })
  txId!: string;

  @Property({ type: 'string', length: 64 })
  txHash!: string;

  @Property({ type: 'json', nullable: true })
  firma?: unknown;

  /** The previous published corte's tx and acta count (0 for the first): what this one adds to. */
  @Property({ type: 'bigint' })
  txAnterior!: string;

  @Property({ type: 'integer' })
  actasAnterior!: number;

  @Property({ type: 'integer', nullable: true })
  actas?: number | null;

  @Property({ type: 'string', length: 64, nullable: true })
  manifiestoSha256?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  zipSha256?: string | null;

  @Property({ type: 'bigint', nullable: true })
  zipBytes?: string | null;

  /** The manifest's file list: {nombre, sha256, bytes}[] (what the feed may serve). */
  @Property({ type: 'json', nullable: true })
  archivos?: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  creadoEn: Date = new Date();
}
