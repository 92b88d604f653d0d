import { proxyActivities } from '@temporalio/workflow';
import type { DiagnosticoActivities } from './activities';

const { eco } = proxyActivities<DiagnosticoActivities>({ startToCloseTimeout: '10 seconds' });

/** Round trip API → Temporal → worker → activity, used by smoke tests and operators. */
export async function diagnostico(mensaje: string): Promise<string> {
  return await eco(mensaje);
}
