import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { ReporteAvanceDto, ReporteCalidadDto, ReporteCatdDto, ReporteOperacionDto, ReporteTiemposDto, RespuestaDeReporte } from './respuestas.dto';
import type { Response } from 'express';
import {
  csvAvance,
  csvCalidad,
  csvCatd,
  csvOperacion,
  csvTiempos,
  htmlAvance,
  htmlCalidad,
  htmlCatd,
  htmlOperacion,
  htmlTiempos,
  INTERVALOS_MINUTOS,
} from '@prep/reportes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { CalidadService } from './calidad.service';
import { formatoDe, intervaloDe, type FormatoReporte } from './formato';
import { OperacionReporteService } from './operacion.service';
import { ReportesService } from './reportes.service';
import { TiemposService } from './tiempos.service';

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
@RespuestasDeSesion()
@RespuestasDeError([400, 'FORMATO_INVALIDO o INTERVALO_INVALIDO'])
@Controller('reportes')
export class ReportesController {
  constructor(
    private readonly reportes: ReportesService,
    private readonly tiemposService: TiemposService,
    private readonly calidadService: CalidadService,
    private readonly operacionService: OperacionReporteService,
  ) {}

  @Get('avance')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiOperation({ summary: 'Avance por elección: esperadas, acopiadas, digitalizadas, capturadas, verificadas, publicadas, contabilizadas y cortes' })
  @RespuestaDeReporte(ReporteAvanceDto)
  async avance(@Query('formato') formato: unknown, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.reportes.avance();
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_AVANCE', r, csvAvance, (x) => htmlAvance(x, zona));
  }

  @Get('catd')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiOperation({ summary: 'Por CATD: publicadas, pendientes por fase, atoradas y el acta más antigua en espera (un coordinador ve solo su CATD)' })
  @RespuestaDeReporte(ReporteCatdDto)
  async catd(@Query('formato') formato: unknown, @UsuarioActual() usuario: UsuarioAutenticado, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.reportes.porCatd(usuario);
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_CATD', r, csvCatd, (x) => htmlCatd(x, zona));
  }

  @Get('tiempos')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiQuery({ name: 'intervalo', required: false, enum: [...INTERVALOS_MINUTOS], description: 'minutos de cada intervalo de la noche (60 por omisión)' })
  @ApiOperation({ summary: 'Tiempos: acopio → publicación (p50, p90, p99) y tiempo de cada fase, en total y por intervalo de la noche' })
  @RespuestaDeReporte(ReporteTiemposDto)
  async tiempos(@Query('formato') formato: unknown, @Query('intervalo') intervalo: unknown, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.tiemposService.tiempos(intervaloDe(intervalo));
    const zona = this.reportes.zona();
    return enviar(
      res,
      f,
      'PREP_REPORTE_TIEMPOS',
      r,
      (x) => csvTiempos(x, zona),
      (x) => htmlTiempos(x, zona),
    );
  }

  @Get('calidad')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador')
  @ApiQuery(QUERY_FORMATO)
  @ApiOperation({
    summary:
      'Calidad: actas con capturas distintas (total y por capturista), campos en desacuerdo, devoluciones, escalamientos, verificaciones y observaciones (un coordinador ve solo su CATD)',
  })
  @RespuestaDeReporte(ReporteCalidadDto)
  async calidad(@Query('formato') formato: unknown, @UsuarioActual() usuario: UsuarioAutenticado, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.calidadService.calidad(usuario);
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_CALIDAD', r, csvCalidad, (x) => htmlCalidad(x, zona));
  }

  @Get('operacion')
  @Roles('cotaprep', 'coordinador', 'auditor', 'administrador', 'operador')
  @ApiQuery(QUERY_FORMATO)
  @ApiOperation({
    summary:
      'Operación: actas atoradas, flujos de Temporal (y los que reintentan), reinicios, salud de la bitácora y compilación de cada proceso frente a la puesta en ceros',
  })
  @RespuestaDeReporte(ReporteOperacionDto)
  async operacion(@Query('formato') formato: unknown, @Res({ passthrough: true }) res: Response) {
    const f = formatoDe(formato);
    const r = await this.operacionService.operacion();
    const zona = this.reportes.zona();
    return enviar(res, f, 'PREP_REPORTE_OPERACION', r, csvOperacion, (x) => htmlOperacion(x, zona));
  }
}
