import { Migration } from '@mikro-orm/migrations';

/** Catálogo, acta read model and task inbox. */
export class Migration20261126000002_actas_catalogo_tareas extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "acta" ("clave_acta" varchar(13) not null, "clave_casilla" varchar(11) not null, "tipo_acta" varchar(2) not null, "catd" varchar(16) null, "fase" varchar(20) not null, "fuera_de_catalogo" boolean not null, "atorada" boolean not null default false, "atorada_desde" timestamptz null, "secuencia" int not null, "ronda" int not null, "estado" jsonb null, "contabilizada" smallint null, "total_votos_calculado" int null, "observaciones" varchar(300) null, "imagen_sha256" varchar(64) null, "fecha_hora_acopio" timestamptz null, "fecha_hora_captura" timestamptz null, "fecha_hora_verificacion" timestamptz null, "fecha_hora_publicacion" timestamptz null, "actualizada_en" timestamptz not null default now(), constraint "acta_pkey" primary key ("clave_acta"));`,
    );
    this.addSql(`create index "acta_tipo_acta_index" on "acta" ("tipo_acta");`);
    this.addSql(`create index "acta_fase_index" on "acta" ("fase");`);
    this.addSql(`create index "acta_catd_fase_index" on "acta" ("catd", "fase");`);

    this.addSql(
      `create table "casilla" ("clave_casilla" varchar(11) not null, "id_entidad" smallint not null, "seccion" int not null, "tipo" varchar(1) not null, "id_casilla" smallint not null, "ext_contigua" smallint not null, "ubicacion" varchar(300) not null, "lista_nominal" int not null, "representantes" int not null, "id_distrito_local" int not null, "id_municipio" int not null, "catd" varchar(16) not null, constraint "casilla_pkey" primary key ("clave_casilla"));`,
    );
    this.addSql(`create index "casilla_catd_index" on "casilla" ("catd");`);

    this.addSql(
      `create table "catalogo_carga" ("id" uuid not null, "sha256" varchar(64) not null, "version" varchar(100) null, "documento" jsonb not null, "total_casillas" int not null, "total_actas_esperadas" int not null, "cargado_por" varchar(64) not null, "cargado_en" timestamptz not null default now(), constraint "catalogo_carga_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "catalogo_carga" add constraint "catalogo_carga_sha256_unique" unique ("sha256");`);

    this.addSql(
      `create table "catd" ("id" varchar(16) not null, "nombre" varchar(200) not null, "tipo" varchar(12) not null, "id_distrito" int null, "id_municipio" int null, constraint "catd_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "eleccion" ("tipo_acta" varchar(2) not null, "nombre" varchar(200) not null, "ambito" varchar(20) not null, "columnas_voto" jsonb not null, constraint "eleccion_pkey" primary key ("tipo_acta"));`,
    );

    this.addSql(
      `create table "tarea_evento" ("id" bigserial primary key, "tarea_id" uuid not null, "clave_acta" varchar(13) not null, "tipo" varchar(12) not null, "usuario" varchar(64) null, "en" timestamptz not null default now());`,
    );
    this.addSql(`create index "tarea_evento_clave_acta_index" on "tarea_evento" ("clave_acta");`);

    this.addSql(
      `create table "tarea" ("id" uuid not null, "clave_acta" varchar(13) not null, "tipo" varchar(24) not null, "ronda" int not null, "slot" smallint not null, "catd" varchar(16) null, "excluidos" text[] not null default '{}', "tomada_por" varchar(64) null, "lease_hasta" timestamptz null, "creada_en" timestamptz not null default now(), constraint "tarea_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "tarea_clave_acta_index" on "tarea" ("clave_acta");`);
    this.addSql(`create index "tarea_tipo_creada_index" on "tarea" ("tipo", "creada_en");`);
    this.addSql(`alter table "tarea" add constraint "tarea_acta_tipo_ronda_slot_unique" unique ("clave_acta", "tipo", "ronda", "slot");`);
  }

  override async down(): Promise<void> {
    for (const table of ['tarea', 'tarea_evento', 'eleccion', 'catd', 'catalogo_carga', 'casilla', 'acta']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}
