import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { compilacionDeProceso, datosInicioProceso, registrarInicioProceso } from '@prep/compilacion';
import { loadConfig } from '@prep/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { BitacoraPersonalService } from './bitacora/bitacora-personal.service';
import type { Logger } from 'pino';
import { REGISTRO } from './common/registro/registro.module';

async function bootstrap(): Promise<void> {
  const cfg = loadConfig();
  const app = configureApp(await NestFactory.create(AppModule, { bufferLogs: true }));
  await app.listen(cfg.PORT, cfg.HOST);
  const url = await app.getUrl();
  // The start-up lines print whatever LOG_LEVEL says: `npm start`, the simulacro and tests wait for them.
  const raiz = app.get<Logger>(REGISTRO);
  const logger = raiz.child({ context: 'api' }, { level: raiz.levelVal > raiz.levels.values.info ? 'info' : raiz.level });
  logger.info(`API en ${url}  ·  OpenAPI en ${url}/docs  ·  salud en ${url}/health`);
  // The build this process runs, for the ente auditor (README, "Puesta en ceros and change control").
  const compilacion = compilacionDeProceso('api', { commitDeEntorno: cfg.PREP_GIT_COMMIT });
  const inicio = registrarInicioProceso(app.get(BitacoraPersonalService), datosInicioProceso('api', compilacion), { alAvisar: (m) => logger.warn(m) });
  void inicio.escrito.then((ok) => ok && logger.info(`PROCESO_INICIADO en la bitácora (código ${compilacion.codigo.slice(0, 12)}…)`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => inicio.detener());
}

bootstrap().catch((err) => {
  console.error(`[api] error fatal: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
