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
  ComandoVerificacion,
  ContextoActa,
  EstadoActa,
  Fase,
  TipoEventoActa,
} from '@prep/domain';

export const ACTA_WORKFLOW_TYPE = 'actaWorkflow';

export interface ActaWorkflowInput {
  acopio: ComandoAcopio;
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

/** Sent with the start (update-with-start): returns once the acopio is in the ledger and the read model. */
export const acopioRegistradoUpdate = defineUpdate<ResultadoAccion>('acopioRegistrado');
export const digitalizarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoDigitalizacion>]>('digitalizar');
export const capturarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoCaptura>]>('capturar');
export const verificarUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoVerificacion>]>('verificar');
/** Moves the acta to the right CATD (coordinador of that CATD, operador or administrador). */
export const corregirCatdUpdate = defineUpdate<ResultadoAccion, [AccionPersonal<ComandoCorreccionCatd>]>('corregirCatd');
export const estadoQuery = defineQuery<EstadoActa>('estado');
/** Operation close: the workflow ends once its pending ledger appends are done. */
export const cerrarSignal = defineSignal('cerrar');
