import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

function flatten(errors: ValidationError[], parent = ''): { campo: string; mensajes: string[] }[] {
  return errors.flatMap((e) => {
    const campo = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ campo, mensajes: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], campo)];
  });
}

/** DTO validation: unknown fields are refused, and every problem names its field. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const errores = flatten(errors).map((e) => ({
      campo: e.campo,
      mensajes: e.mensajes.map((m) => (/should not exist/.test(m) ? `el campo '${e.campo}' no está permitido` : m)),
    }));
    const resumen = errores.map((e) => `${e.campo}: ${e.mensajes.join('; ')}`).join(' | ');
    return new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', `Datos no válidos — ${resumen}`, errores);
  },
});
