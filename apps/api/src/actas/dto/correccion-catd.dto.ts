import { MOTIVO_MAX } from '@prep/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { CATD_RE } from '@prep/cuentas';

export class CorreccionCatdDto {
  @ApiProperty({ example: 'M010', description: 'CATD al que se mueve el acta (el que le asigna el catálogo)' })
  @IsString({ message: 'catd debe ser texto' })
  @Matches(CATD_RE, { message: 'catd debe tener de 1 a 16 caracteres: letras, dígitos, guion o guion bajo' })
  catd!: string;

  @ApiProperty({ example: 'La clave se tecleó mal en el CATD M009', description: 'Por qué se corrige (queda en la bitácora)' })
  @IsString({ message: 'motivo debe ser texto' })
  @Matches(/\S/, { message: 'motivo no puede estar vacío' })
  @MaxLength(MOTIVO_MAX, { message: `motivo admite hasta ${MOTIVO_MAX} caracteres` })
  motivo!: string;
}
