import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MOTIVO_MAX_CARACTERES } from '@prep/domain';
import { EsValoresDeActa } from '../../common/valores-captura.validator';

export class VerificacionDto {
  @ApiProperty({ enum: ['CONFIRMAR', 'CORREGIR', 'DEVOLVER'] })
  @IsIn(['CONFIRMAR', 'CORREGIR', 'DEVOLVER'], { message: 'decision debe ser CONFIRMAR, CORREGIR o DEVOLVER' })
  decision!: 'CONFIRMAR' | 'CORREGIR' | 'DEVOLVER';

  @ApiPropertyOptional({ description: 'CORREGIR: { CAMPO: valor } de los campos que decide' })
  @IsOptional()
  @EsValoresDeActa()
  valores?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Obligatorio al devolver, al corregir una confirmación y en actas escaladas' })
  @IsOptional()
  @IsString({ message: 'motivo debe ser texto' })
  @MaxLength(MOTIVO_MAX_CARACTERES, { message: `motivo admite hasta ${MOTIVO_MAX_CARACTERES} caracteres` })
  motivo?: string;
}
