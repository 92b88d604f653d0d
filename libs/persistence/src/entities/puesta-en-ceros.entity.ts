import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The puesta en ceros: done once per installation (the primary key can only be 1), before the
 * first acta. `registro` is the very `datos` of its PUESTA_EN_CEROS bitácora record; the bitácora
 * key and transaction let anyone fetch and prove that record without trusting this row.
 */
@Entity({ tableName: 'puesta_en_ceros' })
@Check({ name: 'puesta_en_ceros_una_sola', expression: 'id = 1' })
export class PuestaEnCerosRow {
  @PrimaryKey({ type: 'smallint', autoincrement: false, default: 1 })
  id: number = 1;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  realizadaEn!: Date;

  @Property({ type: 'string', length: 64 })
  administrador!: string;

  @Property({ type: 'string', length: 64 })
  testigoAuditor!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  notario?: string | null;

  @Property({ type: 'json' })
  registro!: Record<string, unknown>;

  @Property({ type: 'string', length: 200 })
  bitacoraClave!: string;

  @Property({ type: 'bigint', nullable: true })
  bitacoraTx?: string | null;
}
