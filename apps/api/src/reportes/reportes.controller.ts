import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { csvAvance, csvCatd, htmlAvance, htmlCatd } from '@prep/reportes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { formatoDe, type FormatoReporte } from './formato';
import { ReportesService } from './reportes.service';

const TIPOS: Record<FormatoReporte, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** Body and headers of one report in the format asked; the CSV downloads as a file, the page shows inline. */
function enviar<R>(res: Response, formato: FormatoReporte, nombre: string, r: R, csv: (r: R) => string, html: (r: R) => string): string | R {
  res.setHeader('Content-Type', TIPOS[formato]);
  res.setHeader('Cache-Control', 'no-store');
  if (formato === 'json') return r;
  if (formato === 'csv') {
    res.setHeader('Content-Disposition', `attachment; filename="${nombre}.csv"`);
    return csv(r);
  }
  return html(r);
}

const QUERY_FORMATO = { name: 'formato', required: false, enum: ['json', 'csv', 'html'], description: 'json (por omisión), csv (UTF-8 con BOM) o html' };

@ApiTags('reportes')
@ApiBearerAuth()
@Controller('reportes')
export class ReportesController {
  constructor(private readonly reportes: ReportesService) {}

  @Get('avance')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({ summary: 'Avance por elección: esperadas, acopiadas, digitalizadas, capturadas, verificadas, publicadas, contabilizadas y cortes' })
  async avance(@Query('formato') formato: unknown, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.reportes.avance();
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_AVANCE', r, csvAvance, (x) => htmlAvance(x, zona));
  }

  @Get('catd')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOperation({ summary: 'Por CATD: publicadas, pendientes por fase, atoradas y el acta más antigua en espera (un coordinador ve solo su CATD)' })
  async catd(@Query('formato') formato: unknown, @UsuarioActual() usuario: UsuarioAutenticado, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.reportes.porCatd(usuario);
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_CATD', r, csvCatd, (x) => htmlCatd(x, zona));
  }
}
