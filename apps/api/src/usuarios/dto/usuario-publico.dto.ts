import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Rol } from '@prep/persistence';
import type { UsuarioPublico } from '../usuarios.service';

/** OpenAPI description of UsuarioPublico (the service returns plain objects of this shape). */
export class UsuarioPublicoDto implements UsuarioPublico {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'capturista.m001.01' }) nombreUsuario!: string;
  @ApiProperty({ example: 'María López Hernández' }) nombreCompleto!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Rol[];
  @ApiProperty({ type: String, nullable: true, example: 'M001' }) catd!: string | null;
  @ApiProperty() activo!: boolean;
  @ApiProperty({ format: 'date-time' }) creadoEn!: string;
}
