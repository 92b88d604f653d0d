import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { actaPuestaEnCerosHtml } from './acta-html';
import { PuestaEnCerosDto } from './puesta-en-ceros.dto';
import { PuestaEnCerosService } from './puesta-en-ceros.service';

@ApiTags('puesta en ceros')
@ApiBearerAuth()
@Controller('puesta-en-ceros')
export class PuestaEnCerosController {
  constructor(private readonly puestaEnCeros: PuestaEnCerosService) {}

  @Post()
  @Roles('administrador')
  @ApiOperation({
    summary:
      'Puesta en ceros (una sola vez, antes de la primera acta): comprueba que el sistema está vacío, congela el catálogo y registra en la bitácora el estado firmado de immudb y las huellas de la compilación',
  })
  @ApiCreatedResponse({ description: 'El registro PUESTA_EN_CEROS, con su clave y transacción en la bitácora' })
  @ApiConflictResponse({ description: 'SISTEMA_NO_VACIO, PUESTA_EN_CEROS_YA_REALIZADA, SIN_CATALOGO o BITACORA_SIN_FIRMA_VALIDA' })
  @ApiUnprocessableEntityResponse({ description: 'TESTIGO_AUDITOR_NO_VALIDO' })
  @ApiServiceUnavailableResponse({ description: 'BITACORA_NO_DISPONIBLE: no se hizo nada' })
  realizar(@Body() dto: PuestaEnCerosDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.puestaEnCeros.realizar(usuario.nombreUsuario, dto.testigoAuditor, dto.notario ?? null);
  }

  @Get()
  @Roles('administrador', 'auditor', 'cotaprep')
  @ApiOperation({ summary: 'El registro de la puesta en ceros' })
  @ApiOkResponse({ description: 'registro, bitacoraClave, bitacoraTx' })
  @ApiNotFoundResponse({ description: 'PUESTA_EN_CEROS_PENDIENTE' })
  obtener() {
    return this.puestaEnCeros.obtener();
  }

  @Get('acta.html')
  @Roles('administrador', 'auditor', 'cotaprep')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'Acta de puesta en ceros para imprimir y firmar (notario, ente auditor, administrador)' })
  @ApiNotFoundResponse({ description: 'PUESTA_EN_CEROS_PENDIENTE' })
  async acta() {
    return actaPuestaEnCerosHtml(await this.puestaEnCeros.obtener());
  }
}
