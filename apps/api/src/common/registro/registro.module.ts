import { Global, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../../config/config.module';
import { crearRegistro } from './registro';

/** The process's pino logger; configureApp mounts its HTTP middleware, so nothing else creates one. */
export const REGISTRO = Symbol('REGISTRO');

@Global()
@Module({
  providers: [{ provide: REGISTRO, inject: [PREP_CONFIG], useFactory: (cfg: PrepConfig): Logger => crearRegistro(cfg) }],
  exports: [REGISTRO],
})
class RegistroBaseModule {}

/**
 * Structured logs (pino through nestjs-pino). The request middleware is mounted by configureApp
 * ahead of the body parsers, so a request refused there (413, malformed JSON) still gets its id
 * and its line; nestjs-pino only binds that request's logger (`useExisting`) so any log written
 * while serving it, the exception filter's included, carries the same reqId.
 */
@Module({
  imports: [
    RegistroBaseModule,
    LoggerModule.forRootAsync({
      imports: [RegistroBaseModule],
      inject: [REGISTRO],
      useFactory: (logger: Logger) => ({ pinoHttp: { logger }, useExisting: true, forRoutes: [{ path: '{*ruta}', method: RequestMethod.ALL }] }),
    }),
  ],
  exports: [RegistroBaseModule, LoggerModule],
})
export class RegistroModule {}
