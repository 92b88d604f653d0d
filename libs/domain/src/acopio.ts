/**
 * Acopio rules that depend on facts from outside the acta: the CATD the catálogo assigns to the
 * acta's casilla, and the server's clock when the acopio arrived. The API looks both up and puts
 * them in the ComandoAcopio, so the workflow re-checks the very same facts deterministically.
 */
import { rechazo, type RechazoDominio } from './errores';
import { esFechaIsoConZona } from './fecha';
import type { PoliticaPrep } from './politica';

/** Longest motivo accepted for an acopio in another CATD or a CATD correction. */
export const MOTIVO_MAX = 500;

/** Recorded with an acopio that the policy accepted in a CATD other than the catálogo's. */
export interface AcopioEnOtroCatd {
  catdCatalogo: string;
  motivo: string;
}

export interface HechosCatdAcopio {
  claveActa: string;
  /** The acopiador's CATD. */
  catd: string;
  /**
   * The CATD the catálogo assigns to the acta's casilla; null for a fuera de catálogo acta (it stays
   * in the acopiador's CATD). Absent only in commands of workflows started before this rule.
   */
  catdCatalogo?: string | null;
  motivo?: unknown;
}

/** Trimmed motivo, null when absent or blank, or the refusal of a malformed one. */
export function leerMotivo(motivo: unknown): string | null | RechazoDominio {
  if (motivo == null) return null;
  if (typeof motivo !== 'string') return rechazo('MOTIVO_INVALIDO', 'El motivo debe ser texto.', 422);
  const m = motivo.trim();
  if (m.length > MOTIVO_MAX) return rechazo('MOTIVO_INVALIDO', `El motivo admite a lo más ${MOTIVO_MAX} caracteres; resúmalo.`, 422);
  return m || null;
}

/**
 * Whether the acta may be received in this CATD. An acta of another CATD is usually a mistyped
 * clave that would otherwise take that CATD's acta for good, so it is refused naming the right
 * CATD, unless the policy allows it with a motivo, which is then recorded with the acopio.
 */
export function decidirCatdDeAcopio(h: HechosCatdAcopio, politica: PoliticaPrep): RechazoDominio | { otroCatd: AcopioEnOtroCatd | null } {
  const motivo = leerMotivo(h.motivo);
  if (motivo !== null && typeof motivo === 'object') return motivo;
  const { catdCatalogo } = h;
  if (catdCatalogo == null || catdCatalogo === h.catd) {
    if (motivo) {
      const donde = catdCatalogo == null ? 'está fuera de catálogo y se registra en su CATD' : `corresponde a su CATD (${h.catd})`;
      return rechazo('MOTIVO_NO_ESPERADO', `El acta ${h.claveActa} ${donde}: no indique motivo.`, 422);
    }
    return { otroCatd: null };
  }
  const deOtro = `Según el catálogo, el acta ${h.claveActa} corresponde al CATD ${catdCatalogo}, no a su CATD ${h.catd}: revise la clave contra la etiqueta del paquete`;
  if (politica.acopioEnOtroCatd !== 'permitir_con_motivo') {
    return rechazo('ACTA_DE_OTRO_CATD', `${deOtro}; si el paquete es de ese CATD, envíelo al CATD ${catdCatalogo}.`, 422);
  }
  if (!motivo) {
    return rechazo('MOTIVO_OTRO_CATD_REQUERIDO', `${deOtro}; si el paquete sí se recibe en este CATD, indique en "motivo" por qué.`, 422);
  }
  return { otroCatd: { catdCatalogo, motivo } };
}

/**
 * The time stamped on the acta must be possible: not before the jornada electoral opens (when the
 * policy sets it) and not ahead of the server's clock when the acopio arrived (`recibidaEn`) by more
 * than the policy's tolerance. `recibidaEn` is absent only in commands of older workflows.
 */
export function rechazoFechaAcopio(fechaHora: string, recibidaEn: string | undefined, politica: PoliticaPrep): RechazoDominio | null {
  const t = Date.parse(fechaHora);
  const inicio = politica.inicioJornada ?? null;
  if (inicio !== null && t < Date.parse(inicio)) {
    return rechazo(
      'FECHA_ANTERIOR_A_JORNADA',
      `La fecha y hora del acopio (${fechaHora}) es anterior al inicio de la jornada electoral (${inicio}): revise la fecha sellada en el acta.`,
      422,
    );
  }
  if (recibidaEn === undefined) return null;
  if (!esFechaIsoConZona(recibidaEn)) {
    return rechazo('COMANDO_INVALIDO', `La hora de recepción ${JSON.stringify(recibidaEn)} no es ISO 8601 con zona horaria.`, 422);
  }
  const tolerancia = politica.toleranciaRelojMinutos ?? 0;
  if (t > Date.parse(recibidaEn) + tolerancia * 60_000) {
    return rechazo(
      'FECHA_FUTURA',
      `La fecha y hora del acopio (${fechaHora}) es posterior a la hora del servidor (${recibidaEn}) por más de ${tolerancia} minuto(s): revise la fecha sellada en el acta y el reloj del equipo.`,
      422,
    );
  }
  return null;
}
