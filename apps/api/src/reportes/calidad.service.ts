import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { formarCalidad, type ConteosCalidad, type ReporteCalidad } from '@prep/reportes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { alcanceDe } from './reportes.service';

/**
 * Every figure of the Calidad report in one statement, from the projected state (`estado`, which
 * the auditor's check compares with the bitácora): the rounds of an acta are its closed ones
 * (`historial`) and its current one, and a round counts once both captures were compared.
 * `?` twice: the caller's CATD, or null for every CATD. jsonb_to_record reads the (compressed)
 * state once per acta; each `estado->'x'` would decompress it again. Definitions in @prep/reportes
 * (DEFINICIONES_CALIDAD): change both together.
 */
const SQL_CALIDAD = `
with base as materialized (
  select a.clave_acta, a.fase, a.fuera_de_catalogo, e.*
  from acta a cross join lateral jsonb_to_record(a.estado)
    as e(historial jsonb, capturas jsonb, discrepancias jsonb, devoluciones int, escalamiento jsonb, verificacion jsonb, resultado jsonb)
  where a.estado is not null and (?::text is null or a.catd = ?::text)),
capturadas as (select * from base where not fuera_de_catalogo),
rondas as (
  select b.clave_acta, r->'capturas' as capturas, r->'discrepancias' as discrepancias
  from capturadas b cross join lateral jsonb_array_elements(coalesce(b.historial, '[]'::jsonb)) r
  union all
  select b.clave_acta, b.capturas, b.discrepancias from capturadas b),
comparadas as (
  select clave_acta, capturas, coalesce(discrepancias, '[]'::jsonb) as discrepancias,
    jsonb_array_length(coalesce(discrepancias, '[]'::jsonb)) > 0 as difiere
  from rondas where jsonb_typeof(capturas) = 'array' and jsonb_array_length(capturas) = 2),
publicadas as (select resultado from base where fase in ('PUBLICADA', 'SIN_ACTA'))
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
  (select count(*) from capturadas where coalesce(devoluciones, 0) > 0)::int as actas_devueltas,
  (select coalesce(sum(coalesce(devoluciones, 0)), 0) from capturadas)::int as devoluciones,
  (select count(*) from capturadas b where jsonb_typeof(b.escalamiento) = 'object'
     or exists (select 1 from jsonb_array_elements(coalesce(b.historial, '[]'::jsonb)) r where jsonb_typeof(r->'escalamiento') = 'object'))::int as actas_escaladas,
  (select coalesce(jsonb_agg(jsonb_build_object('modo', modo, 'decision', decision, 'rol', rol, 'actas', actas)), '[]'::jsonb)
   from (select verificacion->>'modo' as modo, verificacion->>'decision' as decision, verificacion->>'rol' as rol, count(*)::int as actas
         from capturadas where jsonb_typeof(verificacion) = 'object' group by 1, 2, 3) x) as verificaciones,
  (select count(*) from publicadas)::int as actas_publicadas,
  (select coalesce(jsonb_agg(jsonb_build_object('observacion', observacion, 'actas', actas)), '[]'::jsonb)
   from (select o as observacion, count(*)::int as actas
         from publicadas p cross join lateral jsonb_array_elements_text(coalesce(p.resultado->'observaciones', '[]'::jsonb)) o group by 1) x) as observaciones`;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

@Injectable()
export class CalidadService {
  constructor(private readonly em: EntityManager) {}

  async calidad(usuario: UsuarioAutenticado): Promise<ReporteCalidad> {
    const alcance = alcanceDe(usuario);
    const [f] = await this.em.fork().getConnection().execute<Record<string, unknown>[]>(SQL_CALIDAD, [alcance, alcance]);
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
