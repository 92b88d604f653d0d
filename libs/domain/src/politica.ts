/**
 * The rules DOMAIN.md marks as "not confirmed" or as a choice live here, so an OPLE can change them
 * per election without touching code. Every default says where it comes from.
 */

export type PoliticaImagenPublicada = 'primera_completa';
export type PoliticaParticipacionFinal = 'S_CS' | 'C_CS';

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
  /** Which of an acta's images is published. */
  imagenPublicada: PoliticaImagenPublicada;
  /** Votes used for participación ciudadana at the final corte (during the night it is always S_CS). */
  participacionFinal: PoliticaParticipacionFinal;
}

export const DEFAULT_POLITICA_PREP: Readonly<PoliticaPrep> = Object.freeze({
  // Not in DOMAIN.md: an operational choice (two new double captures, then a person with authority
  // decides) so an acta cannot bounce between capturistas for the whole night.
  maxDevoluciones: 2,
  // DOMAIN.md "Observaciones and contabilización": Excede Lista Nominal, Todos los campos ilegibles
  // and Todos los campos vacíos are not contabilizada; some fields Ilegible / Sin dato still count.
  // The exact legal list is marked there as not confirmed, hence configurable.
  observacionesQueNoContabilizan: Object.freeze([
    'Excede Lista Nominal',
    'Todos los campos ilegibles',
    'Todos los campos vacíos',
  ]) as readonly string[],
  // DOMAIN.md only says a casilla especial has "its own ceiling"; 750 boletas per casilla especial
  // is the figure used in recent processes (LGIPE). Check it against the election's agreement.
  topeCasillaEspecial: 750,
  // Not in DOMAIN.md: with >= 3 cortes per hour (DOMAIN.md "Scale"), 30 minutes still is about
  // two cortes missed, enough to warrant a look by the coordinador.
  atoradaTrasMinutos: 30,
  // DOMAIN.md "Digitalización": "publish the one the policy selects (default: the first complete one)".
  imagenPublicada: 'primera_completa',
  // DOMAIN.md "Published CSV": participación uses TOTAL_VOTOS_S_CS during the night; one generator
  // switches to C_CS at the final corte. Default: do not switch.
  participacionFinal: 'S_CS',
});

/** Defaults overridden by the given fields; refuses nonsense so a bad config fails at start-up. */
export function crearPolitica(parcial: Partial<PoliticaPrep> = {}): PoliticaPrep {
  const p: PoliticaPrep = {
    ...DEFAULT_POLITICA_PREP,
    ...parcial,
    observacionesQueNoContabilizan: [
      ...(parcial.observacionesQueNoContabilizan ?? DEFAULT_POLITICA_PREP.observacionesQueNoContabilizan),
    ],
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
  if (!Array.isArray(p.observacionesQueNoContabilizan) || p.observacionesQueNoContabilizan.some((o) => typeof o !== 'string')) {
    errores.push('observacionesQueNoContabilizan debe ser una lista de textos.');
  }
  if (p.imagenPublicada !== 'primera_completa') errores.push("imagenPublicada solo admite 'primera_completa'.");
  if (p.participacionFinal !== 'S_CS' && p.participacionFinal !== 'C_CS') errores.push("participacionFinal debe ser 'S_CS' o 'C_CS'.");
  return errores;
}
