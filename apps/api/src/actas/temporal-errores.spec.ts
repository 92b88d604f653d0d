import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApiError } from '../common/api-error';
import { errorDeTemporal } from './temporal-errores';

/** The failures the Temporal server itself writes into an update's outcome, as the client decodes them. */
const delServidor = (type: string, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

describe('errorDeTemporal: updates the Temporal server failed itself', () => {
  it('an update a restarted server rejected as unprocessed is a 503 the staff retry, not a 500', async () => {
    const err = await errorDeTemporal(
      delServidor(
        'UnprocessedUpdate',
        "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.",
      ),
      '1400011B0100601',
      async () => 'EN_CAPTURA',
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).getStatus()).toBe(503);
    expect((err as ApiError).getResponse()).toMatchObject({ codigo: 'TEMPORAL_NO_DISPONIBLE', mensaje: expect.stringMatching(/no se aplicó: reintente/) });
  });

  it('an accepted update whose workflow then ended answers 409 ACTA_CERRADA with the phase of the read model', async () => {
    const err = await errorDeTemporal(
      delServidor('AcceptedUpdateCompletedWorkflow', 'Workflow Update failed because the Workflow completed before the Update completed.'),
      '1400011B0100601',
      async () => 'SIN_ACTA',
    );
    expect((err as ApiError).getStatus()).toBe(409);
    expect((err as ApiError).getResponse()).toMatchObject({ codigo: 'ACTA_CERRADA' });
  });
});
