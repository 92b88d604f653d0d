import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@prep/config';
import { createPrepWorker } from './worker';

async function main(): Promise<void> {
  const logger = new Logger('worker');
  const cfg = loadConfig();
  const prep = await createPrepWorker(cfg);
  logger.log(`conectado a Temporal en ${cfg.TEMPORAL_ADDRESS} (namespace ${cfg.TEMPORAL_NAMESPACE}); atendiendo la cola '${prep.taskQueue}'`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} recibido: terminando las tareas en curso…`);
      void prep.shutdown();
    });
  }
  await prep.run();
  logger.log('worker detenido');
}

main().catch((err) => {
  console.error(`[worker] error fatal: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
