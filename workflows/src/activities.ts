import type { EstadoActa, EventoActa } from '@prep/domain';

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
}

export interface ActaActivities {
  /** Appends every event to the bitácora (idempotent per key), then projects the state. */
  registrarTransicion(t: TransicionParaRegistrar): Promise<void>;
  /** Flags (or clears) an acta that waited too long in one phase. */
  marcarAtorada(args: { claveActa: string; atorada: boolean; desde: string | null }): Promise<void>;
}
