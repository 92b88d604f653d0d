import { HttpStatus, PipeTransform } from '@nestjs/common';
import { isClaveActa } from '@prep/domain';
import { ApiError } from './api-error';

/** A `:clave` route parameter (or an optional query parameter) must be a well-formed CLAVE_ACTA (400 otherwise, before any lookup). */
export class ClaveActaPipe implements PipeTransform<string | undefined, string | undefined> {
  constructor(private readonly opciones: { opcional?: boolean } = {}) {}

  transform(value: string | undefined): string {
    if (value === undefined && this.opciones.opcional) return value as unknown as string;
    if (!isClaveActa(value as string)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'CLAVE_INVALIDA',
        `'${String(value).slice(0, 20)}' no es una CLAVE_ACTA válida (11 caracteres de casilla + tipo de acta de 1–2 dígitos).`,
      );
    }
    return value as string;
  }
}
