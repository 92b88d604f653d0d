import { Module } from '@nestjs/common';
import { ReportesController } from './reportes.controller';
import { ReportesService } from './reportes.service';

/** The COTAPREP's process reports (Avance, Por CATD) as JSON, CSV or a self-contained HTML page. */
@Module({ controllers: [ReportesController], providers: [ReportesService] })
export class ReportesModule {}
