import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class VerificacionDto {
  @ApiProperty({ enum: ['CONFIRMAR', 'CORREGIR', 'DEVOLVER'] })
  @IsIn(['CONFIRMAR', 'CORREGIR', 'DEVOLVER'], { message: 'decision debe ser CONFIRMAR, CORREGIR o DEVOLVER' })
  decision!: 'CONFIRMAR' | 'CORREGIR' | 'DEVOLVER';

  @ApiPropertyOptional({ description: 'CORREGIR: { CAMPO: valor } de los campos que decide' })
  @IsOptional()
  @IsObject({ message: 'valores debe ser un objeto { CAMPO: valor }' })
  valores?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Obligatorio al devolver, al corregir una confirmación y en actas escaladas' })
  @IsOptional()
  @IsString({ message: 'motivo debe ser texto' })
  @MaxLength(500, { message: 'motivo admite hasta 500 caracteres' })
  motivo?: string;
}
