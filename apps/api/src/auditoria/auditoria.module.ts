import { Module } from '@nestjs/common';
import { AuditoriaController } from './auditoria.controller';
import { AuditoriaService } from './auditoria.service';
import { CompilacionController } from './compilacion.controller';
import { CompilacionAuditoriaService } from './compilacion.service';

@Module({
  controllers: [AuditoriaController, CompilacionController],
  providers: [AuditoriaService, CompilacionAuditoriaService],
  exports: [AuditoriaService, CompilacionAuditoriaService],
})
export class AuditoriaModule {}
