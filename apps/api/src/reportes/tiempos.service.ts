import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { formarTiempos, type HitosActa, type ReporteTiempos } from '@prep/reportes';
import { ReportesService } from './reportes.service';

/**
 * One row per acta of the catálogo with an acopio: its milestones, read from the projected state
 * (`estado`, the full EstadoActa the auditor's check compares with the bitácora) and the acta's
 * own time columns. No extra table: the projection writes nothing more per transition, and every
 * time this report shows is one the auditor's check covers. Definitions in @prep/reportes
 * (DEFINICIONES_TIEMPOS): change both together. jsonb_to_record reads the (compressed) state
 * once per row; each `estado->'x'` would decompress it again.
 */
const SQL_HITOS = `
select a.clave_acta, a.fecha_hora_acopio as acopio,
  (select min((i->>'fechaHora')::timestamptz) from jsonb_array_elements(coalesce(e.imagenes, '[]'::jsonb)) i
    where coalesce((i->>'completa')::boolean, true)) as digitalizacion,
  coalesce(e.historial #>> '{0,capturas,0,fechaHora}', e.capturas #>> '{0,fechaHora}')::timestamptz as captura1,
  a.fecha_hora_captura as captura2,
  case when a.fase = 'PUBLICADA' then a.fecha_hora_publicacion end as publicacion
from acta a cross join lateral jsonb_to_record(a.estado) as e(imagenes jsonb, historial jsonb, capturas jsonb)
where not a.fuera_de_catalogo and a.fecha_hora_acopio is not null`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());

@Injectable()
export class TiemposService {
  constructor(
    private readonly em: EntityManager,
    private readonly reportes: ReportesService,
  ) {}

  async tiempos(intervaloMinutos: number): Promise<ReporteTiempos> {
    const filas = await this.em.fork().getConnection().execute<Record<string, unknown>[]>(SQL_HITOS);
    const actas: HitosActa[] = filas.map((f) => ({
      claveActa: String(f.clave_acta),
      acopio: iso(f.acopio)!,
      digitalizacion: iso(f.digitalizacion),
      captura1: iso(f.captura1),
      captura2: iso(f.captura2),
      publicacion: iso(f.publicacion),
    }));
    return formarTiempos(actas, intervaloMinutos, this.reportes.zona().minutos, new Date());
  }
}
