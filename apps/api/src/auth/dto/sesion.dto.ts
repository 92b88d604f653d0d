import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ROLES, Rol } from '@prep/persistence';
import { UsuarioPublicoDto } from '../../usuarios/dto/usuario-publico.dto';
import type { UsuarioAutenticado } from '../auth.types';

export class UsuarioSesionDto extends OmitType(UsuarioPublicoDto, ['activo', 'creadoEn'] as const) {}

export class SesionDto {
  @ApiProperty({ description: 'JWT HS256; envíelo como `Authorization: Bearer <token>`' })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'Instante en que el token deja de ser válido' })
  expiraEn!: string;

  @ApiProperty({ type: UsuarioSesionDto })
  usuario!: UsuarioSesionDto;
}

export class UsuarioAutenticadoDto implements UsuarioAutenticado {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nombreUsuario!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Rol[];
  @ApiProperty({ type: String, nullable: true }) catd!: string | null;
}
