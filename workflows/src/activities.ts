import type { EstadoActa, EventoActa, PoliticaPrep } from '@prep/domain';

/**
 * Activity contracts, declared here (types only) so workflow code never imports
 * the worker's Node-side implementations.
 */
export interface DiagnosticoActivities {
  eco(mensaje: string): Promise<string>;
}

export interface TransicionParaRegistrar {
  claveCasilla: string;
  tipoActa: string;
  eventos: EventoActa[];
  /** State after the last event: what the read model must show. */
  estado: EstadoActa;
  /**
   * Set by workflows that adopt what a lost update left in the bitácora: the last secuencia the
   * workflow holds as recorded. If the bitácora has entries past it other than exactly `eventos`,
   * nothing is written and those entries come back as `ajenas` (see ResultadoRegistro). Without
   * it, such entries are a ConflictoBitacora.
   */
  adoptarDesde?: number;
}

/**
 * What registrarTransicion found. `ajenas`: the acta's bitácora entries past `adoptarDesde`, in
 * order, when they are not the transition asked for — written by a workflow task Temporal lost
 * after its local activity ran (a server restart), so the update that made them never reached the
 * history. The workflow adopts them (they were decided by the same machine from the same state).
 */
export interface ResultadoRegistro {
  ajenas?: EventoActa[];
}

export interface ActaActivities {
  /** Appends every event to the bitácora (idempotent per key), then projects the state. */
  registrarTransicion(t: TransicionParaRegistrar): Promise<ResultadoRegistro | void>;
  /** Flags (or clears) an acta that waited too long in one phase. */
  marcarAtorada(args: { claveActa: string; atorada: boolean; desde: string | null }): Promise<void>;
}

/** A finding that stops a corte, as the bitácora record and the workflow failure carry it. */
export interface HallazgoCorte {
  tipo: string;
  claveActa: string;
  campo?: string;
  detalle: string;
}

export interface CorteReservado {
  numero: number;
  instante: string;
  txId: number;
  estado: 'EN_CURSO' | 'PUBLICADO';
  /** Set when the corte was already published (a re-run of a finished workflow). */
  resultado?: ResultadoCorte;
}

export interface ResultadoCorte {
  numero: number;
  instante: string;
  txId: number;
  actas: number;
  manifiestoSha256: string;
  zipSha256: string;
  final: boolean;
}

export interface CorteEscrito {
  actas: number;
  manifiestoSha256: string;
  zipSha256: string;
  zipBytes: number;
  archivos: { nombre: string; sha256: string; bytes: number }[];
}

export interface CorteActivities {
  /** Numbers the corte and takes the signed bitácora state (idempotent per workflow id). */
  reservarCorte(a: { workflowId: string; final: boolean }): Promise<CorteReservado>;
  /** Waits for the projection up to the corte's tx (retryable) and compares every acta published since the previous corte. */
  verificarCorte(a: { numero: number }): Promise<{ hallazgos: HallazgoCorte[]; total: number; publicadas: number }>;
  /** CORTE_DETENIDO in the bitácora, and the number is freed: nothing is published. */
  detenerCorte(a: { numero: number; hallazgos: HallazgoCorte[]; total: number; motivo: string }): Promise<void>;
  /** Writes the corte's folder and zip (immutable; an existing folder is kept as it is). */
  escribirCorte(a: { numero: number; politica: PoliticaPrep; final: boolean }): Promise<CorteEscrito>;
  /** CORTE_PUBLICADO in the bitácora, then the corte's row: from here the feed serves it. */
  publicarCorte(a: { numero: number } & CorteEscrito): Promise<ResultadoCorte>;
}
