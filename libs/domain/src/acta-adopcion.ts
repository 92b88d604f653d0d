/**
 * Adopting bitácora entries the acta's workflow never recorded.
 *
 * The workflow appends a transition from inside the workflow task that accepted the staff action
 * (a local activity). If Temporal loses that task — a server restart before the task's completion
 * is stored — the update is lost with it, but its entries are already in the bitácora: written by
 * this same machine from the state the workflow still holds. The bitácora is the truth, so the
 * workflow takes them as they are (the fold of acta-reconstruccion) and decides again, on top of
 * them, the staff actions still waiting to be recorded: each one is recorded after them, or refused
 * with the machine's own reason if it no longer applies.
 */
import { aplicarComando, type ComandoActa, type ContextoActa, type EstadoActa, type EventoActa, type TransicionActa } from './acta-maquina';
import { aplicarEventos, CadenaRotaError } from './acta-reconstruccion';

/** A staff action accepted by the workflow and not yet recorded. Without `comando` it cannot be decided again (a legacy start). */
export interface PendienteDeAdopcion {
  eventos: readonly EventoActa[];
  comando?: ComandoActa;
  contexto?: ContextoActa;
}

export type Redecision = { transicion: TransicionActa } | { error: unknown };

export interface Adopcion {
  /** The state the adopted entries lead to. */
  estado: EstadoActa;
  /** How many of the first pending actions are those entries themselves (recorded after all). */
  yaRegistradas: number;
  /** The other pending actions, in order, decided again on top of the adopted state. */
  redecididas: Redecision[];
}

/** The same bitácora entry: equal as JSON values, whatever order a serialisation left the keys in. */
export function mismoEvento(a: EventoActa, b: EventoActa): boolean {
  return mismoValorJson(a, b);
}

function mismoValorJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const otro = b as unknown[];
    return a.length === otro.length && a.every((v, i) => mismoValorJson(v, otro[i]));
  }
  // undefined members do not survive JSON: they are absent on the other side.
  const llaves = (o: object) =>
    Object.keys(o)
      .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
      .sort();
  const ka = llaves(a);
  const kb = llaves(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && mismoValorJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * `ajenas` are the acta's bitácora entries right after `confirmado`, in order. Throws
 * CadenaRotaError if they do not follow it (they were not written by this acta's machine).
 */
export function adoptarEntradas(confirmado: EstadoActa | null, ajenas: readonly EventoActa[], pendientes: readonly PendienteDeAdopcion[]): Adopcion {
  if (ajenas.length === 0) throw new CadenaRotaError(confirmado?.claveActa ?? '', (confirmado?.secuencia ?? 0) + 1, 'no hay entradas que adoptar');
  const adoptado = aplicarEventos(confirmado, ajenas)!;
  // A pending action whose entries are the next ones in the bitácora was itself recorded (its
  // update redelivered after the task that wrote it was lost): it keeps its answer.
  let yaRegistradas = 0;
  let usadas = 0;
  for (const p of pendientes) {
    const siguientes = ajenas.slice(usadas, usadas + p.eventos.length);
    if (p.eventos.length === 0 || siguientes.length !== p.eventos.length || !p.eventos.every((e, i) => mismoEvento(e, siguientes[i]))) break;
    usadas += p.eventos.length;
    yaRegistradas++;
  }
  let estado: EstadoActa = adoptado;
  const redecididas: Redecision[] = [];
  for (const p of pendientes.slice(yaRegistradas)) {
    if (!p.comando || !p.contexto) {
      redecididas.push({ error: new Error('la acción no puede decidirse de nuevo: no conserva su comando') });
      continue;
    }
    try {
      const transicion = aplicarComando(estado, p.comando, p.contexto);
      estado = transicion.estado;
      redecididas.push({ transicion });
    } catch (error) {
      redecididas.push({ error });
    }
  }
  return { estado: adoptado, yaRegistradas, redecididas };
}
