/** The 13 summary columns of a corte (DOMAIN.md "Published CSV"). */
import { actasEsperadas } from '@prep/domain';
import { prepararCorte, type CortePreparado, type EntradaCorteEleccion } from './entrada';
import { porcentajeTruncado } from './formato';

/** Summary columns, in published order. */
export const COLUMNAS_RESUMEN = [
  'ACTAS_ESPERADAS',
  'ACTAS_REGISTRADAS',
  'ACTAS_FUERA_CATALOGO',
  'ACTAS_CAPTURADAS',
  'PORCENTAJE_ACTAS_CAPTURADAS',
  'ACTAS_CONTABILIZADAS',
  'PORCENTAJE_ACTAS_CONTABILIZADAS',
  'PORCENTAJE_ACTAS_INCONSISTENCIAS',
  'ACTAS_NO_CONTABILIZADAS',
  'LISTA_NOMINAL_ACTAS_CONTABILIZADAS',
  'TOTAL_VOTOS_C_CS',
  'TOTAL_VOTOS_S_CS',
  'PORCENTAJE_PARTICIPACION_CIUDADANA',
] as const;
export type ColumnaResumen = (typeof COLUMNAS_RESUMEN)[number];

/**
 * Counts are numbers; every PORCENTAJE_* is the exact text published (`'66.6666'`): a float could
 * not hold the truncated value exactly.
 */
export interface ResumenCorte {
  /** Actas of this election in the catálogo (one per casilla). */
  ACTAS_ESPERADAS: number;
  /** ACTAS_CAPTURADAS + ACTAS_FUERA_CATALOGO. */
  ACTAS_REGISTRADAS: number;
  /** Rows with CONTABILIZADA 2. */
  ACTAS_FUERA_CATALOGO: number;
  /** Rows with CONTABILIZADA 0 or 1 (SIN ACTA rows included: they are published with 0). */
  ACTAS_CAPTURADAS: number;
  PORCENTAJE_ACTAS_CAPTURADAS: string;
  /** Rows with CONTABILIZADA 1. */
  ACTAS_CONTABILIZADAS: number;
  PORCENTAJE_ACTAS_CONTABILIZADAS: string;
  /** Of ACTAS_ESPERADAS: actas of the catálogo (CONTABILIZADA 0 or 1) with any observación, SIN ACTA included. */
  PORCENTAJE_ACTAS_INCONSISTENCIAS: string;
  /** Rows with CONTABILIZADA 0. */
  ACTAS_NO_CONTABILIZADAS: number;
  /** Sum of the catálogo's LISTA_NOMINAL over rows with CONTABILIZADA 1. */
  LISTA_NOMINAL_ACTAS_CONTABILIZADAS: number;
  /** TOTAL_VOTOS_CALCULADO of counted actas, casillas especiales (S) included. */
  TOTAL_VOTOS_C_CS: number;
  /** The same without casillas especiales. */
  TOTAL_VOTOS_S_CS: number;
  /** S_CS (C_CS at the final corte when politica.participacionFinal says so) × 100 / lista nominal. */
  PORCENTAJE_PARTICIPACION_CIUDADANA: string;
}

/** The summary of one election's corte. Throws like prepararCorte for an inconsistent entrada. */
export function resumenCorte(e: EntradaCorteEleccion): ResumenCorte {
  return resumenDe(prepararCorte(e));
}

/**
 * Percentages use ACTAS_ESPERADAS as denominator (DOMAIN.md), so a fuera de catálogo acta, which
 * is not esperada, is left out of PORCENTAJE_ACTAS_INCONSISTENCIAS (it could push it over 100 %).
 * Division by zero gives '0.0000' (see porcentajeTruncado).
 */
export function resumenDe(corte: CortePreparado): ResumenCorte {
  const { entrada } = corte;
  const esperadas = actasEsperadas(entrada.catalogo).filter((a) => a.tipoActa === entrada.tipoActa).length;
  let fuera = 0;
  let capturadas = 0;
  let contabilizadas = 0;
  let conObservaciones = 0;
  let listaNominal = 0;
  let votosCCs = 0;
  let votosSCs = 0;
  for (const { estado, resultado, enCatalogo } of corte.actas) {
    if (resultado.contabilizada === 2) {
      fuera++;
      continue;
    }
    capturadas++;
    if (resultado.observaciones.length > 0) conObservaciones++;
    if (resultado.contabilizada !== 1) continue;
    if (!enCatalogo || resultado.totalVotosCalculado === null) {
      throw new Error(`El acta ${estado.claveActa} está contabilizada pero no tiene casilla en el catálogo o votos calculados.`);
    }
    contabilizadas++;
    listaNominal += enCatalogo.casilla.listaNominal;
    votosCCs += resultado.totalVotosCalculado;
    if (enCatalogo.casilla.tipo !== 'S') votosSCs += resultado.totalVotosCalculado;
  }
  const votosParticipacion = entrada.final && entrada.politica.participacionFinal === 'C_CS' ? votosCCs : votosSCs;
  return {
    ACTAS_ESPERADAS: esperadas,
    ACTAS_REGISTRADAS: capturadas + fuera,
    ACTAS_FUERA_CATALOGO: fuera,
    ACTAS_CAPTURADAS: capturadas,
    PORCENTAJE_ACTAS_CAPTURADAS: porcentajeTruncado(capturadas, esperadas),
    ACTAS_CONTABILIZADAS: contabilizadas,
    PORCENTAJE_ACTAS_CONTABILIZADAS: porcentajeTruncado(contabilizadas, esperadas),
    PORCENTAJE_ACTAS_INCONSISTENCIAS: porcentajeTruncado(conObservaciones, esperadas),
    ACTAS_NO_CONTABILIZADAS: capturadas - contabilizadas,
    LISTA_NOMINAL_ACTAS_CONTABILIZADAS: listaNominal,
    TOTAL_VOTOS_C_CS: votosCCs,
    TOTAL_VOTOS_S_CS: votosSCs,
    PORCENTAJE_PARTICIPACION_CIUDADANA: porcentajeTruncado(votosParticipacion, listaNominal),
  };
}
