import { SinIdempotencia } from '../idempotencia/idempotencia.decorator';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { EstadoBitacoraDto, HistorialActaDto, InformeVerificacionDto } from './dto/respuestas.dto';
import { ApiError } from '../common/api-error';
import { ClaveActaPipe } from '../common/clave-acta.pipe';
import { AuditoriaService } from './auditoria.service';

@ApiTags('auditoría')
@ApiBearerAuth()
@RespuestasDeSesion()
@RespuestasDeError([409, 'La bitácora no pasó una prueba criptográfica (BITACORA_NO_VERIFICABLE)'])
@Roles('auditor')
@Controller('auditoria')
export class AuditoriaController {
  constructor(private readonly auditoria: AuditoriaService) {}

  @Get('estado')
  @ApiOperation({ summary: 'Estado firmado de la bitácora (tx, hash, firma, clave pública) y su consistencia con el último estado confiable' })
  @ApiOkResponse({ type: EstadoBitacoraDto })
  estado() {
    return this.auditoria.estado();
  }

  @Get('actas/:clave/historial')
  @ApiOperation({ summary: 'Historial verificado de un acta: cada entrada con su tx y el resultado de su prueba' })
  @ApiOkResponse({ type: HistorialActaDto })
  @RespuestasDeError([400, 'CLAVE_INVALIDA'], [404, 'SIN_ENTRADAS: la bitácora no tiene entradas del acta'])
  historial(@Param('clave', ClaveActaPipe) clave: string) {
    return this.auditoria.historial(clave);
  }

  @Post('verificaciones')
  @SinIdempotencia('Solo lectura: recorre la bitácora y compara; repetirla no cambia nada')
  @HttpCode(200)
  @ApiQuery({ name: 'pruebas', required: false, enum: ['todas', 'ninguna'], description: "'todas' (por omisión) relee cada entrada con prueba criptográfica" })
  @ApiQuery({ name: 'claveActa', required: false, description: 'Revisa solo esta acta (la misma comparación, para una revisión puntual)' })
  @ApiOperation({
    summary:
      'Verificación completa: reconstruye cada acta desde la bitácora (estado completo: capturas, votos, usuarios, fechas, verificación, resultado) y reporta, por acta y campo, toda diferencia con el modelo de lectura o con los archivos de imagen',
  })
  @ApiOkResponse({ type: InformeVerificacionDto })
  @RespuestasDeError([400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA'])
  verificar(@Query('pruebas') pruebas?: string, @Query('claveActa', new ClaveActaPipe({ opcional: true })) claveActa?: string) {
    if (pruebas !== undefined && pruebas !== 'todas' && pruebas !== 'ninguna') {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', "pruebas debe ser 'todas' o 'ninguna'");
    }
    return this.auditoria.verificacionCompleta(pruebas === 'ninguna' ? 'ninguna' : 'todas', claveActa);
  }
}
