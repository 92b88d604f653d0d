import { Migration } from '@mikro-orm/migrations';

/**
 * Publication: the bitácora tx that published each acta (what a corte selects by), the
 * publication window and the cortes themselves.
 */
export class Migration20261127000001_publicacion extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "acta" add column "tx_publicacion" bigint null;`);
    this.addSql(`create index "acta_tx_publicacion_index" on "acta" ("tx_publicacion");`);
    this.addSql(
      `create table "publicacion_ventana" ("id" uuid not null, "abierta_en" timestamptz not null, "abierta_por" varchar(64) not null, "intervalo_segundos" int not null, "schedule_id" varchar(200) not null, "cerrada_en" timestamptz null, "cerrada_por" varchar(64) null, constraint "publicacion_ventana_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create table "corte" ("numero" int not null, "workflow_id" varchar(200) not null, "estado" varchar(12) not null, "final" boolean not null, "instante" timestamptz not null, "tx_id" bigint not null, "tx_hash" varchar(64) not null, "firma" jsonb null, "tx_anterior" bigint not null, "actas_anterior" int not null, "actas" int null, "manifiesto_sha256" varchar(64) null, "zip_sha256" varchar(64) null, "zip_bytes" bigint null, "archivos" jsonb null, "creado_en" timestamptz not null default now(), constraint "corte_pkey" primary key ("numero"));`,
    );
    this.addSql(`alter table "corte" add constraint "corte_workflow_id_unique" unique ("workflow_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "corte";`);
    this.addSql(`drop table if exists "publicacion_ventana";`);
    this.addSql(`drop index if exists "acta_tx_publicacion_index";`);
    this.addSql(`alter table "acta" drop column if exists "tx_publicacion";`);
  }
}
