import { HttpStatus } from '@nestjs/common';
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { acotarRechazo, type RechazoActa } from '@prep/domain';
import { RECHAZO_ACTA } from '@prep/workflows/acta.messages';
import { ApiError } from '../common/api-error';

/** What the read model knows of an acta whose workflow is not running: its phase, or null if it has none. */
export type FaseEnModelo = (claveActa: string) => Promise<string | null>;

/**
 * Turns what Temporal says about an acta action into the API's Spanish errors, by error type only
 * (never by message text, which changes between SDK and server versions).
 *
 * A workflow that is not running answers the same way whether it never existed or already ended
 * (WorkflowNotFoundError for an update or signal, WorkflowExecutionAlreadyStartedError for an
 * update-with-start on a closed id): the read model tells the two apart, since every acta that
 * ever had a transition has its row there.
 */
export async function errorDeTemporal(err: unknown, claveActa: string, faseEnModelo: FaseEnModelo): Promise<unknown> {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === RECHAZO_ACTA) {
    const detalle = err.cause.details?.[0] as RechazoActa | undefined;
    if (detalle && typeof detalle === 'object') {
      // Bounded again here: a workflow still running older code may send an unbounded refusal.
      const r = acotarRechazo(detalle);
      const errores = r.errores?.map((e) => ({ campo: e.campo, mensajes: [e.mensaje] }));
      return new ApiError(r.status, r.codigo, r.mensaje, errores, r.totalErrores);
    }
  }
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // The server's own failures of an update (its type names them; failures of our workflow carry ours).
    if (err.cause.type === UPDATE_NO_PROCESADO) {
      // Seen when Temporal restarts under load: the update reached a workflow task that completed without it. Not applied.
      return new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'TEMPORAL_NO_DISPONIBLE',
        'El orquestador se reinició y no procesó la acción; no se aplicó: reintente en unos segundos.',
      );
    }
    if (err.cause.type === UPDATE_ACEPTADO_FLUJO_TERMINADO) return actaCerrada(claveActa, (await faseEnModelo(claveActa)) ?? 'desconocida');
  }
  if (err instanceof WorkflowNotFoundError || err instanceof WorkflowExecutionAlreadyStartedError) {
    const fase = await faseEnModelo(claveActa);
    if (fase === null) {
      return new ApiError(HttpStatus.CONFLICT, 'ACTA_NO_ACOPIADA', `El acta ${claveActa} no ha sido acopiada: regístrela primero en acopio.`);
    }
    // Only a first command (acopio, SIN ACTA) starts a workflow: on an acopiada acta whose workflow
    // ended it answers what the running workflow's machine would have answered.
    if (err instanceof WorkflowExecutionAlreadyStartedError && fase !== 'SIN_ACTA') {
      return new ApiError(
        HttpStatus.CONFLICT,
        'ACTA_YA_ACOPIADA',
        `El acta ${claveActa} ya fue acopiada y terminó su proceso (fase ${fase}); se conserva la primera recepción. Verifique la clave del acta.`,
      );
    }
    return actaCerrada(claveActa, fase);
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || temporalNoResponde(err)) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'TEMPORAL_NO_DISPONIBLE', 'El orquestador no responde; reintente en unos segundos.');
  }
  return err;
}

/** 409 ACTA_CERRADA: the acta's workflow ended (published, SIN ACTA, or closed by the cierre). */
export function actaCerrada(claveActa: string, fase: string): ApiError {
  const como = fase === 'SIN_ACTA' ? 'se publicó como SIN ACTA al cierre de la operación' : `terminó su proceso (fase ${fase})`;
  return new ApiError(HttpStatus.CONFLICT, 'ACTA_CERRADA', `El acta ${claveActa} ${como}; ya no admite acciones.`);
}

/** Failure types the Temporal server itself gives an update's outcome (server 1.2x, errors_failures.go). */
const UPDATE_NO_PROCESADO = 'UnprocessedUpdate';
const UPDATE_ACEPTADO_FLUJO_TERMINADO = 'AcceptedUpdateCompletedWorkflow';

/** gRPC status codes (the protocol's, fixed): DEADLINE_EXCEEDED and UNAVAILABLE. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function temporalNoResponde(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (isGrpcServiceError(grpc)) return grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED;
  // A ServiceError without a gRPC status is the client failing to reach the server at all.
  return err instanceof ServiceError;
}
