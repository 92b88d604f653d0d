import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Rol } from '@prep/persistence';
import { CATD_RE, CONTRASENA_MIN, NOMBRE_COMPLETO_MAX, NOMBRE_USUARIO_RE } from '@prep/cuentas';

/**
 * Shape checks only; the rules that relate fields (catd required by some roles, password
 * bytes) live in usuario-reglas and are applied by libs/cuentas for the API and the CLI alike.
 */
export class CrearUsuarioDto {
  @ApiProperty({ example: 'capturista.m001.01', pattern: NOMBRE_USUARIO_RE.source })
  @IsString({ message: 'nombreUsuario debe ser texto' })
  @Matches(NOMBRE_USUARIO_RE, { message: 'nombreUsuario debe tener de 3 a 64 caracteres: minúsculas, dígitos, punto, guion o guion bajo' })
  nombreUsuario!: string;

  @ApiProperty({ example: 'María López Hernández', maxLength: NOMBRE_COMPLETO_MAX })
  @IsString({ message: 'nombreCompleto debe ser texto' })
  @MinLength(1, { message: 'nombreCompleto es obligatorio' })
  @MaxLength(NOMBRE_COMPLETO_MAX, { message: `nombreCompleto admite a lo más ${NOMBRE_COMPLETO_MAX} caracteres` })
  nombreCompleto!: string;

  @ApiProperty({ minLength: CONTRASENA_MIN, format: 'password', description: 'Se guarda solo su hash bcrypt' })
  @IsString({ message: 'contrasena debe ser texto' })
  @MinLength(CONTRASENA_MIN, { message: `contrasena debe tener al menos ${CONTRASENA_MIN} caracteres` })
  contrasena!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['capturista'] })
  @IsArray({ message: 'roles debe ser una lista' })
  @ArrayNotEmpty({ message: 'roles debe incluir al menos un rol' })
  @ArrayUnique({ message: 'roles no debe repetir roles' })
  @IsIn(ROLES, { each: true, message: `cada rol debe ser uno de: ${ROLES.join(', ')}` })
  roles!: Rol[];

  @ApiPropertyOptional({
    nullable: true,
    example: 'M001',
    description: 'Obligatorio para acopiador, digitalizador, capturista, verificador y coordinador',
  })
  @IsOptional()
  @IsString({ message: 'catd debe ser texto' })
  @Matches(CATD_RE, { message: 'catd debe tener de 1 a 16 caracteres: letras, dígitos, guion o guion bajo' })
  catd?: string | null;
}
