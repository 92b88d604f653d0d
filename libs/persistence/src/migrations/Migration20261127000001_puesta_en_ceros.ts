import { Migration } from '@mikro-orm/migrations';

/** The puesta en ceros record (one row at most: id is always 1). */
export class Migration20261127000001_puesta_en_ceros extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "puesta_en_ceros" ("id" smallint not null default 1, "realizada_en" timestamptz not null, "administrador" varchar(64) not null, "testigo_auditor" varchar(64) not null, "notario" varchar(200) null, "registro" jsonb not null, "bitacora_clave" varchar(200) not null, "bitacora_tx" bigint null, constraint "puesta_en_ceros_pkey" primary key ("id"), constraint "puesta_en_ceros_una_sola" check ("id" = 1));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "puesta_en_ceros" cascade;`);
  }
}
