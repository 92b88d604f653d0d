/**
 * The task inbox's view of an acta: which tasks must be open for its current
 * state, and how existing task rows reconcile with that. Pure, so the projection
 * (I/O) only applies the plan.
 */
import { CAPTURAS_POR_RONDA, type EstadoActa, usuariosQueNoPuedenTomar } from './acta-maquina';

/** The kinds of task staff claim from their inbox (digitalización is not claimed: the scan is the step). */
export const TIPOS_TAREA = ['CAPTURA', 'VERIFICACION', 'DECISION_COORDINADOR'] as const;
export type TipoTarea = (typeof TIPOS_TAREA)[number];

export interface TareaExistente {
  id: string;
  tipo: TipoTarea;
  ronda: number;
  slot: number;
  tomadaPor: string | null;
}

export interface PlanTareas {
  /** Rows to delete: COMPLETADA when their holder did the step, OBSOLETA otherwise. */
  cerrar: { id: string; motivo: 'COMPLETADA' | 'OBSOLETA'; usuario: string | null }[];
  crear: { tipo: TipoTarea; ronda: number; slot: number }[];
  /** Users excluded from every task that stays open (separation of duties). */
  excluidos: string[];
}

/** Who completed the step a task stood for, given the new state (null if nobody did). */
function hizoElPaso(estado: EstadoActa, t: TareaExistente): boolean {
  if (!t.tomadaPor) return false;
  if (t.tipo === 'CAPTURA') {
    const ronda = t.ronda === estado.ronda ? estado.capturas : (estado.historial.find((r) => r.ronda === t.ronda)?.capturas ?? []);
    return ronda.some((c) => c.usuario === t.tomadaPor);
  }
  if (estado.verificacion?.usuario === t.tomadaPor) return true;
  const cerrada = estado.historial.find((r) => r.ronda === t.ronda);
  return cerrada?.devolucion.usuario === t.tomadaPor;
}

export function planTareas(estado: EstadoActa, existentes: readonly TareaExistente[]): PlanTareas {
  let tipo: TipoTarea | null = null;
  let necesarias = 0;
  if (estado.fase === 'EN_CAPTURA') {
    tipo = 'CAPTURA';
    necesarias = CAPTURAS_POR_RONDA - estado.capturas.length;
  } else if (estado.fase === 'EN_VERIFICACION') {
    tipo = 'VERIFICACION';
    necesarias = 1;
  } else if (estado.fase === 'ESCALADA') {
    tipo = 'DECISION_COORDINADOR';
    necesarias = 1;
  }

  const cerrar: PlanTareas['cerrar'] = [];
  const vigentes: TareaExistente[] = [];
  for (const t of existentes) {
    const sigueAbierta = t.tipo === tipo && t.ronda === estado.ronda && !hizoElPaso(estado, t);
    if (sigueAbierta) vigentes.push(t);
    else cerrar.push({ id: t.id, motivo: hizoElPaso(estado, t) ? 'COMPLETADA' : 'OBSOLETA', usuario: t.tomadaPor });
  }
  // More open rows than steps left: drop unclaimed ones first, keep people's claims.
  vigentes.sort((a, b) => Number(a.tomadaPor !== null) - Number(b.tomadaPor !== null) || a.slot - b.slot);
  while (vigentes.length > necesarias) {
    const t = vigentes.shift()!;
    cerrar.push({ id: t.id, motivo: 'OBSOLETA', usuario: t.tomadaPor });
  }
  const crear: PlanTareas['crear'] = [];
  const slotsUsados = new Set(existentes.filter((t) => t.tipo === tipo && t.ronda === estado.ronda).map((t) => t.slot));
  for (let slot = 1; vigentes.length + crear.length < necesarias; slot++) {
    if (!slotsUsados.has(slot)) crear.push({ tipo: tipo!, ronda: estado.ronda, slot });
  }
  return { cerrar, crear, excluidos: usuariosQueNoPuedenTomar(estado) };
}
