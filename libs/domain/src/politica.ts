/**
 * The rules DOMAIN.md marks as "not confirmed" or as a choice live here, so an OPLE can change them
 * per election without touching code. Every default says where it comes from.
 */
import { esFechaIsoConZona, minutosDeZona } from './fecha';

export type PoliticaImagenPublicada = 'primera_completa';
export type PoliticaParticipacionFinal = 'S_CS' | 'C_CS';
export type PoliticaAcopioOtroCatd = 'rechazar' | 'permitir_con_motivo';

export interface PoliticaPrep {
  /**
   * How many times verificadores may return an acta for a new double capture; the next return
   * escalates it to the coordinador instead.
   */
  maxDevoluciones: number;
  /** Observaciones that make an acta not contabilizada (CONTABILIZADA = 0). */
  observacionesQueNoContabilizan: readonly string[];
  /** Ceiling of votes for a casilla especial (S) before adding representantes. */
  topeCasillaEspecial: number;
  /** Minutes without progress after which an acta is reported as atorada to its coordinador. */
  atoradaTrasMinutos: number;
  /** Minutes a published acta's workflow keeps accepting late images (e.g. a CATD scan after a PREP Casilla photo). */
  retencionTrasPublicacionMinutos: number;
  /** Which of an acta's images is published. */
  imagenPublicada: PoliticaImagenPublicada;
  /** Votes used for participación ciudadana at the final corte (during the night it is always S_CS). */
  participacionFinal: PoliticaParticipacionFinal;
  /**
   * An acta whose casilla the catálogo assigns to another CATD: refused, or accepted when the
   * acopiador says why (the motivo goes to the bitácora with the acopio).
   */
  acopioEnOtroCatd: PoliticaAcopioOtroCatd;
  /**
   * When the jornada electoral opens (ISO 8601 with zone): an acopio stamped earlier is refused.
   * null: no lower bound.
   */
  inicioJornada: string | null;
  /** How far (minutes) an acopio's fechaHora may be ahead of the server clock (clock skew of the CATD's equipment). */
  toleranciaRelojMinutos: number;
  /**
   * Zone in which published files show times (the corte's line 2, FECHA_HORA_* columns): 'UTC-6',
   * 'UTC-5', 'UTC+05:30'… A fixed offset, see minutosDeZona.
   */
  zonaPublicacion: string;
}

export const DEFAULT_POLITICA_PREP: Readonly<PoliticaPrep> = Object.freeze({
  // Not in DOMAIN.md: an operational choice (two new double captures, then a person with authority
  // decides) so an acta cannot bounce between capturistas for the whole night.
  maxDevoluciones: 2,
  // DOMAIN.md "Observaciones and contabilización": Excede Lista Nominal, Todos los campos ilegibles
  // and Todos los campos vacíos are not contabilizada; some fields Ilegible / Sin dato still count.
  // The exact legal list is marked there as not confirmed, hence configurable.
  observacionesQueNoContabilizan: Object.freeze(['Excede Lista Nominal', 'Todos los campos ilegibles', 'Todos los campos vacíos']) as readonly string[],
  // DOMAIN.md only says a casilla especial has "its own ceiling"; 750 boletas per casilla especial
  // is the figure used in recent processes (LGIPE). Check it against the election's agreement.
  topeCasillaEspecial: 750,
  // Not in DOMAIN.md: with >= 3 cortes per hour (DOMAIN.md "Scale"), 30 minutes still is about
  // two cortes missed, enough to warrant a look by the coordinador.
  atoradaTrasMinutos: 30,
  // Not in DOMAIN.md: publication lasts at most 24 h; twice that lets a late CATD scan of an acta
  // published from its PREP Casilla photo still reach the bitácora and the auditor.
  retencionTrasPublicacionMinutos: 48 * 60,
  // DOMAIN.md "Digitalización": "publish the one the policy selects (default: the first complete one)".
  imagenPublicada: 'primera_completa',
  // DOMAIN.md "Published CSV": participación uses TOTAL_VOTOS_S_CS during the night; one generator
  // switches to C_CS at the final corte. Default: do not switch.
  participacionFinal: 'S_CS',
  // Not in DOMAIN.md: each casilla's paquete goes to the CATD the catálogo names, so an acta of
  // another CATD is most likely a mistyped clave; an OPLE that reroutes paquetes can allow it.
  acopioEnOtroCatd: 'rechazar',
  // The date of the jornada is per election, so there is no sensible fixed default: set it in
  // PREP_POLITICA (e.g. "2027-06-06T08:00:00-06:00") for every drill and for election night.
  inicioJornada: null,
  // Not in DOMAIN.md: a few minutes absorb an unsynchronised PC or phone at the CATD while
  // still refusing a mistyped day, month or year.
  toleranciaRelojMinutos: 5,
  // DOMAIN.md "Published CSV": the corte time is written `dd/mm/yyyy HH:MM (UTC-6)`; a PREP of a
  // state in another zone (Quintana Roo UTC-5, Baja California UTC-8) sets its own.
  zonaPublicacion: 'UTC-6',
});

