import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@prep/config';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';

async function bootstrap(): Promise<void> {
  const cfg = loadConfig();
  const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn', 'log'] }));
  await app.listen(cfg.PORT, cfg.HOST);
  const url = await app.getUrl();
  const logger = new Logger('api');
  logger.log(`API en ${url}  ·  OpenAPI en ${url}/docs  ·  salud en ${url}/health`);
}

bootstrap().catch((err) => {
  console.error(`[api] error fatal: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
