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
 * election night (non-determinism) fails here first. `legado/` holds histories of workflows
 * started by the previous API (the acopio in the workflow's input): actas in flight during an
 * upgrade must still replay, and `actividades/` those of workflows that appended their transitions with
 * regular activities, before the local-activity patch, and `locales/` those that appended them as local
 activities in the accepting workflow task, before the append moved back to a regular activity
 scheduled with the update's acceptance (`registro-por-actividad-tras-aceptar`), and `tras-aceptar/`
 those recorded with that regular activity, before the local activity came back with the adoption of
 entries a lost task left (`registro-local-con-adopcion`; `adopcion.json` replays an adoption). (legado's `cerrada` history was dropped on purpose: the cierre signal no
 * longer ends an acta that is still in process.)
 */
const CARPETAS: Record<string, string[]> = {
  '.': ['adopcion.json', 'atorada.json', 'cerrada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json'],
  'tras-aceptar': ['atorada.json', 'cerrada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json'],
  locales: ['atorada.json', 'cerrada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json'],
  actividades: ['atorada.json', 'cerrada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json'],
  legado: ['atorada.json', 'devuelta-y-escalada.json', 'publicada.json', 'rechazos.json', 'retencion.json'],
};

describe.each(Object.entries(CARPETAS))('replay of recorded acta histories (%s)', (carpeta, esperados) => {
  const dir = path.join(CARPETA_HISTORIAS, carpeta);
  const archivos = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has a recorded history for every main path', () => {
    expect(archivos).toEqual(esperados);
  });

  it('replays each without a determinism error', async () => {
    const historias = archivos.map((f) => {
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
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
