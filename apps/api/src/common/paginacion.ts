import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Bounds of every paged listing: deep pages cost the database an OFFSET scan of all earlier rows. */
export const PAGINA_MAX = 100_000;
export const POR_PAGINA_MAX = 500;

/**
 * An optional query parameter that must be a whole number written in plain digits, within
 * [min, max]. Anything else ('1e300', '1.5', '-1', 'abc', '0x10', a repeated parameter) is a 400
 * with a Spanish message: a bare Number() would accept 1e300 and 0x10 as integers.
 */
export function EnteroDeConsulta(nombre: string, min: number, max: number, porOmision: number): PropertyDecorator {
  const mensaje = `${nombre} debe ser un número entero de ${min} a ${max}, escrito solo con dígitos`;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, default: porOmision }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value)),
    IsInt({ message: mensaje }),
    Min(min, { message: mensaje }),
    Max(max, { message: mensaje }),
  );
}
