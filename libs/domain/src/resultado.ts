/**
 * TOTAL_VOTOS_CALCULADO, observaciones and contabilización of one acta
 * (DOMAIN.md "Observaciones and contabilización").
 */
import { CAMPOS_TOTALES, Captura, ILEGIBLE, SIN_DATO } from './captura';
import type { TipoCasilla } from './clave';
import type { PoliticaPrep } from './politica';

export const OBSERVACION = Object.freeze({
  EXCEDE_LISTA_NOMINAL: 'Excede Lista Nominal',
  ILEGIBLE: 'Ilegible',
  SIN_DATO: 'Sin dato',
  TODOS_ILEGIBLES: 'Todos los campos ilegibles',
  TODOS_VACIOS: 'Todos los campos vacíos',
  FUERA_DE_CATALOGO: 'FUERA DE CATALOGO',
} as const);

export const FUERA_DE_CATALOGO = OBSERVACION.FUERA_DE_CATALOGO;
export const PREFIJO_SIN_ACTA = 'SIN ACTA';

/** Published files list observaciones in this order (e.g. "Excede Lista Nominal, Ilegible, Sin dato"). */
export const ORDEN_OBSERVACIONES: readonly string[] = [
  OBSERVACION.EXCEDE_LISTA_NOMINAL,
  OBSERVACION.ILEGIBLE,
  OBSERVACION.SIN_DATO,
  OBSERVACION.TODOS_ILEGIBLES,
  OBSERVACION.TODOS_VACIOS,
];

/** 1 counted, 0 not counted, 2 fuera de catálogo (DOMAIN.md glossary). */
export type Contabilizada = 0 | 1 | 2;

/** e.g. sinActa('PAQUETE NO ENTREGADO') → 'SIN ACTA (PAQUETE NO ENTREGADO)'. */
export function sinActa(motivo: string): string {
  return `${PREFIJO_SIN_ACTA} (${motivo})`;
}

export function formatearObservaciones(observaciones: readonly string[]): string {
  return observaciones.join(', ');
}

export interface CasillaParaResultado {
  tipo: TipoCasilla;
  listaNominal: number;
  representantes: number;
}

export interface EntradaResultado {
  captura: Captura;
  columnasVoto: readonly string[];
  casilla: CasillaParaResultado;
  politica: PoliticaPrep;
}

export interface ResultadoCalculado {
  totalVotosCalculado: number;
  observaciones: string[];
  contabilizada: 0 | 1;
}

export function sumarVotos(captura: Captura, columnasVoto: readonly string[]): number {
  let total = 0;
  for (const c of columnasVoto) {
    const v = captura[c];
    if (typeof v === 'number') total += v;
  }
  return total;
}

/** Votes above this are "Excede Lista Nominal". A casilla especial has no list of its own: its ceiling is the boletas it receives. */
export function topeDeVotos(casilla: CasillaParaResultado, politica: PoliticaPrep): number {
  const base = casilla.tipo === 'S' ? politica.topeCasillaEspecial : casilla.listaNominal;
  return base + casilla.representantes;
}

export function calcularResultado(e: EntradaResultado): ResultadoCalculado {
  const { captura, columnasVoto, casilla, politica } = e;
  if (columnasVoto.length === 0) {
    // With no vote columns "every field ilegible" would be vacuously true.
    throw new Error('calcularResultado: la elección no tiene columnas de voto; revise el catálogo.');
  }
  const totalVotosCalculado = sumarVotos(captura, columnasVoto);
  const votos = columnasVoto.map((c) => captura[c]);
  const todosIlegibles = votos.every((v) => v === ILEGIBLE);
  const todosVacios = votos.every((v) => v === SIN_DATO);
  const todos = [...votos, ...CAMPOS_TOTALES.map((c) => captura[c])];

  const encontradas = new Set<string>();
  if (totalVotosCalculado > topeDeVotos(casilla, politica)) encontradas.add(OBSERVACION.EXCEDE_LISTA_NOMINAL);
  if (todosIlegibles) encontradas.add(OBSERVACION.TODOS_ILEGIBLES);
  else if (todosVacios) encontradas.add(OBSERVACION.TODOS_VACIOS);
  else {
    if (todos.some((v) => v === ILEGIBLE)) encontradas.add(OBSERVACION.ILEGIBLE);
    if (todos.some((v) => v === SIN_DATO)) encontradas.add(OBSERVACION.SIN_DATO);
  }
  const observaciones = ORDEN_OBSERVACIONES.filter((o) => encontradas.has(o));
  return { totalVotosCalculado, observaciones, contabilizada: contabilizadaSegun(observaciones, politica) };
}

/** 0 when any observación blocks counting under the policy; SIN ACTA never counts (there are no data). */
export function contabilizadaSegun(observaciones: readonly string[], politica: PoliticaPrep): 0 | 1 {
  const bloquea = observaciones.some((o) => politica.observacionesQueNoContabilizan.includes(o) || o.startsWith(PREFIJO_SIN_ACTA));
  return bloquea ? 0 : 1;
}
