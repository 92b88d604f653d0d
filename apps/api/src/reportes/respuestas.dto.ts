import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/**
 * The JSON of each report (libs/reportes builds them): the top-level fields typed, the nested
 * tables as objects, so the document says what a consumer can rely on without restating libs/reportes.
 */
const objeto = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;
const lista = (description: string) => ({ type: 'array', items: { type: 'object', additionalProperties: true }, description }) as const;

export class ReporteDto {
  @ApiProperty() titulo!: string;
  @ApiProperty({ format: 'date-time' }) generadoEn!: string;
  @ApiProperty(lista('Qué significa cada figura del reporte')) definiciones!: Record<string, unknown>[];
}

export class ReporteAvanceDto extends ReporteDto {
  @ApiProperty(lista('Conteos por elección y sus porcentajes')) elecciones!: Record<string, unknown>[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Total de cada figura' }) totales!: Record<string, number>;
  @ApiProperty(lista('Cortes publicados')) cortes!: Record<string, unknown>[];
}

export class ReporteCatdDto extends ReporteDto {
  @ApiProperty({ type: String, nullable: true, description: 'El CATD de un coordinador; null: todos' }) alcance!: string | null;
  @ApiProperty(lista('Una fila por CATD')) catds!: Record<string, unknown>[];
}

export class ReporteTiemposDto extends ReporteDto {
  @ApiProperty({ enum: ['segundos'] }) unidad!: string;
  @ApiProperty({ type: 'integer' }) intervaloMinutos!: number;
  @ApiProperty(objeto('Acopio → publicación: p50, p90, p99')) total!: Record<string, unknown>;
  @ApiProperty(lista('Tiempo de cada fase')) fases!: Record<string, unknown>[];
  @ApiProperty(lista('Por intervalo de la noche')) intervalos!: Record<string, unknown>[];
}

export class ReporteCalidadDto extends ReporteDto {
  @ApiProperty({ type: String, nullable: true }) alcance!: string | null;
  @ApiProperty(objeto('Actas capturadas, con diferencia, devueltas, escaladas y publicadas, con sus porcentajes')) resumen!: Record<string, unknown>;
  @ApiProperty(lista('Por capturista')) capturistas!: Record<string, unknown>[];
  @ApiProperty(lista('Campos en desacuerdo')) campos!: Record<string, unknown>[];
  @ApiProperty(lista('Verificaciones por modo, decisión y rol')) verificaciones!: Record<string, unknown>[];
  @ApiProperty(lista('Observaciones de las actas publicadas')) observaciones!: Record<string, unknown>[];
}

export class ReporteOperacionDto extends ReporteDto {
  @ApiProperty({ type: [String] }) alertas!: string[];
  @ApiProperty(objeto('total y actas atoradas')) atoradas!: Record<string, unknown>;
  @ApiProperty(objeto('Flujos de Temporal, o el error de la consulta')) temporal!: Record<string, unknown>;
  @ApiProperty(objeto('Reinicios de flujos, o el error de la consulta')) reinicios!: Record<string, unknown>;
  @ApiProperty(objeto('Salud de la bitácora, o el error de la consulta')) bitacora!: Record<string, unknown>;
  @ApiProperty(objeto('Compilación de cada proceso frente a la puesta en ceros, o el error')) compilacion!: Record<string, unknown>;
  @ApiProperty(objeto('Dónde consultar la verificación completa')) verificacionCompleta!: Record<string, unknown>;
}

/** 200 of a report: its JSON (formato=json, the default), its CSV (UTF-8 with BOM) or its HTML page. */
export function RespuestaDeReporte(dto: new () => ReporteDto) {
  return applyDecorators(
    ApiExtraModels(dto),
    ApiOkResponse({
      description: 'El reporte en el formato pedido',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(dto) } },
        'text/csv': { schema: { type: 'string' } },
        'text/html': { schema: { type: 'string' } },
      },
    }),
  );
}
