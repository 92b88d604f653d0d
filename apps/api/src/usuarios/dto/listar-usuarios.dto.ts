import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CATD_RE } from '@prep/cuentas';

export class ListarUsuariosQuery {
  @ApiPropertyOptional({ example: 'M001', description: 'Solo usuarios de este CATD (un coordinador solo puede pedir el suyo)' })
  @IsOptional()
  @IsString({ message: 'catd debe ser texto' })
  @Matches(CATD_RE, { message: 'catd debe tener de 1 a 16 caracteres: letras, dígitos, guion o guion bajo' })
  catd?: string;
}
