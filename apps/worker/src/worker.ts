import { NativeConnection, Runtime, Worker, DefaultLogger } from '@temporalio/worker';
import { MikroORM } from '@mikro-orm/postgresql';
import type { PrepConfig } from '@prep/config';
import { ConexionBitacora, dirEstadoConfiable } from '@prep/audit';
import { ormConfig } from '@prep/persistence';
import * as fs from 'node:fs';
import { actaActivities } from './activities/acta.activities';
import { corteActivities } from './activities/corte.activities';
import { diagnosticoActivities } from './activities/diagnostico.activities';
import { sha256 } from '@prep/compilacion';
import { bundleDeWorkflows } from '@prep/workflows/paquete-workflows';
import { ensureSearchAttributes } from './search-attributes';

let runtimeInstalled = false;
function installRuntime(level: PrepConfig['LOG_LEVEL']): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  // Core SDK logs go through a plain logger; WARN keeps election-night output readable.
  Runtime.install({ logger: new DefaultLogger(level === 'debug' || level === 'verbose' ? 'DEBUG' : 'WARN') });
}

export interface PrepWorker {
  worker: Worker;
  taskQueue: string;
  /** SHA-256 of the workflow bundle this worker gave Temporal (recorded in PROCESO_INICIADO). */
  huellaBundleWorkflows: string;
  /** This worker's bitácora connection, for records outside activities (PROCESO_INICIADO). */
  bitacora: ConexionBitacora;
  run(): Promise<void>;
  shutdown(): Promise<void>;
}

export async function createPrepWorker(cfg: PrepConfig): Promise<PrepWorker> {
  installRuntime(cfg.LOG_LEVEL);
  await ensureSearchAttributes(cfg.TEMPORAL_ADDRESS, cfg.TEMPORAL_NAMESPACE);
  // Connect first: a Worker.create that fails to connect leaves a handle open.
  const orm = await MikroORM.init(ormConfig({ databaseUrl: cfg.DATABASE_URL, poolMax: 20 }));
  const bitacora = new ConexionBitacora({
    address: cfg.IMMUDB_ADDRESS,
    user: cfg.IMMUDB_USER,
    password: cfg.IMMUDB_PASSWORD,
    database: cfg.IMMUDB_DATABASE,
    stateDir: dirEstadoConfiable(cfg.PREP_DATA_DIR, 'worker'),
  });
  // Bundle here rather than through workflowsPath: the code hashed is then exactly the code run.
  const bundle = await bundleDeWorkflows();
  const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: cfg.TEMPORAL_NAMESPACE,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    workflowBundle: bundle,
    activities: {
      ...diagnosticoActivities(),
      ...actaActivities({ orm, bitacora: () => bitacora.get() }),
      ...corteActivities({
        orm,
        bitacora: () => bitacora.get(),
        dataDir: cfg.PREP_DATA_DIR,
        clavePublicaPem: cfg.IMMUDB_CLAVE_PUBLICA ? fs.readFileSync(cfg.IMMUDB_CLAVE_PUBLICA, 'utf8') : null,
      }),
    },
  });
  let running: Promise<void> | undefined;
  return {
    worker,
    taskQueue: cfg.TEMPORAL_TASK_QUEUE,
    huellaBundleWorkflows: sha256(bundle.code),
    bitacora,
    run() {
      running = worker.run().finally(async () => {
        await connection.close();
        await bitacora.cerrar();
        await orm.close(true);
      });
      return running;
    },
    async shutdown() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
