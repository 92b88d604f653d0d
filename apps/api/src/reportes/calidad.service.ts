import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { formarCalidad, type ConteosCalidad, type ReporteCalidad } from '@prep/reportes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { alcanceDe } from './reportes.service';

/**
 * Every figure of the Calidad report in one statement, from the projected state (`estado`, which
 * the auditor's check compares with the bitácora): the rounds of an acta are its closed ones
 * (`historial`) and its current one, and a round counts once both captures were compared.
 * `?` four times: the caller's CATD, or null for every CATD. Definitions in @prep/reportes
 * (DEFINICIONES_CALIDAD): change both together.
 */
const SQL_CALIDAD = `
with base as (
  select clave_acta, estado from acta
  where not fuera_de_catalogo and estado is not null and (?::text is null or catd = ?::text)),
rondas as (
  select b.clave_acta, r->'capturas' as capturas, r->'discrepancias' as discrepancias
  from base b cross join lateral jsonb_array_elements(coalesce(b.estado->'historial', '[]'::jsonb)) r
  union all
  select b.clave_acta, b.estado->'capturas', b.estado->'discrepancias' from base b),
comparadas as (
  select clave_acta, capturas, coalesce(discrepancias, '[]'::jsonb) as discrepancias,
    jsonb_array_length(coalesce(discrepancias, '[]'::jsonb)) > 0 as difiere
  from rondas where jsonb_typeof(capturas) = 'array' and jsonb_array_length(capturas) = 2),
publicadas as (
  select estado from acta where fase in ('PUBLICADA', 'SIN_ACTA') and (?::text is null or catd = ?::text))
select
  (select count(distinct clave_acta) from comparadas)::int as actas_capturadas,
  (select count(distinct clave_acta) from comparadas where difiere)::int as actas_con_diferencia,
  (select count(*) from comparadas)::int as rondas,
  (select count(*) from comparadas where difiere)::int as rondas_con_diferencia,
  (select coalesce(jsonb_agg(jsonb_build_object('usuario', usuario, 'capturas', capturas, 'conDiferencia', con_diferencia)), '[]'::jsonb)
   from (select c->>'usuario' as usuario, count(*)::int as capturas, (count(*) filter (where k.difiere))::int as con_diferencia
         from comparadas k cross join lateral jsonb_array_elements(k.capturas) c group by 1) x) as capturistas,
  (select coalesce(jsonb_agg(jsonb_build_object('campo', campo, 'veces', veces)), '[]'::jsonb)
   from (select d as campo, count(*)::int as veces from comparadas k cross join lateral jsonb_array_elements_text(k.discrepancias) d group by 1) x) as campos,
  (select count(*) from base where coalesce((estado->>'devoluciones')::int, 0) > 0)::int as actas_devueltas,
  (select coalesce(sum(coalesce((estado->>'devoluciones')::int, 0)), 0) from base)::int as devoluciones,
  (select count(*) from base b where jsonb_typeof(b.estado->'escalamiento') = 'object'
     or exists (select 1 from jsonb_array_elements(coalesce(b.estado->'historial', '[]'::jsonb)) r where jsonb_typeof(r->'escalamiento') = 'object'))::int as actas_escaladas,
  (select coalesce(jsonb_agg(jsonb_build_object('modo', modo, 'decision', decision, 'rol', rol, 'actas', actas)), '[]'::jsonb)
   from (select estado->'verificacion'->>'modo' as modo, estado->'verificacion'->>'decision' as decision, estado->'verificacion'->>'rol' as rol, count(*)::int as actas
         from base where jsonb_typeof(estado->'verificacion') = 'object' group by 1, 2, 3) x) as verificaciones,
  (select count(*) from publicadas)::int as actas_publicadas,
  (select coalesce(jsonb_agg(jsonb_build_object('observacion', observacion, 'actas', actas)), '[]'::jsonb)
   from (select o as observacion, count(*)::int as actas
         from publicadas p cross join lateral jsonb_array_elements_text(coalesce(p.estado #> '{resultado,observaciones}', '[]'::jsonb)) o group by 1) x) as observaciones`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

@Injectable()
export class CalidadService {
  constructor(private readonly em: EntityManager) {}

  async calidad(usuario: UsuarioAutenticado): Promise<ReporteCalidad> {
    const alcance = alcanceDe(usuario);
    const [f] = await this.em.fork().getConnection().execute<Record<string, unknown>[]>(SQL_CALIDAD, [alcance, alcance, alcance, alcance]);
    const conteos: ConteosCalidad = {
      actasCapturadas: Number(f.actas_capturadas),
      actasConDiferencia: Number(f.actas_con_diferencia),
      rondas: Number(f.rondas),
      rondasConDiferencia: Number(f.rondas_con_diferencia),
      capturistas: json(f.capturistas),
      campos: json(f.campos),
      actasDevueltas: Number(f.actas_devueltas),
      devoluciones: Number(f.devoluciones),
      actasEscaladas: Number(f.actas_escaladas),
      verificaciones: json(f.verificaciones),
      actasPublicadas: Number(f.actas_publicadas),
      observaciones: json(f.observaciones),
    };
    return formarCalidad(conteos, alcance, new Date());
  }
}
