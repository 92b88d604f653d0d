import { Module } from '@nestjs/common';
import { AuditoriaModule } from '../auditoria/auditoria.module';
import { CalidadService } from './calidad.service';
import { OperacionReporteService } from './operacion.service';
import { ReportesController } from './reportes.controller';
import { ReportesService } from './reportes.service';
import { TiemposService } from './tiempos.service';

/** The COTAPREP's reports (Avance, Por CATD, Tiempos, Calidad, Operación) as JSON, CSV or a self-contained HTML page. */
@Module({
  imports: [AuditoriaModule],
  controllers: [ReportesController],
  providers: [ReportesService, TiemposService, CalidadService, OperacionReporteService],
})
export class ReportesModule {}
