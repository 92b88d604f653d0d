import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotenciaArchivosInterceptor, IdempotenciaInterceptor } from './idempotencia.interceptor';
import { IdempotenciaService } from './idempotencia.service';

/** The Idempotency-Key of staff POSTs: the store, the global interceptor and the one multipart routes add. */
@Global()
@Module({
  providers: [IdempotenciaService, IdempotenciaArchivosInterceptor, { provide: APP_INTERCEPTOR, useClass: IdempotenciaInterceptor }],
  exports: [IdempotenciaService, IdempotenciaArchivosInterceptor],
})
export class IdempotenciaModule {}
