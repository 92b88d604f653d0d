import { isClaveActa } from '@prep/domain';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { CierreService, MOTIVO_POR_OMISION } from './cierre.service';
import { FaseEnProcesoDto, ResultadoCierreDto } from './dto/respuestas.dto';

export class CierreDto {
  @ApiPropertyOptional({ default: MOTIVO_POR_OMISION })
  @IsOptional()
  @IsString({ message: 'motivoPorOmision debe ser texto' })
  @MaxLength(80, { message: 'motivoPorOmision admite hasta 80 caracteres' })
  @Matches(/^[\p{L}\p{N} .,()-]+$/u, { message: 'motivoPorOmision solo admite letras, números y puntuación simple' })
  motivoPorOmision?: string;

  @ApiPropertyOptional({ description: 'Motivo por acta: { CLAVE_ACTA: motivo }', example: { '141234B01005': 'CASILLA NO INSTALADA' } })
  @IsOptional()
  @IsObject({ message: 'motivos debe ser un objeto { CLAVE_ACTA: motivo }' })
  motivos?: Record<string, string>;
}

@ApiTags('operación')
@ApiBearerAuth()
@RespuestasDeSesion()
@ApiExtraModels(FaseEnProcesoDto)
@Controller('operacion')
export class CierreController {
  constructor(private readonly cierre: CierreService) {}

  @Post('cierre')
  @HttpCode(200)
  @Roles('administrador')
  @ApiOkResponse({ type: ResultadoCierreDto })
  @RespuestasDeError([400, 'ENTRADA_INVALIDA: cada problema nombra su campo'], [409, 'La operación no se puede cerrar en su estado actual'], 413)
  @ApiOperation({ summary: 'Cierre de la operación: publica como SIN ACTA toda acta esperada que nunca llegó' })
  cerrar(@Body() dto: CierreDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    const motivos = Object.fromEntries(Object.entries(dto.motivos ?? {}).filter(([k, v]) => isClaveActa(k) && typeof v === 'string' && v.length <= 80));
    return this.cierre.cerrar(usuario.nombreUsuario, motivos, dto.motivoPorOmision);
  }
}
