import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { EnteroDeConsulta, PAGINA_MAX, POR_PAGINA_MAX } from '../../common/paginacion';

export const FASES = ['PRE_ACOPIO', 'ACOPIADA', 'EN_CAPTURA', 'EN_VERIFICACION', 'ESCALADA', 'PUBLICADA', 'SIN_ACTA'] as const;

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

  @EnteroDeConsulta('pagina', 1, PAGINA_MAX, 1)
  pagina: number = 1;

  @EnteroDeConsulta('porPagina', 1, POR_PAGINA_MAX, 50)
  porPagina: number = 50;
}
