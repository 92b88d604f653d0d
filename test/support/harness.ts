import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { loadConfig, PrepConfig } from '@prep/config';
import { runMigrations } from '@prep/persistence';
import { AppModule, configureApp } from '@prep/api';
import { createPrepWorker, type PrepWorker } from '@prep/worker';
import { dropDatabase, ensureDatabase } from '../../scripts/services/postgres';

/** The real API (in-process, over HTTP via supertest) and a real worker on this run's task queue. */
export interface Harness {
  cfg: PrepConfig;
  app: INestApplication;
  worker?: PrepWorker;
  close(): Promise<void>;
}

/**
 * Gives the calling test file a PostgreSQL database and an immudb database of its own (jest gives
 * each file its own copy of process.env, so child processes it starts inherit them too). The
 * catálogo freezes once any acta exists, so files that each load a catálogo and acopio actas
 * cannot share one read model; and the auditor's full check compares all of it with the ledger.
 */
async function basesPropias(): Promise<string> {
  const sufijo = randomBytes(4).toString('hex');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_${sufijo}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  // The migrator reports each step with console.log: noise in every test file's output.
  const log = console.log;
  console.log = () => undefined;
  try {
    await runMigrations(databaseUrl);
  } finally {
    console.log = log;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.IMMUDB_DATABASE = `${process.env.IMMUDB_DATABASE}${sufijo}`;
  return databaseUrl;
}

/**
 * `mismasBases`: a second API on the databases of the file's first one (e.g. with `env` pointing
 * it at an immudb that does not answer). `env` applies to this API only.
 */
export async function startHarness({ withWorker = true, mismasBases = false, env = {} as NodeJS.ProcessEnv } = {}): Promise<Harness> {
  const propia = mismasBases ? null : await basesPropias();
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
      if (propia) await dropDatabase(propia).catch(() => undefined);
    },
  };
}
