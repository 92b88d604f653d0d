/**
 * The summary columns the read model keeps beside an acta's full state, derived in one place:
 * the projection writes them and the auditor's check recomputes them from the bitácora with this
 * same function, so a column cannot be served with a value the bitácora does not determine.
 */
import type { EstadoActa } from './acta-maquina';
import { formatearObservaciones } from './resultado';

export interface ColumnasActa {
  catd: string | null;
  fase: string;
  fueraDeCatalogo: boolean;
  secuencia: number;
  ronda: number;
  contabilizada: number | null;
  totalVotosCalculado: number | null;
  observaciones: string | null;
  imagenSha256: string | null;
  fechaHoraAcopio: string | null;
  fechaHoraCaptura: string | null;
  fechaHoraVerificacion: string | null;
  fechaHoraPublicacion: string | null;
}

/** Columns whose values are instants: compared as instants, since PostgreSQL returns them in its own format. */
export const COLUMNAS_FECHA: readonly (keyof ColumnasActa)[] = ['fechaHoraAcopio', 'fechaHoraCaptura', 'fechaHoraVerificacion', 'fechaHoraPublicacion'];

export function columnasDeActa(e: EstadoActa): ColumnasActa {
  const r = e.resultado;
  return {
    catd: e.catd,
    fase: e.fase,
    fueraDeCatalogo: e.fueraDeCatalogo,
    secuencia: e.secuencia,
    ronda: e.ronda,
    contabilizada: r?.contabilizada ?? null,
    totalVotosCalculado: r?.totalVotosCalculado ?? null,
    observaciones: r ? formatearObservaciones(r.observaciones) || null : null,
    imagenSha256: r?.imagenSha256 ?? null,
    fechaHoraAcopio: e.fechaHoraAcopio,
    fechaHoraCaptura: e.fechaHoraCaptura,
    fechaHoraVerificacion: e.fechaHoraVerificacion,
    fechaHoraPublicacion: e.fechaHoraPublicacion,
  };
}
