import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { validationPipe } from './common/validation';

/** Everything main.ts and the e2e tests share, so tests exercise the real HTTP surface. */
export function configureApp(app: INestApplication): INestApplication {
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('PREP — API de operación')
    .setDescription('Acopio, digitalización, captura, verificación y auditoría de actas del PREP')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
