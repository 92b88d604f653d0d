import { HttpStatus } from '@nestjs/common';
import { INTERVALOS_MINUTOS } from '@prep/reportes';
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

/** `?intervalo=` of the Tiempos report, in minutes: 60 when absent; one of INTERVALOS_MINUTOS, else a 400. */
export function intervaloDe(valor: unknown): number {
  if (valor === undefined || valor === '') return 60;
  const n = typeof valor === 'string' && /^\d{1,4}$/.test(valor) ? Number(valor) : NaN;
  if ((INTERVALOS_MINUTOS as readonly number[]).includes(n)) return n;
  throw new ApiError(
    HttpStatus.BAD_REQUEST,
    'INTERVALO_INVALIDO',
    `El intervalo ${JSON.stringify(valor)} no se admite: use intervalo=${INTERVALOS_MINUTOS.join(', ')} (minutos).`,
  );
}
