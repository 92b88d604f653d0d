import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export const FORMATOS_REPORTE = ['json', 'csv', 'html'] as const;
export type FormatoReporte = (typeof FORMATOS_REPORTE)[number];

/** `?formato=` of a report: json when absent; anything else is a 400 naming the accepted values. */
export function formatoDe(valor: unknown): FormatoReporte {
  if (valor === undefined || valor === '') return 'json';
  if (typeof valor === 'string' && (FORMATOS_REPORTE as readonly string[]).includes(valor)) return valor as FormatoReporte;
  throw new ApiError(
    HttpStatus.BAD_REQUEST,
    'FORMATO_INVALIDO',
    `El formato ${JSON.stringify(valor)} no existe: use formato=json, formato=csv o formato=html.`,
  );
}
