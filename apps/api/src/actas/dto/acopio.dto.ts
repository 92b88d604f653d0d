import { MOTIVO_MAX, RE_CLAVE_ACTA } from '@prep/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class AcopioDto {
  @ApiProperty({ example: '141234B01005', description: 'CLAVE_ACTA: CLAVE_CASILLA (11) + tipo de acta (1–2 dígitos)' })
  @IsString({ message: 'claveActa debe ser texto' })
  @Matches(RE_CLAVE_ACTA, {
    message:
      'claveActa debe tener entidad(2) + sección(4) + tipo de casilla(B/C/E/S) + id casilla(2) + ext. contigua(2) + tipo de acta(1–2 dígitos), p. ej. 141234B01005',
  })
  claveActa!: string;

  @ApiProperty({ example: 'F', description: 'MECANISMOS_TRASLADO del paquete (clave del catálogo de mecanismos)' })
  @IsString({ message: 'mecanismoTraslado debe ser texto' })
  @Matches(/^[A-Z0-9_]{1,20}$/, { message: 'mecanismoTraslado debe ser una clave en mayúsculas, p. ej. F, I o D' })
  mecanismoTraslado!: string;

  @ApiPropertyOptional({
    description:
      'Fecha y hora sellada en el acta (ISO 8601 con zona); por omisión, la del servidor. No puede adelantarse a la hora del servidor más que la tolerancia de la política (5 min) ni ser anterior al inicio de la jornada (si la política lo fija).',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'fechaHora debe ser ISO 8601 con zona horaria, p. ej. 2024-06-02T20:15:00-06:00' })
  fechaHora?: string;

  @ApiPropertyOptional({
    description: 'Solo si el catálogo asigna el acta a otro CATD y la política lo permite: por qué se recibe en este CATD (queda en la bitácora)',
  })
  @IsOptional()
  @IsString({ message: 'motivo debe ser texto' })
  @MaxLength(MOTIVO_MAX, { message: `motivo admite hasta ${MOTIVO_MAX} caracteres` })
  motivo?: string;
}
