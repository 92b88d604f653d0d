import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

import { TIPOS_TAREA, type TipoTarea } from '@prep/domain';

export { TIPOS_TAREA, type TipoTarea };

/**
 * A pending step of an acta that staff claim from their inbox. Rows are derived
 * from the acta's state by the projection; a claim is a lease (tomadaPor +
 * leaseHasta) taken under row locking, and an expired lease is claimable again.
 */
@Entity({ tableName: 'tarea' })
@Unique({ name: 'tarea_acta_tipo_ronda_slot_unique', properties: ['claveActa', 'tipo', 'ronda', 'slot'] })
@Index({ name: 'tarea_tipo_creada_index', properties: ['tipo', 'creadaEn'] })
export class TareaRow {
  [OptionalProps]?: 'creadaEn' | 'excluidos';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Index({ name: 'tarea_clave_acta_index' })
  @Property({ type: 'string', length: 13 })
  claveActa!: string;

  @Property({ type: 'string', length: 24 })
  tipo!: TipoTarea;

  @Property({ type: 'integer' })
  ronda!: number;

  /** 1 or 2 for the two independent captures of a round; 1 otherwise. */
  @Property({ type: 'smallint' })
  slot!: number;

  @Property({ type: 'string', length: 16, nullable: true })
  catd?: string | null;

  /** Users who may not take this task (separation of duties), from the acta's state. */
  @Property({ type: 'array', columnType: 'text[]', default: '{}' })
  excluidos: string[] = [];

  @Property({ type: 'string', length: 64, nullable: true })
  tomadaPor?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  leaseHasta?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  creadaEn: Date = new Date();
}

/** Every claim, release, expiry and completion of a task, for supervision and audit. */
@Entity({ tableName: 'tarea_evento' })
export class TareaEventoRow {
  [OptionalProps]?: 'en';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  tareaId!: string;

  @Index({ name: 'tarea_evento_clave_acta_index' })
  @Property({ type: 'string', length: 13 })
  claveActa!: string;

  /** TOMADA · LIBERADA · EXPIRADA · COMPLETADA */
  @Property({ type: 'string', length: 12 })
  tipo!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  usuario?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  en: Date = new Date();
}
