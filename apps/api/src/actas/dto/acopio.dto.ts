import { RE_CLAVE_ACTA } from '@prep/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export class AcopioDto {
  @ApiProperty({ example: '141234B01005', description: 'CLAVE_ACTA: CLAVE_CASILLA (11) + tipo de acta (1–2 dígitos)' })
  @IsString({ message: 'claveActa debe ser texto' })
  @Matches(RE_CLAVE_ACTA, { message: 'claveActa debe tener entidad(2) + sección(4) + tipo de casilla(B/C/E/S) + id casilla(2) + ext. contigua(2) + tipo de acta(1–2 dígitos), p. ej. 141234B01005' })
  claveActa!: string;

  @ApiProperty({ example: 'F', description: 'MECANISMOS_TRASLADO del paquete (clave del catálogo de mecanismos)' })
  @IsString({ message: 'mecanismoTraslado debe ser texto' })
  @Matches(/^[A-Z0-9_]{1,20}$/, { message: 'mecanismoTraslado debe ser una clave en mayúsculas, p. ej. F, I o D' })
  mecanismoTraslado!: string;

  @ApiPropertyOptional({ description: 'Fecha y hora sellada en el acta (ISO 8601 con zona); por omisión, la del servidor' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'fechaHora debe ser ISO 8601 con zona horaria, p. ej. 2024-06-02T20:15:00-06:00' })
  fechaHora?: string;
}
