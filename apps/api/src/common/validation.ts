import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { CAMPO_MAX_CARACTERES, MAX_ERRORES_LISTADOS, recortar } from '@prep/domain';
import { ApiError } from './api-error';

function flatten(errors: ValidationError[], parent = ''): { campo: string; mensajes: string[] }[] {
  return errors.flatMap((e) => {
    const campo = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ campo, mensajes: [...new Set(Object.values(e.constraints))] }] : [];
    return [...own, ...flatten(e.children ?? [], campo)];
  });
}

/**
 * DTO validation: unknown fields are refused, and every problem names its field. The answer is
 * bounded: property names are the client's (cut), and only the first MAX_ERRORES_LISTADOS problems
 * are listed, so a body with thousands of stray properties gets a short refusal.
 */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const todos = flatten(errors);
    const errores = todos.slice(0, MAX_ERRORES_LISTADOS).map((e) => {
      const campo = recortar(e.campo, CAMPO_MAX_CARACTERES);
      return { campo, mensajes: e.mensajes.map((m) => (/should not exist/.test(m) ? `el campo '${campo}' no está permitido` : m)) };
    });
    const resto = todos.length - errores.length;
    const resumen = errores.map((e) => `${e.campo}: ${e.mensajes.join('; ')}`).join(' | ') + (resto > 0 ? ` | y ${resto} problema(s) más` : '');
    return new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', `Datos no válidos — ${resumen}`, errores, todos.length);
  },
});
