import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, PrepConfig } from '@prep/config';
import { AppModule, configureApp } from '@prep/api';
import { createPrepWorker, type PrepWorker } from '@prep/worker';
import { basesPropias } from './bases';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The real API (in-process, over HTTP via supertest) and a real worker on this run's task queue. */
export interface Harness {
  cfg: PrepConfig;
  app: INestApplication;
  worker?: PrepWorker;
  close(): Promise<void>;
}

/**
 * Starts the API on this test file's own databases (test/support/bases.ts); `basesNuevas` first
 * moves the file to a fresh, empty pair (a second catálogo after actas exist). `env` applies to
 * this API only (e.g. a second API pointed at an immudb that does not answer).
 */
export async function startHarness({ withWorker = true, basesNuevas = false, env = {} as NodeJS.ProcessEnv } = {}): Promise<Harness> {
  if (basesNuevas) await basesPropias();
  const antes = { ...process.env };
  Object.assign(process.env, env);
  let cfg: PrepConfig;
  let app: INestApplication;
  try {
    cfg = loadConfig();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
    await app.init();
  } finally {
    for (const k of Object.keys(env)) {
      if (antes[k] === undefined) delete process.env[k];
      else process.env[k] = antes[k];
    }
  }
  let worker: PrepWorker | undefined;
  let running: Promise<void> | undefined;
  if (withWorker) {
    worker = await createPrepWorker(cfg);
    running = worker.run();
  }
  return {
    cfg,
    app,
    worker,
    async close() {
      await worker?.shutdown();
      await running;
      await app.close();
    },
  };
}

/**
 * A data folder of the test file's own, with the run's JWT secret: cortes are numbered per
 * installation and their folders are immutable, so two files that publish a corte 1 in one shared
 * folder would refuse each other's (CarpetaDeOtroCorte). Pass it as PREP_DATA_DIR to startHarness.
 */
export function carpetaDeDatosPropia(prefijo: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `prep-${prefijo}-`));
  fs.cpSync(path.join(process.env.PREP_DATA_DIR!, 'secretos'), path.join(dataDir, 'secretos'), { recursive: true });
  return dataDir;
}
