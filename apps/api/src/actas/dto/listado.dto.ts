import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const FASES = ['ACOPIADA', 'EN_CAPTURA', 'EN_VERIFICACION', 'ESCALADA', 'PUBLICADA', 'SIN_ACTA'] as const;

export class ListadoActasQuery {
  @ApiPropertyOptional({ enum: FASES })
  @IsOptional()
  @IsIn(FASES, { message: `fase debe ser una de: ${FASES.join(', ')}` })
  fase?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,16}$/, { message: 'catd debe ser un identificador de CATD, p. ej. M001' })
  catd?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,2}$/, { message: 'tipoActa debe tener 1 o 2 dígitos' })
  tipoActa?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'atorada debe ser true o false' })
  atorada?: boolean;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pagina debe ser un entero' })
  @Min(1, { message: 'pagina empieza en 1' })
  pagina: number = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'porPagina debe ser un entero' })
  @Min(1, { message: 'porPagina debe ser al menos 1' })
  @Max(500, { message: 'porPagina admite hasta 500' })
  porPagina: number = 50;
}
