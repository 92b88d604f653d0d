import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { temporal } from '@temporalio/proto';
import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { camposDeActa, crearPolitica, type Captura, type ComandoAcopio, type PoliticaPrep } from '@prep/domain';
import { ACTA_WORKFLOW_TYPE, acopiarUpdate, type ActaWorkflowInput } from '../src/acta.messages';
import type { ActaActivities, TransicionParaRegistrar } from '../src/activities';
import { opcionesDeBundle, rutaWorkflows } from '../src/paquete-workflows';
import type { actaWorkflow } from '../src/acta.workflow';
import { SA_ATORADA, SA_CATD, SA_FASE, SA_TIPO_ACTA } from '../src/search-attributes';

/**
 * The acta workflow on a real Temporal dev server (the project's own CLI build, started by the
 * SDK's test environment from its path: nothing is downloaded), with its activities replaced by
 * recorders: what the workflow decides and in which order it asks for bitácora appends, without
 * immudb or PostgreSQL. Timers are policy values, so tests shorten them instead of skipping time.
 */
export const COLUMNAS = ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
export const CAMPOS = camposDeActa(COLUMNAS);

export function valores(over: Partial<Captura> = {}): Captura {
  return {
    PAN: 100,
    PRI: 80,
    MORENA: 120,
    NO_REGISTRADAS: 1,
    NULOS: 9,
    TOTAL_BOLETAS_SOBRANTES: 200,
    TOTAL_PERSONAS_VOTARON: 310,
    TOTAL_REP_PARTIDO_CI_VOTARON: 0,
    TOTAL_VOTOS_SACADOS: 310,
    TOTAL_VOTOS_ASENTADO: 310,
    ...over,
  };
}

export interface Registro {
  transiciones: TransicionParaRegistrar[];
  atoradas: { claveActa: string; atorada: boolean; desde: string | null }[];
}

function ruta(variable: string): string {
  const valor = process.env[variable];
  if (!valor) throw new Error(`${variable} no está definido: ejecute estas pruebas con jest (proyecto workflow)`);
  return valor;
}

export class EntornoWorkflow {
  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly bundle: WorkflowBundleWithSourceMap,
  ) {}

  static async crear(): Promise<EntornoWorkflow> {
    if (!Runtime._instance) Runtime.install({ logger: new DefaultLogger('ERROR') });
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: ruta('PREP_TEMPORAL_CLI') }, searchAttributes: [SA_CATD, SA_FASE, SA_TIPO_ACTA, SA_ATORADA] },
    });
    const bundle = await bundleWorkflowCode({
      workflowsPath: rutaWorkflows(),
      ...opcionesDeBundle(),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error },
    });
    return new EntornoWorkflow(env, bundle);
  }

  /** A worker with recording activities on a fresh task queue; runs `fn` while it polls. */
  async conWorker<T>(fn: (ctx: { taskQueue: string; registro: Registro }) => Promise<T>): Promise<T> {
    const registro: Registro = { transiciones: [], atoradas: [] };
    const activities: ActaActivities = {
      async registrarTransicion(t) {
        registro.transiciones.push(t);
      },
      async marcarAtorada(a) {
        registro.atoradas.push(a);
      },
    };
    const taskQueue = `pruebas-${randomUUID()}`;
    const worker = await Worker.create({ connection: this.env.nativeConnection, taskQueue, workflowBundle: this.bundle, activities });
    return worker.runUntil(fn({ taskQueue, registro }));
  }

  /** A worker with the given activities (any workflow's) on a fresh task queue; runs `fn` while it polls. */
  async conActividades<T>(activities: object, fn: (taskQueue: string) => Promise<T>): Promise<T> {
    const taskQueue = `pruebas-${randomUUID()}`;
    const worker = await Worker.create({ connection: this.env.nativeConnection, taskQueue, workflowBundle: this.bundle, activities });
    return worker.runUntil(fn(taskQueue));
  }

  /** The acopio as the API sends it: update-with-start on the clave's workflow id. */
  async acopiar(
    taskQueue: string,
    claveActa: string,
    over: Partial<ComandoAcopio> = {},
    politica: Partial<PoliticaPrep> = {},
  ): Promise<WorkflowHandle<typeof actaWorkflow>> {
    const acopio: ComandoAcopio = {
      tipo: 'ACOPIO',
      claveActa,
      catd: 'M001',
      usuario: 'acopiador',
      fechaHora: new Date(Date.UTC(2027, 5, 6, 20, 0, 0)).toISOString(),
      mecanismoTraslado: 'F',
      fueraDeCatalogo: false,
      ...over,
    };
    const input: ActaWorkflowInput = {
      claveCasilla: claveActa.slice(0, 11),
      tipoActa: claveActa.slice(11),
      contexto: { politica: crearPolitica(politica), columnasVoto: COLUMNAS, casilla: { tipo: 'B', listaNominal: 600, representantes: 10 } },
    };
    const inicio = new WithStartWorkflowOperation(ACTA_WORKFLOW_TYPE, {
      workflowId: claveActa,
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    await this.env.client.workflow.executeUpdateWithStart(acopiarUpdate, {
      args: [{ comando: acopio, rolesUsuario: ['acopiador'] }],
      startWorkflowOperation: inicio,
    });
    return inicio.workflowHandle() as Promise<WorkflowHandle<typeof actaWorkflow>>;
  }

  async cerrar(): Promise<void> {
    await this.env.teardown();
  }
}

let segundos = 0;
/** A new instant for every command, like the API's clock. */
export function hora(): string {
  return new Date(Date.UTC(2027, 5, 6, 21, 0, segundos++)).toISOString();
}

export const CARPETA_HISTORIAS = path.join(__dirname, 'historias');
/** Plain JSON for the fixtures: 64-bit numbers as strings, bytes as base64, enums by name. */
export const HISTORIA_JSON = { longs: String, bytes: String, enums: String, defaults: false } as const;

/**
 * With PREP_GRABAR_HISTORIAS=1, keeps the workflow's history as a replay fixture
 * (workflows/test/historias/<nombre>.json). Re-record after an intended change of the workflow's
 * commands, and commit the files: the replay test then guards every later change.
 */
export async function guardarHistoria(nombre: string, h: WorkflowHandle): Promise<void> {
  if (!process.env.PREP_GRABAR_HISTORIAS) return;
  fs.mkdirSync(CARPETA_HISTORIAS, { recursive: true });
  const objeto = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(await h.fetchHistory()), HISTORIA_JSON);
  fs.writeFileSync(path.join(CARPETA_HISTORIAS, `${nombre}.json`), `${JSON.stringify(objeto, null, 1)}\n`);
}
