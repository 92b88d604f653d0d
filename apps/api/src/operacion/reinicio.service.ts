import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type Long from 'long';
import { ApiError } from '../common/api-error';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { TemporalService } from '../temporal/temporal.module';

const TAREA_COMPLETADA = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;

/**
 * An operator's reset of a stuck acta, done through the API so it leaves a bitácora
 * record (the same reset from the Temporal UI works, but only Temporal remembers it).
 * It resets to the last completed workflow task: the run replays from there, and the
 * bitácora's key check keeps every entry written once.
 */
@Injectable()
export class ReinicioService {
  constructor(
    private readonly temporal: TemporalService,
    private readonly bitacoraPersonal: BitacoraPersonalService,
  ) {}

  async reiniciar(claveActa: string, operador: string, motivo: string) {
    const handle = this.temporal.client.workflow.getHandle(claveActa);
    let runIdAnterior: string;
    let eventoId: Long | number | null | undefined;
    try {
      runIdAnterior = (await handle.describe()).runId;
      const historia = await handle.fetchHistory();
      eventoId = [...(historia.events ?? [])].reverse().find((e) => e.eventType === TAREA_COMPLETADA)?.eventId;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new ApiError(HttpStatus.NOT_FOUND, 'ACTA_NO_ACOPIADA', `El acta ${claveActa} no tiene flujo en el orquestador: no ha sido acopiada.`);
      }
      throw err;
    }
    if (!eventoId) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'SIN_PUNTO_DE_REINICIO',
        `El flujo del acta ${claveActa} aún no completa ninguna tarea; espere o revise el worker.`,
      );
    }
    const { runId } = await this.temporal.connection.workflowService.resetWorkflowExecution({
      namespace: this.temporal.client.options.namespace,
      workflowExecution: { workflowId: claveActa, runId: runIdAnterior },
      reason: `${motivo} (operador ${operador})`,
      workflowTaskFinishEventId: eventoId,
      requestId: randomUUID(),
    });
    const resultado = { claveActa, runIdAnterior, runIdNuevo: runId ?? null, eventoId: Number(eventoId), motivo };
    await this.bitacoraPersonal.registrar('ACTA_REINICIADA', operador, resultado);
    return resultado;
  }
}
