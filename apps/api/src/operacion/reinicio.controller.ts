import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { isClaveActa } from '@prep/domain';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { ApiError } from '../common/api-error';
import { ReinicioService } from './reinicio.service';

export class ReinicioDto {
  @ApiProperty({ example: 'worker caído durante la captura; se reintenta desde la última tarea' })
  @IsString({ message: 'motivo debe ser texto' })
  @MinLength(10, { message: 'motivo debe explicar el reinicio (al menos 10 caracteres)' })
  @MaxLength(300, { message: 'motivo admite hasta 300 caracteres' })
  motivo!: string;
}

@ApiTags('operación')
@ApiBearerAuth()
@Controller('operacion/actas')
export class ReinicioController {
  constructor(private readonly reinicio: ReinicioService) {}

  @Post(':clave/reinicio')
  @HttpCode(200)
  @Roles('operador')
  @ApiOperation({ summary: 'Reinicia el flujo atorado de un acta desde su última tarea completada, con registro en la bitácora' })
  reiniciar(@Param('clave') clave: string, @Body() dto: ReinicioDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    if (!isClaveActa(clave)) throw new ApiError(HttpStatus.BAD_REQUEST, 'CLAVE_INVALIDA', `'${String(clave).slice(0, 20)}' no es una CLAVE_ACTA válida.`);
    return this.reinicio.reiniciar(clave, usuario.nombreUsuario, dto.motivo);
  }
}
