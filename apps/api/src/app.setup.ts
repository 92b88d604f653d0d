import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Application } from 'express';
import type { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from './config/config.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { Logger as RegistroNest } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { opcionesRegistroHttp } from './common/registro/registro';
import { REGISTRO } from './common/registro/registro.module';
import { aplicarCabecerasSeguridad, aplicarCors, aplicarLimiteJson } from './common/seguridad-http';
import { validationPipe } from './common/validation';
import { documentarIdempotencia } from './idempotencia/openapi';

/** Everything main.ts and the e2e tests share, so tests exercise the real HTTP surface. */
export function configureApp(app: INestApplication): INestApplication {
  const { PREP_TRUST_PROXY, PREP_CORS_ORIGENES } = app.get<PrepConfig>(PREP_CONFIG);
  // Order matters: these run before Nest's own middleware and body parsers, so even a request refused
  // there (413, malformed JSON) has its id, its log line and the security headers.
  app.use(pinoHttp(opcionesRegistroHttp(app.get<Logger>(REGISTRO))));
  app.useLogger(app.get(RegistroNest));
  aplicarCabecerasSeguridad(app);
  aplicarCors(app, PREP_CORS_ORIGENES);
  aplicarLimiteJson(app);
  // Login limits key on req.ip. Behind a reverse proxy every request would come from the proxy
  // (one shared limit) unless Express is told which proxies' X-Forwarded-For to believe; trusting
  // it from anyone else would let a client pick a fresh address per request.
  if (PREP_TRUST_PROXY) {
    (app.getHttpAdapter().getInstance() as Application).set('trust proxy', /^\d+$/.test(PREP_TRUST_PROXY) ? Number(PREP_TRUST_PROXY) : PREP_TRUST_PROXY);
  }
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('PREP — API de operación')
    .setDescription('Acopio, digitalización, captura, verificación y auditoría de actas del PREP')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => documentarIdempotencia(SwaggerModule.createDocument(app, doc)), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
