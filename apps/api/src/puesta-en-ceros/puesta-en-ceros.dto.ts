import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class PuestaEnCerosDto {
  @ApiProperty({ description: 'nombreUsuario de la cuenta activa, con rol auditor, de quien atestigua por el ente auditor', example: 'auditor.unam' })
  @IsString({ message: 'testigoAuditor debe ser texto' })
  @Length(1, 64, { message: 'testigoAuditor debe tener de 1 a 64 caracteres' })
  testigoAuditor!: string;

  @ApiPropertyOptional({ description: 'Nombre del notario público que da fe', example: 'Lic. María Pérez, Notaría 12' })
  @IsOptional()
  @IsString({ message: 'notario debe ser texto' })
  @MaxLength(200, { message: 'notario admite hasta 200 caracteres' })
  @Matches(/^[\p{L}\p{N} .,'()°ºª#/-]+$/u, { message: 'notario solo admite letras, números y puntuación simple' })
  notario?: string;
}
