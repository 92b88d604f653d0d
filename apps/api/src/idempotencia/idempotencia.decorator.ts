import { applyDecorators, NestInterceptor, SetMetadata, Type, UseInterceptors } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { IdempotenciaArchivosInterceptor } from './idempotencia.interceptor';
import { EXTENSION_SIN_IDEMPOTENCIA, IDEMPOTENCIA_TRAS_ARCHIVOS, SIN_IDEMPOTENCIA } from './idempotencia.metadatos';

/**
 * A POST that takes no Idempotency-Key; say why. Every other POST requires one (the global
 * IdempotenciaInterceptor), so a new route cannot forget it.
 */
export const SinIdempotencia = (motivo: string) => applyDecorators(SetMetadata(SIN_IDEMPOTENCIA, motivo), ApiExtension(EXTENSION_SIN_IDEMPOTENCIA, motivo));

/**
 * For multipart routes, instead of @UseInterceptors: runs the given file interceptors, then the
 * idempotency check, so a retry is compared by the files' bytes (not only by its form fields).
 * The global interceptor still refuses a missing key before any byte of the upload is read.
 */
export const RecibeArchivos = (...interceptores: (Type<NestInterceptor> | NestInterceptor)[]) =>
  applyDecorators(SetMetadata(IDEMPOTENCIA_TRAS_ARCHIVOS, true), UseInterceptors(...interceptores, IdempotenciaArchivosInterceptor));
