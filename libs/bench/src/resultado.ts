import type { ResumenTiempos } from '@prep/simulacro';
import type { FilaCpu } from './cpu';
import type { Corrida } from './tamanos';

/** What one size of the operation part measured (the JSON file holds these). */
export interface MedidaOperacion {
  /** From the first acta sent to the last one published (the simulacro's jornada). */
  segundos: number;
  publicadas: number;
  actasPorSegundo: number;
  /** Client-side latency of each staff action (one HTTP call each), ms. */
  latencias: Record<string, ResumenTiempos>;
  bitacora: { transacciones: number; entradas: number; entradasPorSegundo: number; entradasPorActa: number };
  /** Rows inserted + updated + deleted in the drill's database (pg_stat_database; its counters lag up to ~10 s). */
  postgres: { filasEscritas: number; filasPorSegundo: number };
  /** Each corte workflow's time, start to close, as Temporal recorded it. */
  cortes: { n: number; p50Ms: number; maxMs: number; totalMs: number };
  cpu: FilaCpu[];
  /** Busy share of the whole machine over the jornada (other people's work included): how noisy the run was. */
  maquinaOcupadaPorcentaje: number | null;
  errores: number;
  /** Every acta published as planned and no unexpected HTTP answer. */
  limpio: boolean;
}

/** A floor: the same amount of work done bare, at the same concurrency, on the same servers. */
export interface MedidaReferencia {
  nombre: string;
  /** What one operation is (actas, verifiedSet, upsert). */
  unidad: string;
  operaciones: number;
  segundos: number;
  /** The mean of the passes' rates (one pass before the operation, one after). */
  porSegundo: number;
  /** Each pass's rate, in order: how much the box's load moved the floor during the run. */
  pasadas?: number[];
  /** Of the last pass. */
  latencias: Record<string, ResumenTiempos>;
  errores: number;
}

export interface ResultadoCorrida extends Corrida {
  enVuelo: number;
  operacion: MedidaOperacion | null;
  referencias: MedidaReferencia[];
}

export interface Maquina {
  cpu: string;
  nucleos: number;
  memoriaGiB: number;
  node: string;
  sistema: string;
}

export interface ResultadoBench {
  version: 1;
  fecha: string;
  maquina: Maquina;
  commit: string | null;
  partes: string[];
  /** The machine's 1-minute load average when the run started and ended (others' work included). */
  carga?: { inicio: number; fin: number };
  corridas: ResultadoCorrida[];
  /** The earlier parts (corte CSV, the auditor's full check, the corte over seeded actas), when run. */
  otras: Record<string, number | string>;
}