/** Defaults overridden by the given fields; refuses nonsense so a bad config fails at start-up. */
export function crearPolitica(parcial: Partial<PoliticaPrep> = {}): PoliticaPrep {
  const p: PoliticaPrep = {
    ...DEFAULT_POLITICA_PREP,
    ...parcial,
    observacionesQueNoContabilizan: [...(parcial.observacionesQueNoContabilizan ?? DEFAULT_POLITICA_PREP.observacionesQueNoContabilizan)],
  };
  const errores = validarPolitica(p);
  if (errores.length) throw new Error(`Política PREP inválida: ${errores.join(' ')}`);
  return p;
}

export function validarPolitica(p: PoliticaPrep): string[] {
  const errores: string[] = [];
  const entero = (n: unknown, min: number) => typeof n === 'number' && Number.isInteger(n) && n >= min;
  if (!entero(p.maxDevoluciones, 0)) errores.push('maxDevoluciones debe ser un entero ≥ 0.');
  if (!entero(p.topeCasillaEspecial, 1)) errores.push('topeCasillaEspecial debe ser un entero ≥ 1.');
  // Fractions are allowed so drills and tests can use seconds (0.05 min = 3 s).
  if (typeof p.atoradaTrasMinutos !== 'number' || !(p.atoradaTrasMinutos >= 0.01) || p.atoradaTrasMinutos > 1440) {
    errores.push('atoradaTrasMinutos debe ser un número entre 0.01 y 1440.');
  }
  if (typeof p.retencionTrasPublicacionMinutos !== 'number' || !(p.retencionTrasPublicacionMinutos >= 0.01) || p.retencionTrasPublicacionMinutos > 7 * 1440) {
    errores.push('retencionTrasPublicacionMinutos debe ser un número entre 0.01 y 10080 (una semana).');
  }
  if (!Array.isArray(p.observacionesQueNoContabilizan) || p.observacionesQueNoContabilizan.some((o) => typeof o !== 'string')) {
    errores.push('observacionesQueNoContabilizan debe ser una lista de textos.');
  }
  if (p.imagenPublicada !== 'primera_completa') errores.push("imagenPublicada solo admite 'primera_completa'.");
  if (p.participacionFinal !== 'S_CS' && p.participacionFinal !== 'C_CS') errores.push("participacionFinal debe ser 'S_CS' o 'C_CS'.");
  if (p.acopioEnOtroCatd !== 'rechazar' && p.acopioEnOtroCatd !== 'permitir_con_motivo') {
    errores.push("acopioEnOtroCatd debe ser 'rechazar' o 'permitir_con_motivo'.");
  }
  if (p.inicioJornada !== null && !esFechaIsoConZona(p.inicioJornada)) {
    errores.push('inicioJornada debe ser null o una fecha ISO 8601 con zona horaria, p. ej. 2027-06-06T08:00:00-06:00.');
  }
  if (typeof p.toleranciaRelojMinutos !== 'number' || !(p.toleranciaRelojMinutos >= 0) || p.toleranciaRelojMinutos > 60) {
    errores.push('toleranciaRelojMinutos debe ser un número entre 0 y 60.');
  }
  if (minutosDeZona(p.zonaPublicacion) === null) {
    errores.push("zonaPublicacion debe ser una zona fija como 'UTC-6', 'UTC-5' o 'UTC+05:30' (de UTC-12 a UTC+14).");
  }
  return errores;
}
