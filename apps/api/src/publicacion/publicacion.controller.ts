import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { CortePedidoDto, PublicacionAbiertaDto, PublicacionCerradaDto } from './dto/respuestas.dto';
import { PublicacionService } from './publicacion.service';

@ApiTags('publicación')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('publicacion')
export class PublicacionController {
  constructor(private readonly publicacion: PublicacionService) {}

  @Post('apertura')
  @HttpCode(201)
  @Roles('administrador')
  @ApiCreatedResponse({ type: PublicacionAbiertaDto })
  @RespuestasDeError([409, 'PUBLICACION_YA_ABIERTA o SIN_PUESTA_EN_CEROS'])
  @ApiOperation({ summary: 'Abre la publicación: un corte cada PREP_CORTE_INTERVALO_MINUTOS (Temporal Schedule)' })
  abrir(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.abrir(usuario.nombreUsuario);
  }

  @Post('cierre')
  @HttpCode(200)
  @Roles('administrador')
  @ApiOkResponse({ type: PublicacionCerradaDto })
  @RespuestasDeError([409, 'PUBLICACION_NO_ABIERTA o CORTE_FINAL_NO_PUBLICADO'])
  @ApiOperation({ summary: 'Cierra la publicación: publica el corte final y elimina el Schedule' })
  cerrar(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.cerrar(usuario.nombreUsuario);
  }

  @Post('cortes')
  @HttpCode(202)
  @Roles('coordinador', 'administrador')
  @ApiAcceptedResponse({ type: CortePedidoDto })
  @RespuestasDeError([409, 'PUBLICACION_NO_ABIERTA'])
  @ApiOperation({ summary: 'Pide un corte ahora (se forma detrás del que esté en curso)' })
  corte(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.corteAhora(usuario.nombreUsuario);
  }
}
