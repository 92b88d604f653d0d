import { ActivityFailure, ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PoliticaPrep } from '@prep/domain';
import type { CorteActivities, HallazgoCorte, ResultadoCorte } from './activities';

export interface EntradaCorte {
  final: boolean;
  politica: PoliticaPrep;
}

export const CORTE_DETENIDO = 'CorteDetenido';

// Reserving, publishing and stopping are short; a busy corte (another one in course) is retried.
const cortas = proxyActivities<CorteActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 1.5,
    maximumInterval: '15 seconds',
    nonRetryableErrorTypes: ['FirmaNoValida', 'CorteNoEncontrado'],
  },
});
// Verifying waits for the projection (ProyeccionPendiente is retried) but not forever: a corte
// that cannot see its actas projected within 5 minutes stops loudly instead of hanging.
const { verificarCorte } = proxyActivities<CorteActivities>({
  startToCloseTimeout: '10 minutes',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 1.5, maximumInterval: '10 seconds', maximumAttempts: 40 },
});
const { escribirCorte } = proxyActivities<CorteActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['CatalogoAlterado', 'SinCatalogo', 'CarpetaDeOtroCorte'] },
});

function resumen(hallazgos: HallazgoCorte[], total: number): string {
  const primeros = hallazgos.slice(0, 5).map((h) => `${h.claveActa}${h.campo ? ` (${h.campo})` : ''}: ${h.detalle}`);
  return `${primeros.join('; ')}${total > primeros.length ? `; … y ${total - primeros.length} más` : ''}`;
}

/**
 * One corte of publication: (a) number it and take the signed bitácora state, (b)+(c) wait until
 * the read model has projected everything up to that state and compare every acta published since
 * the previous corte with its bitácora entries, (d) write the corte's files and zip, (e) record
 * CORTE_PUBLICADO. Any difference stops it before anything is written: a CORTE_DETENIDO record and
 * a non-retryable failure an operator sees in the Temporal UI. Re-running it is safe at every step.
 */
export async function corteWorkflow(entrada: EntradaCorte): Promise<ResultadoCorte> {
  const r = await cortas.reservarCorte({ workflowId: workflowInfo().workflowId, final: entrada.final });
  if (r.estado === 'PUBLICADO' && r.resultado) return r.resultado;

  let v: Awaited<ReturnType<CorteActivities['verificarCorte']>>;
  try {
    v = await verificarCorte({ numero: r.numero });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    const motivo = `no se pudo verificar el corte ${r.numero}: ${err.cause?.message ?? err.message}`;
    await cortas.detenerCorte({ numero: r.numero, hallazgos: [], total: 0, motivo });
    throw ApplicationFailure.create({ type: CORTE_DETENIDO, message: motivo, nonRetryable: true });
  }
  if (v.total > 0) {
    const motivo = `el modelo de lectura difiere de la bitácora en ${v.total} valores: ${resumen(v.hallazgos, v.total)}`;
    await cortas.detenerCorte({ numero: r.numero, hallazgos: v.hallazgos, total: v.total, motivo });
    throw ApplicationFailure.create({
      type: CORTE_DETENIDO,
      message: `Corte ${r.numero} detenido: ${motivo}. No se publicó nada; revise esas actas con la verificación completa.`,
      nonRetryable: true,
      details: [v.hallazgos],
    });
  }
  let escrito: Awaited<ReturnType<CorteActivities['escribirCorte']>>;
  try {
    escrito = await escribirCorte({ numero: r.numero, politica: entrada.politica, final: entrada.final });
  } catch (err) {
    // E.g. the catálogo changed since its load: stop loudly and free the number, never leave it reserved.
    if (!(err instanceof ActivityFailure)) throw err;
    const motivo = `no se pudieron escribir los archivos del corte ${r.numero}: ${err.cause?.message ?? err.message}`;
    await cortas.detenerCorte({ numero: r.numero, hallazgos: [], total: 0, motivo });
    throw ApplicationFailure.create({ type: CORTE_DETENIDO, message: motivo, nonRetryable: true });
  }
  return cortas.publicarCorte({ numero: r.numero, ...escrito });
}
