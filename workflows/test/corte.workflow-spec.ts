import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { crearPolitica } from '@prep/domain';
import type { CorteActivities, CorteEscrito, HallazgoCorte } from '../src/activities';
import { EntornoWorkflow } from './entorno';

const ESCRITO: CorteEscrito = { actas: 2, manifiestoSha256: 'm'.repeat(64), zipSha256: 'z'.repeat(64), zipBytes: 10, archivos: [] };

/** Recording activities: what the corte asks for, in order; `hallazgos` decides the comparison. */
function actividades(hallazgos: HallazgoCorte[], pasos: string[]): CorteActivities {
  return {
    async reservarCorte() {
      pasos.push('reservar');
      return { numero: 4, instante: '2027-06-06T02:00:00.000Z', txId: 99, estado: 'EN_CURSO' };
    },
    async verificarCorte() {
      pasos.push('verificar');
      return { hallazgos, total: hallazgos.length, publicadas: 2 };
    },
    async detenerCorte(a) {
      pasos.push(`detener:${a.total}`);
    },
    async escribirCorte() {
      pasos.push('escribir');
      return ESCRITO;
    },
    async publicarCorte(a) {
      pasos.push('publicar');
      return {
        numero: a.numero,
        instante: '2027-06-06T02:00:00.000Z',
        txId: 99,
        actas: a.actas,
        manifiestoSha256: a.manifiestoSha256,
        zipSha256: a.zipSha256,
        final: false,
      };
    },
  };
}

describe('corte workflow (activities recorded)', () => {
  let e: EntornoWorkflow;
  beforeAll(async () => {
    e = await EntornoWorkflow.crear();
  });
  afterAll(async () => {
    await e?.cerrar();
  });

  it('publishes only after the comparison found nothing: reserve, verify, write, record', async () => {
    const pasos: string[] = [];
    const r = await e.conActividades(actividades([], pasos), (taskQueue) =>
      e.env.client.workflow.execute('corteWorkflow', { taskQueue, workflowId: `corte-${randomUUID()}`, args: [{ final: false, politica: crearPolitica() }] }),
    );
    expect(pasos).toEqual(['reservar', 'verificar', 'escribir', 'publicar']);
    expect(r).toMatchObject({ numero: 4, zipSha256: ESCRITO.zipSha256 });
  });

  it('a difference stops it: CORTE_DETENIDO, a non-retryable CorteDetenido failure naming the acta, nothing written', async () => {
    const pasos: string[] = [];
    const hallazgo = { tipo: 'DIFERENCIA_CAMPO', claveActa: '140001B01001', campo: 'totalVotosCalculado', detalle: 'la bitácora dice 40 y el modelo 41' };
    const err = await e
      .conActividades(actividades([hallazgo], pasos), (taskQueue) =>
        e.env.client.workflow.execute('corteWorkflow', { taskQueue, workflowId: `corte-${randomUUID()}`, args: [{ final: false, politica: crearPolitica() }] }),
      )
      .catch((x: unknown) => x);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const causa = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(causa.type).toBe('CorteDetenido');
    expect(causa.nonRetryable).toBe(true);
    expect(causa.message).toContain('140001B01001 (totalVotosCalculado)');
    expect(pasos).toEqual(['reservar', 'verificar', 'detener:1']);
  });

  it('files that cannot be written (catálogo changed since its load) stop it too and free the number', async () => {
    const pasos: string[] = [];
    const acts = actividades([], pasos);
    acts.escribirCorte = async () => {
      pasos.push('escribir');
      throw ApplicationFailure.create({ type: 'CatalogoAlterado', message: 'el catálogo cambió', nonRetryable: true });
    };
    const err = await e
      .conActividades(acts, (taskQueue) =>
        e.env.client.workflow.execute('corteWorkflow', { taskQueue, workflowId: `corte-${randomUUID()}`, args: [{ final: false, politica: crearPolitica() }] }),
      )
      .catch((x: unknown) => x);
    expect(((err as WorkflowFailedError).cause as ApplicationFailure).type).toBe('CorteDetenido');
    expect(pasos).toEqual(['reservar', 'verificar', 'escribir', 'detener:0']);
  });
});
