import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { BitacoraPersonal } from '@prep/audit';
import { compilacionDeProceso, datosInicioProceso, registrarInicioProceso } from '@prep/compilacion';
import { loadConfig } from '@prep/config';
import { createPrepWorker } from './worker';

async function main(): Promise<void> {
  const logger = new Logger('worker');
  const cfg = loadConfig();
  const prep = await createPrepWorker(cfg);
  logger.log(`conectado a Temporal en ${cfg.TEMPORAL_ADDRESS} (namespace ${cfg.TEMPORAL_NAMESPACE}); atendiendo la cola '${prep.taskQueue}'`);
  // The build this process runs, for the ente auditor (README, "Puesta en ceros and change control").
  const compilacion = compilacionDeProceso('worker', { bundleWorkflows: prep.huellaBundleWorkflows, commitDeEntorno: cfg.PREP_GIT_COMMIT });
  const inicio = registrarInicioProceso(new BitacoraPersonal(prep.bitacora), datosInicioProceso('worker', compilacion), { alAvisar: (m) => logger.warn(m) });
  void inicio.escrito.then(
    (ok) =>
      ok && logger.log(`PROCESO_INICIADO en la bitácora (código ${compilacion.codigo.slice(0, 12)}…, bundle ${compilacion.bundleWorkflows!.slice(0, 12)}…)`),
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} recibido: terminando las tareas en curso…`);
      inicio.detener();
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
