import { ArgumentMetadata, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { CAMPO_MAX_CARACTERES, MAX_ERRORES_LISTADOS, recortar } from '@prep/domain';
import { ApiError } from './api-error';

function flatten(errors: ValidationError[], parent = ''): { campo: string; mensajes: string[] }[] {
  return errors.flatMap((e) => {
    const campo = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ campo, mensajes: [...new Set(Object.values(e.constraints))] }] : [];
    return [...own, ...flatten(e.children ?? [], campo)];
  });
}

/** Path of the first string in a request value that holds U+0000, or null. Walks only JSON-like values (never a Buffer). */
export function campoConNulo(valor: unknown, ruta = ''): string | null {
  if (typeof valor === 'string') return valor.includes('\u0000') ? ruta || 'valor' : null;
  if (Array.isArray(valor)) {
    for (const [i, v] of valor.entries()) {
      const r = campoConNulo(v, `${ruta}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (valor && typeof valor === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(valor))) {
    for (const [k, v] of Object.entries(valor)) {
      const r = campoConNulo(v, ruta ? `${ruta}.${k}` : k);
      if (r) return r;
    }
  }
  return null;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000: such a string would reach the database and fail
 * there as a 500. Refused up front, for every body, query and path parameter, with the field named.
 */
class ValidacionPrep extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const campo = campoConNulo(value, metadata.data ?? '');
      if (campo) {
        const nombre = recortar(campo, CAMPO_MAX_CARACTERES);
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'CARACTER_NULO',
          `${nombre} contiene el carácter nulo (U+0000), que no se admite: quítelo y envíe de nuevo.`,
          [{ campo: nombre, mensajes: ['contiene el carácter nulo (U+0000)'] }],
        );
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * DTO validation: unknown fields are refused, and every problem names its field. The answer is
 * bounded: property names are the client's (cut), and only the first MAX_ERRORES_LISTADOS problems
 * are listed, so a body with thousands of stray properties gets a short refusal.
 */
export const validationPipe = new ValidacionPrep({
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
