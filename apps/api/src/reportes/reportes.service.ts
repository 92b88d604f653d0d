import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { minutosDeZona, DEFAULT_POLITICA_PREP, type PoliticaPrep } from '@prep/domain';
import {
  FASES_PENDIENTES,
  formarAvance,
  formarReporteCatd,
  type ConteoCatd,
  type ConteoEleccion,
  type CorteResumen,
  type ReporteAvance,
  type ReporteCatd,
  type ZonaReporte,
} from '@prep/reportes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { veTodosLosCatd } from '../actas/actas-consulta.service';
import { ApiError } from '../common/api-error';
import { POLITICA_PREP } from '../common/politica.provider';

/**
 * Each figure's SQL mirrors its definition in @prep/reportes (DEFINICIONES_AVANCE), which the report
 * prints: change both together. Actas fuera de catálogo are counted apart, never in the other figures.
 */
const SQL_AVANCE = `
select e.tipo_acta, e.nombre,
  (select count(*) from casilla)::int as esperadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fecha_hora_acopio is not null)::int as acopiadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and jsonb_array_length(coalesce(a.estado->'imagenes', '[]'::jsonb)) > 0)::int as digitalizadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fecha_hora_captura is not null)::int as capturadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fecha_hora_verificacion is not null)::int as verificadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fase = 'PUBLICADA')::int as publicadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fase = 'PUBLICADA' and a.contabilizada = 1)::int as contabilizadas,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.fase = 'SIN_ACTA')::int as sin_acta,
  count(a.clave_acta) filter (where not a.fuera_de_catalogo and a.atorada)::int as atoradas,
  count(a.clave_acta) filter (where a.fuera_de_catalogo)::int as fuera_de_catalogo
from eleccion e left join acta a on a.tipo_acta = e.tipo_acta
group by e.tipo_acta, e.nombre`;

const SQL_CORTES = `select numero, instante, estado, final, actas from corte order by numero`;

const EN_ESPERA = FASES_PENDIENTES.map((f) => `'${f}'`).join(', ');

/** Per CATD of acopio (`?` twice: the caller's CATD, or null for every CATD), with its oldest acta waiting. */
const SQL_CATD = `
with antigua as (
  select distinct on (catd) catd, clave_acta, fase, fecha_hora_acopio from acta
  where catd is not null and fase in (${EN_ESPERA})
  order by catd, fecha_hora_acopio, clave_acta)
select a.catd, c.nombre,
  count(*) filter (where a.fase = 'PUBLICADA')::int as publicadas,
  ${FASES_PENDIENTES.map((f) => `count(*) filter (where a.fase = '${f}')::int as "${f}"`).join(',\n  ')},
  count(*) filter (where a.atorada and a.fase in (${EN_ESPERA}))::int as atoradas,
  p.clave_acta as antigua_clave, p.fase as antigua_fase, p.fecha_hora_acopio as antigua_acopio
from acta a left join catd c on c.id = a.catd left join antigua p on p.catd = a.catd
where a.catd is not null and a.fecha_hora_acopio is not null and (?::text is null or a.catd = ?::text)
group by a.catd, c.nombre, p.clave_acta, p.fase, p.fecha_hora_acopio`;

type Fila = Record<string, unknown>;

/** The CATD a report is limited to: a coordinador's own, null for roles that see every CATD. */
export function alcanceDe(usuario: UsuarioAutenticado): string | null {
  if (veTodosLosCatd(usuario)) return null;
  if (!usuario.catd) throw new ApiError(HttpStatus.FORBIDDEN, 'SIN_CATD', 'Su cuenta no tiene CATD asignado: pida al administrador que se lo asigne.');
  return usuario.catd;
}

/** Reads the report figures from the read model; shaping and rendering live in @prep/reportes. */
@Injectable()
export class ReportesService {
  constructor(
    private readonly em: EntityManager,
    @Inject(POLITICA_PREP) private readonly politica: PoliticaPrep,
  ) {}

  zona(): ZonaReporte {
    const etiqueta = this.politica.zonaPublicacion ?? DEFAULT_POLITICA_PREP.zonaPublicacion;
    return { etiqueta, minutos: minutosDeZona(etiqueta) ?? 0 };
  }

  async avance(): Promise<ReporteAvance> {
    const conn = this.em.fork().getConnection();
    const [filas, cortes] = await Promise.all([conn.execute<Fila[]>(SQL_AVANCE), conn.execute<Fila[]>(SQL_CORTES)]);
    const conteos: ConteoEleccion[] = filas.map((f) => ({
      tipoActa: String(f.tipo_acta),
      nombre: String(f.nombre),
      esperadas: Number(f.esperadas),
      acopiadas: Number(f.acopiadas),
      digitalizadas: Number(f.digitalizadas),
      capturadas: Number(f.capturadas),
      verificadas: Number(f.verificadas),
      publicadas: Number(f.publicadas),
      contabilizadas: Number(f.contabilizadas),
      sinActa: Number(f.sin_acta),
      atoradas: Number(f.atoradas),
      fueraDeCatalogo: Number(f.fuera_de_catalogo),
    }));
    const resumen: CorteResumen[] = cortes.map((c) => ({
      numero: Number(c.numero),
      instante: new Date(c.instante as string | Date).toISOString(),
      estado: String(c.estado),
      final: Boolean(c.final),
      actas: c.actas === null ? null : Number(c.actas),
    }));
    return formarAvance(conteos, resumen, new Date());
  }

  async porCatd(usuario: UsuarioAutenticado): Promise<ReporteCatd> {
    const alcance = alcanceDe(usuario);
    const filas = await this.em.fork().getConnection().execute<Fila[]>(SQL_CATD, [alcance, alcance]);
    const conteos: ConteoCatd[] = filas.map((f) => ({
      catd: String(f.catd),
      nombre: f.nombre === null ? null : String(f.nombre),
      publicadas: Number(f.publicadas),
      pendientes: Object.fromEntries(FASES_PENDIENTES.map((x) => [x, Number(f[x])])) as ConteoCatd['pendientes'],
      atoradas: Number(f.atoradas),
      masAntigua:
        typeof f.antigua_clave === 'string'
          ? { claveActa: f.antigua_clave, fase: String(f.antigua_fase), fechaHoraAcopio: new Date(f.antigua_acopio as string | Date).toISOString() }
          : null,
    }));
    return formarReporteCatd(conteos, alcance, new Date());
  }
}
