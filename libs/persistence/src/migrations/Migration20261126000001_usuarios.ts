import { Migration } from '@mikro-orm/migrations';

export class Migration20261126000001_usuarios extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "usuario" (
      "id" uuid not null,
      "nombre_usuario" varchar(64) not null,
      "nombre_completo" varchar(200) not null,
      "password_hash" varchar(100) not null,
      "roles" text[] not null,
      "catd" varchar(16) null,
      "activo" boolean not null default true,
      "creado_en" timestamptz not null default now(),
      constraint "usuario_pkey" primary key ("id"));`);
    this.addSql(`alter table "usuario" add constraint "usuario_nombre_usuario_unique" unique ("nombre_usuario");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "usuario" cascade;`);
  }
}
