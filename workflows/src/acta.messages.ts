/**
 * Messages of the acta workflow, declared once and imported by both the workflow
 * and the API's client (as in Temporal's message-passing samples).
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ComandoAcopio,
  ComandoCaptura,
  ComandoCorreccionCatd,
  ComandoDigitalizacion,
  ComandoSinActa,
  ComandoVerificacion,
  ContextoActa,
  EstadoActa,
  Fase,
  TipoEventoActa,
} from '@prep/domain';

export const ACTA_WORKFLOW_TYPE = 'actaWorkflow';

/**
 * The workflow starts empty: its first command (ACOPIO or SIN_ACTA) arrives as the Update of an
 * update-with-start (conflict policy USE_EXISTING), so whichever command reaches the acta first is
 * decided by the machine and the other one is refused by it. Workflows started before this carry
 * `acopio`, applied at start as they always were.
 */
export interface ActaWorkflowInput {
  /** Only in workflows started by an older API. */
  acopio?: ComandoAcopio;
  claveCasilla: string;
  tipoActa: string;
  /** Catálogo data and policy, fixed for the life of the acta (rolesUsuario comes per action). */
  contexto: Omit<ContextoActa, 'rolesUsuario'>;
}

/** A staff action: the command (user and time set by the API) and the roles the API authenticated. */
export interface AccionPersonal<C> {
  comando: C;
  rolesUsuario: string[];
}

export interface ResultadoAccion {
  claveActa: string;
  fase: Fase;
  secuencia: number;
  eventos: TipoEventoActa[];
}

/** Failure type of a refused action; `details[0]` carries the domain refusal. */
export const RECHAZO_ACTA = 'RechazoActa';
/** Failure type of an update that hit a bug or a malformed payload: refused, the acta stays usable. */
export const FALLA_INTERNA_ACTA = 'FallaInternaActa';

/** Kept for workflows started with `input.acopio`: returns once that acopio is in the bitácora and the read model. */
export const acopioRegistradoUpdate = defineUpdate<ResultadoAccion>('acopioRegistrado');
/** Each returns once its events are in the bitácora and the read model. */
export const acopiarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoAcopio>]>('acopiar');
export const sinActaUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoSinActa>]>('sinActa');
export const digitalizarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoDigitalizacion>]>('digitalizar');
export const capturarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoCaptura>]>('capturar');
export const verificarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoVerificacion>]>('verificar');
/** Moves the acta to the right CATD (coordinador of that CATD, operador or administrador). */
export const corregirCatdUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoCorreccionCatd>]>('corregirCatd');
/** null until the first command was accepted. */
export const estadoQuery = defineQuery<EstadoActa | null>('estado');
/**
 * Operation close: a published acta stops waiting for late images and ends once its pending
 * bitácora appends are done; an acta still in process ends as soon as it is published (no retention).
 */
export const cerrarSignal = defineSignal('cerrar');
