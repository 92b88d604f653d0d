import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { ACTA_WORKFLOW_TYPE } from '../src/acta.messages';
import { opcionesDeBundle, rutaWorkflows } from '../src/paquete-workflows';
import { CARPETA_HISTORIAS } from './entorno';

/**
 * Histories of the acta workflow's main paths, recorded from real runs (see guardarHistoria),
 * replayed against today's workflow code: a change that would make running actas fail on
 * election night (non-determinism) fails here first.
 */
describe('replay of recorded acta histories', () => {
  const archivos = fs.readdirSync(CARPETA_HISTORIAS).filter((f) => f.endsWith('.json')).sort();

  it('has a recorded history for every main path', () => {
    expect(archivos).toEqual(['atorada.json', 'cerrada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json']);
  });

  it('replays each without a determinism error', async () => {
    const historias = archivos.map((f) => {
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(CARPETA_HISTORIAS, f), 'utf8')));
      // runReplayHistories only warns on an unknown type: make sure each is really an acta.
      const inicio = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      expect(inicio?.workflowType?.name).toBe(ACTA_WORKFLOW_TYPE);
      return { workflowId: f, history };
    });
    const resultados = [];
    for await (const r of Worker.runReplayHistories({ workflowsPath: rutaWorkflows(), bundlerOptions: opcionesDeBundle() }, historias)) {
      resultados.push({ workflowId: r.workflowId, error: r.error?.message ?? null });
    }
    expect(resultados).toEqual(archivos.map((f) => ({ workflowId: f, error: null })));
  });
});
