import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Read model of one acta, projected from the workflow after each bitácora append.
 * `secuencia` is the last event projected: a projection only applies if newer,
 * so retries and out-of-order deliveries cannot move an acta backwards.
 */
@Entity({ tableName: 'acta' })
@Index({ name: 'acta_catd_fase_index', properties: ['catd', 'fase'] })
@Index({ name: 'acta_fase_index', properties: ['fase'] })
@Index({ name: 'acta_tipo_acta_index', properties: ['tipoActa'] })
@Index({ name: 'acta_tx_publicacion_index', properties: ['txPublicacion'] })
export class ActaRow {
  [OptionalProps]?: 'atorada' | 'actualizadaEn';

  @PrimaryKey({ type: 'string', length: 13 })
  claveActa!: string;

  @Property({ type: 'string', length: 11 })
  claveCasilla!: string;

  @Property({ type: 'string', length: 2 })
  tipoActa!: string;

  @Property({ type: 'string', length: 16, nullable: true })
  catd?: string | null;

  /** ACOPIADA · EN_CAPTURA · EN_VERIFICACION · ESCALADA · PUBLICADA · SIN_ACTA (the machine's Fase) */
  @Property({ type: 'string', length: 20 })
  fase!: string;

  @Property({ type: 'boolean' })
  fueraDeCatalogo!: boolean;

  @Property({ type: 'boolean', default: false })
  atorada: boolean = false;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  atoradaDesde?: Date | null;

  @Property({ type: 'integer' })
  secuencia!: number;

  @Property({ type: 'integer' })
  ronda!: number;

  /** The workflow's EstadoActa as of `secuencia` (captures, verification, images). */
  @Property({ type: 'json', nullable: true })
  estado?: Record<string, unknown> | null;

  @Property({ type: 'smallint', nullable: true })
  contabilizada?: number | null;

  @Property({ type: 'integer', nullable: true })
  totalVotosCalculado?: number | null;

  @Property({ type: 'string', length: 300, nullable: true })
  observaciones?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  imagenSha256?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fechaHoraAcopio?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fechaHoraCaptura?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fechaHoraVerificacion?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  fechaHoraPublicacion?: Date | null;

  /** Bitácora tx of the entry that made the acta PUBLICADA or SIN_ACTA: a corte at tx T carries it iff ≤ T. */
  @Property({ type: 'bigint', nullable: true })
  txPublicacion?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  actualizadaEn: Date = new Date();
}
