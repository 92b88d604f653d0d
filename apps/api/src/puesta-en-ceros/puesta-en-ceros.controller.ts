import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { PuestaEnCerosRegistradaDto } from './respuestas.dto';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { actaPuestaEnCerosHtml } from './acta-html';
import { PuestaEnCerosDto } from './puesta-en-ceros.dto';
import { PuestaEnCerosService } from './puesta-en-ceros.service';

@ApiTags('puesta en ceros')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('puesta-en-ceros')
export class PuestaEnCerosController {
  constructor(private readonly puestaEnCeros: PuestaEnCerosService) {}

  @Post()
  @Roles('administrador')
  @ApiOperation({
    summary:
      'Puesta en ceros (una sola vez, antes de la primera acta): comprueba que el sistema está vacío, congela el catálogo y registra en la bitácora el estado firmado de immudb y las huellas de la compilación',
  })
  @ApiCreatedResponse({ type: PuestaEnCerosRegistradaDto, description: 'El registro PUESTA_EN_CEROS, con su clave y transacción en la bitácora' })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA: cada problema nombra su campo'],
    [409, 'SISTEMA_NO_VACIO, PUESTA_EN_CEROS_YA_REALIZADA, SIN_CATALOGO o BITACORA_SIN_FIRMA_VALIDA'],
    413,
    [422, 'TESTIGO_AUDITOR_NO_VALIDO'],
    [503, 'BITACORA_NO_DISPONIBLE: no se hizo nada'],
  )
  realizar(@Body() dto: PuestaEnCerosDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.puestaEnCeros.realizar(usuario.nombreUsuario, dto.testigoAuditor, dto.notario ?? null);
  }

  @Get()
  @Roles('administrador', 'auditor', 'cotaprep')
  @ApiOperation({ summary: 'El registro de la puesta en ceros' })
  @ApiOkResponse({ type: PuestaEnCerosRegistradaDto })
  @RespuestasDeError([404, 'PUESTA_EN_CEROS_PENDIENTE'])
  obtener() {
    return this.puestaEnCeros.obtener();
  }

  @Get('acta.html')
  @Roles('administrador', 'auditor', 'cotaprep')
  @ApiOperation({ summary: 'Acta de puesta en ceros para imprimir y firmar (notario, ente auditor, administrador)' })
  @ApiOkResponse({ description: 'El acta en HTML', content: { 'text/html': { schema: { type: 'string' } } } })
  @RespuestasDeError([404, 'PUESTA_EN_CEROS_PENDIENTE'])
  async acta(@Res({ passthrough: true }) res: Response) {
    const registro = await this.puestaEnCeros.obtener();
    // Set only once there is a page: @Header() would also label the 404's JSON body as HTML.
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    return actaPuestaEnCerosHtml(registro);
  }
}
