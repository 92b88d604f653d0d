import { Migration } from '@mikro-orm/migrations';

/** Staff POSTs by Idempotency-Key (per user), so a retried action is answered, not applied twice. */
export class Migration20261128000001_idempotencia extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "solicitud_idempotente" ("usuario_id" uuid not null, "clave" varchar(128) not null, "metodo_ruta" varchar(400) not null, "huella" varchar(64) not null, "estado" varchar(12) not null, "proceso" uuid not null, "latido" timestamptz not null, "creada_en" timestamptz not null, "status" smallint null, "respuesta" jsonb null, "completada_en" timestamptz null, constraint "solicitud_idempotente_pkey" primary key ("usuario_id", "clave"));`,
    );
    this.addSql(`create index "solicitud_idempotente_creada_en_idx" on "solicitud_idempotente" ("creada_en");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "solicitud_idempotente" cascade;`);
  }
}
