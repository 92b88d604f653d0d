import { HttpStatus } from '@nestjs/common';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { acotarRechazo, type RechazoActa } from '@prep/domain';
import { RECHAZO_ACTA } from '@prep/workflows/acta.messages';
import { ApiError } from '../common/api-error';

/** Turns what Temporal says about an acta action into the API's Spanish errors. */
export function errorDeTemporal(err: unknown, claveActa: string): unknown {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === RECHAZO_ACTA) {
    const detalle = err.cause.details?.[0] as RechazoActa | undefined;
    if (detalle && typeof detalle === 'object') {
      // Bounded again here: a workflow still running older code may send an unbounded refusal.
      const r = acotarRechazo(detalle);
      const errores = r.errores?.map((e) => ({ campo: e.campo, mensajes: [e.mensaje] }));
      return new ApiError(r.status, r.codigo, r.mensaje, errores, r.totalErrores);
    }
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new ApiError(
      HttpStatus.CONFLICT,
      'ACTA_YA_ACOPIADA',
      `El acta ${claveActa} ya fue acopiada; se conserva la primera recepción. Verifique la clave del acta.`,
    );
  }
  if (err instanceof WorkflowNotFoundError) {
    return new ApiError(
      HttpStatus.CONFLICT,
      'ACTA_NO_ACOPIADA',
      `El acta ${claveActa} no ha sido acopiada: regístrela primero en acopio.`,
    );
  }
  const mensaje = err instanceof Error ? err.message : '';
  if (/already completed|workflow execution.*(completed|terminated|closed)/i.test(mensaje)) {
    return new ApiError(HttpStatus.CONFLICT, 'ACTA_CERRADA', `El flujo del acta ${claveActa} ya terminó; no admite más acciones.`);
  }
  if (/UNAVAILABLE|ECONNREFUSED|DEADLINE_EXCEEDED|Failed to connect/i.test(mensaje)) {
    return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'TEMPORAL_NO_DISPONIBLE', 'El orquestador no responde; reintente en unos segundos.');
  }
  return err;
}
