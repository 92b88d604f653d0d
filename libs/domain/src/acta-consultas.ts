/** Questions about an acta's state that the workflow, the inbox and the projection ask. */
import type { TipoTarea } from './tareas';
import { type PoliticaPrep } from './politica';
import type { Fase, ImagenActa, EstadoActa } from './acta-tipos';

/** The image published under the policy: today the first complete one (DOMAIN.md "Digitalización"). */
export function imagenPublicada(estado: EstadoActa, politica: PoliticaPrep): ImagenActa | null {
  switch (politica.imagenPublicada) {
    case 'primera_completa':
      return estado.imagenes.find((i) => i.completa) ?? null;
  }
}

/**
 * Users the task inbox must not offer this acta's next step to: a capture task excludes who
 * already captured this round; a verification or escalated decision excludes every capturista.
 */
export function usuariosQueNoPuedenTomar(estado: EstadoActa): string[] {
  switch (estado.fase) {
    case 'EN_CAPTURA':
      return estado.capturas.map((c) => c.usuario);
    case 'EN_VERIFICACION':
    case 'ESCALADA':
      return [...estado.capturistas];
    default:
      return [];
  }
}

/** What an acta waits for: its digitalización, or a task of the inbox. */
export type TareaActa = 'DIGITALIZACION' | TipoTarea;

/** Which kind of work the acta waits for; null once published. */
export function tareaPendiente(estado: EstadoActa): TareaActa | null {
  switch (estado.fase) {
    case 'PRE_ACOPIO':
      return null; // waits for its paquete, not for staff
    case 'ACOPIADA':
      return 'DIGITALIZACION';
    case 'EN_CAPTURA':
      return 'CAPTURA';
    case 'EN_VERIFICACION':
      return 'VERIFICACION';
    case 'ESCALADA':
      return 'DECISION_COORDINADOR';
    case 'PUBLICADA':
    case 'SIN_ACTA':
      return null;
  }
}

/** Phases after which nothing changes the acta any more. */
export function esFaseFinal(fase: Fase): boolean {
  return fase === 'PUBLICADA' || fase === 'SIN_ACTA';
}

/**
 * The bitácora entry that made the acta PUBLICADA or SIN_ACTA: its transaction decides which
 * corte first carries the acta. Later entries of a final acta (late images) do not move it.
 */
export function entradaQuePublica(e: { faseAnterior: Fase | null; faseNueva: Fase }): boolean {
  return esFaseFinal(e.faseNueva) && (e.faseAnterior === null || !esFaseFinal(e.faseAnterior));
}

/** True when an unpublished acta has not moved for politica.atoradaTrasMinutos. `ahora` is an ISO string. */
export function estaAtorada(estado: EstadoActa, ahora: string, politica: PoliticaPrep): boolean {
  if (esFaseFinal(estado.fase) || estado.fase === 'PRE_ACOPIO') return false;
  const transcurrido = Date.parse(ahora) - Date.parse(estado.fechaHoraUltimoCambio);
  return transcurrido >= politica.atoradaTrasMinutos * 60_000;
}
