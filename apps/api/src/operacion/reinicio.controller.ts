import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { ClaveActaPipe } from '../common/clave-acta.pipe';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { ResultadoReinicioDto } from './dto/respuestas.dto';
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
@RespuestasDeSesion()
@Controller('operacion/actas')
export class ReinicioController {
  constructor(private readonly reinicio: ReinicioService) {}

  @Post(':clave/reinicio')
  @HttpCode(200)
  @Roles('operador')
  @ApiOkResponse({ type: ResultadoReinicioDto })
  @RespuestasDeError([400, 'CLAVE_INVALIDA o ENTRADA_INVALIDA'], [404, 'ACTA_NO_ACOPIADA: el acta no tiene flujo'], [409, 'SIN_PUNTO_DE_REINICIO'], 413)
  @ApiOperation({ summary: 'Reinicia el flujo atorado de un acta desde su última tarea completada, con registro en la bitácora' })
  reiniciar(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: ReinicioDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.reinicio.reiniciar(clave, usuario.nombreUsuario, dto.motivo);
  }
}
