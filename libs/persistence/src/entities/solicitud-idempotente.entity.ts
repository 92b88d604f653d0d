import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One staff POST by its Idempotency-Key, per user: what was asked (method and path, SHA-256 of the
 * canonical content) and, once answered, the answer to replay. While EN_CURSO the owning API
 * process refreshes `latido`; a row whose heartbeat stopped (its process died) may be taken over
 * by a retry. Rows older than the key lifetime are deleted lazily.
 */
@Entity({ tableName: 'solicitud_idempotente' })
@Index({ name: 'solicitud_idempotente_creada_en_idx', properties: ['creadaEn'] })
export class SolicitudIdempotenteRow {
  @PrimaryKey({ type: 'uuid' })
  usuarioId!: string;

  @PrimaryKey({ type: 'string', length: 128 })
  clave!: string;

  @Property({ type: 'string', length: 400 })
  metodoRuta!: string;

  @Property({ type: 'string', length: 64 })
  huella!: string;

  @Property({ type: 'string', length: 12 })
  estado!: 'EN_CURSO' | 'COMPLETADA';

  /** The API process answering it (a random id per process). */
  @Property({ type: 'uuid' })
  proceso!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  latido!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  creadaEn!: Date;

  @Property({ type: 'smallint', nullable: true })
  status?: number | null;

  @Property({ type: 'json', nullable: true })
  respuesta?: unknown;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  completadaEn?: Date | null;
}
