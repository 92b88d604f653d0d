import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CODIGOS_POR_ESTADO, type ApiErrorBody } from './api-error';

export class ErrorDeCampoDto {
  @ApiProperty({ example: 'claveActa' })
  campo!: string;

  @ApiProperty({ type: [String], example: ['claveActa debe ser una CLAVE_ACTA válida'] })
  mensajes!: string[];
}

/** The body of every 4xx/5xx the API answers (ApiError through HttpExceptionFilter), documented once. */
export class ErrorApiDto implements ApiErrorBody {
  @ApiProperty({ description: 'Código estable para programas', example: 'ENTRADA_INVALIDA' })
  codigo!: string;

  @ApiProperty({
    description: 'Qué pasó y cómo corregirlo, en español',
    example: 'Datos no válidos — catd: catd debe ser un identificador de CATD, p. ej. M001',
  })
  mensaje!: string;

  @ApiPropertyOptional({ type: [ErrorDeCampoDto], description: 'En errores de validación: cada campo con sus problemas' })
  errores?: ErrorDeCampoDto[];

  @ApiPropertyOptional({ type: 'integer', description: 'Cuántos errores hubo en total cuando `errores` lista solo los primeros' })
  totalErrores?: number;
}

/**
 * One error answer as an OpenAPI response object, for code that edits the document itself (e.g. a
 * header every POST requires): content given explicitly, so errors are JSON even on routes that
 * produce images, HTML or CSV. ErrorApiDto is in the document's schemas as soon as any route uses RespuestasDeError.
 */
export const respuestaDeError = (descripcion: string) => ({
  description: descripcion,
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorApiDto) } } },
});

/** A status alone takes its default description; a pair names the codes this route answers with it. */
export type RespuestaDeError = number | readonly [estado: number, descripcion: string];

/**
 * Declares error answers of a route (or of every route of a controller) with the shared body
 * ErrorApiDto: `@RespuestasDeError(400, [404, 'ACTA_NO_ENCONTRADA'], 503)`. A method-level
 * declaration of a status replaces the controller's for that route.
 */
export function RespuestasDeError(...respuestas: RespuestaDeError[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorApiDto),
    ...respuestas.map((r) => {
      const [estado, descripcion] = typeof r === 'number' ? [r, undefined] : r;
      const [codigo, mensaje] = CODIGOS_POR_ESTADO[estado] ?? ['ERROR', 'La solicitud no pudo completarse'];
      return ApiResponse({ status: estado, ...respuestaDeError(descripcion ?? `${codigo}: ${mensaje}`) });
    }),
  );
}

/**
 * What every route behind the session guard can answer before reaching its handler: 401 (no
 * token, expired, invalid, account deactivated) and 503 (PostgreSQL did not answer while reading
 * the account); with roles, 403 too.
 */
export const RespuestasDeSesion = ({ conRoles = true } = {}) =>
  RespuestasDeError(
    [401, 'NO_AUTENTICADO: falta el token, no es válido, expiró o la cuenta ya no está activa'],
    ...(conRoles ? ([[403, 'SIN_PERMISO: el rol de la cuenta no permite esta acción']] as const) : []),
    [503, 'SERVICIO_NO_DISPONIBLE, TEMPORAL_NO_DISPONIBLE o BITACORA_NO_DISPONIBLE: un servicio necesario no respondió; reintente'],
  );
