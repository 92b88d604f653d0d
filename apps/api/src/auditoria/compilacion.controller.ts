import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { RevisionCompilacionDto } from './dto/respuestas.dto';
import { CompilacionAuditoriaService } from './compilacion.service';

@ApiTags('auditoría')
@ApiBearerAuth()
@RespuestasDeSesion()
@RespuestasDeError([409, 'BITACORA_NO_VERIFICABLE: la bitácora no pasó una prueba criptográfica'])
@Roles('auditor', 'administrador')
@Controller('auditoria')
export class CompilacionController {
  constructor(private readonly compilacion: CompilacionAuditoriaService) {}

  @Get('compilacion')
  @ApiOperation({
    summary:
      'Procesos (API y worker) iniciados desde la puesta en ceros, leídos y probados en la bitácora, cada uno marcado si sus huellas difieren de la compilación registrada en la puesta en ceros',
  })
  @ApiOkResponse({ type: RevisionCompilacionDto })
  revisar() {
    return this.compilacion.revisar();
  }
}
