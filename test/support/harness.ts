import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, PrepConfig } from '@prep/config';
import { AppModule, configureApp } from '@prep/api';
import { createPrepWorker, type PrepWorker } from '@prep/worker';

/** The real API (in-process, over HTTP via supertest) and a real worker on this run's task queue. */
export interface Harness {
  cfg: PrepConfig;
  app: INestApplication;
  worker?: PrepWorker;
  close(): Promise<void>;
}

export async function startHarness({ withWorker = true } = {}): Promise<Harness> {
  const cfg = loadConfig();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error'] }));
  await app.init();
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
