import { HttpStatus, PipeTransform } from '@nestjs/common';
import { isClaveActa } from '@prep/domain';
import { ApiError } from './api-error';

/** Route parameter `:clave` must be a well-formed CLAVE_ACTA (400 otherwise, before any lookup). */
export class ClaveActaPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isClaveActa(value)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'CLAVE_INVALIDA',
        `'${String(value).slice(0, 20)}' no es una CLAVE_ACTA válida (11 caracteres de casilla + tipo de acta de 1–2 dígitos).`,
      );
    }
    return value;
  }
}
