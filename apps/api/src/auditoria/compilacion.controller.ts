import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CompilacionAuditoriaService } from './compilacion.service';

@ApiTags('auditoría')
@ApiBearerAuth()
@Roles('auditor', 'administrador')
@Controller('auditoria')
export class CompilacionController {
  constructor(private readonly compilacion: CompilacionAuditoriaService) {}

  @Get('compilacion')
  @ApiOperation({
    summary:
      'Procesos (API y worker) iniciados desde la puesta en ceros, leídos y probados en la bitácora, cada uno marcado si sus huellas difieren de la compilación registrada en la puesta en ceros',
  })
  revisar() {
    return this.compilacion.revisar();
  }
}
