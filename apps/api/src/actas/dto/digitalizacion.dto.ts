import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class DigitalizacionDto {
  @ApiProperty({ enum: ['CATD', 'CASILLA'] })
  @IsIn(['CATD', 'CASILLA'], { message: 'origen debe ser CATD o CASILLA' })
  origen!: 'CATD' | 'CASILLA';

  @ApiProperty({ enum: ['ESCANER', 'MOVIL'] })
  @IsIn(['ESCANER', 'MOVIL'], { message: 'medio debe ser ESCANER o MOVIL' })
  medio!: 'ESCANER' | 'MOVIL';

  @ApiPropertyOptional({ example: 'ACTA PREP' })
  @IsOptional()
  @IsString({ message: 'tipoDocumento debe ser texto' })
  @MaxLength(60, { message: 'tipoDocumento admite hasta 60 caracteres' })
  tipoDocumento?: string;

  @ApiPropertyOptional({ description: 'false si la imagen no muestra el acta completa', default: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'completa debe ser true o false' })
  completa?: boolean;
}
