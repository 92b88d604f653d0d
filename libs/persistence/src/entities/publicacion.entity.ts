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

/** One published corte: written once, after its folder and its CORTE_PUBLICADO entry exist. */
@Entity({ tableName: 'corte' })
export class CorteRow {
  [OptionalProps]?: 'creadoEn';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  numero!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  instante!: Date;

  /** The signed immudb state the corte was cut at. */
  @Property({ type: 'bigint' })
  txId!: string;

  @Property({ type: 'string', length: 64 })
  txHash!: string;

  @Property({ type: 'text', nullable: true })
  firma?: string | null;

  @Property({ type: 'integer' })
  actas!: number;

  @Property({ type: 'boolean' })
  final!: boolean;

  @Property({ type: 'string', length: 64 })
  manifiestoSha256!: string;

  @Property({ type: 'string', length: 64 })
  zipSha256!: string;

  @Property({ type: 'bigint' })
  zipBytes!: string;

  /** The manifest's file list: {nombre, sha256, bytes}[] (what the feed may serve). */
  @Property({ type: 'json' })
  archivos!: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  creadoEn: Date = new Date();
}
