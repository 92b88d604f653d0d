import { Controller, Get, HttpStatus, Post, Res, UploadedFiles } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import type { Response } from 'express';
import { ApiError } from '../common/api-error';
import { LimiteCargaMultipart } from '../common/limite-carga.interceptor';
import { RecibeArchivos } from '../idempotencia/idempotencia.decorator';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { CatalogoInvalidoError, CatalogoService } from './catalogo.service';
import { ResultadoCargaDto, ResumenCatalogoDto } from './catalogo.dto';
import { ARCHIVO_CSV } from '@prep/catalogo';

/** Real catálogos are a few MB (25k casillas ≈ 2.5 MB); the limit only stops mistakes and abuse. */
const TAMANO_MAXIMO = 50 * 1024 * 1024;

/** The part of multer's file object we use (avoids depending on @types/multer). */
interface ArchivoSubido {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('catálogo')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('catalogo')
export class CatalogoController {
  constructor(private readonly catalogo: CatalogoService) {}

  @Post()
  @Roles('administrador')
  @RecibeArchivos(
    // From the headers first: a wrong type (415) or a declared size over both files' limit (413) is refused unread.
    LimiteCargaMultipart({ maximo: () => 2 * TAMANO_MAXIMO, que: 'El catálogo', consejo: 'cada archivo admite hasta 50 MB' }),
    // No storage option: multer keeps the files in memory (buffer), which the parser needs anyway.
    FileFieldsInterceptor(
      [
        { name: 'catalogo', maxCount: 1 },
        { name: 'casillas', maxCount: 1 },
      ],
      { limits: { fileSize: TAMANO_MAXIMO, files: 2 } },
    ),
  )
  @ApiOperation({
    summary: 'Carga (o reemplaza) el catálogo de casillas',
    description:
      'multipart/form-data con el archivo `catalogo` (catalogo.json) y, si las casillas no vienen dentro de él, `casillas` (casillas.csv). ' +
      'Formato en el README, sección "Catálogo: formato de archivos". Un archivo con cualquier error se rechaza completo y no cambia nada. ' +
      'Cargar el mismo contenido otra vez responde 200 con sinCambios: true.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['catalogo'],
      properties: {
        catalogo: { type: 'string', format: 'binary', description: 'catalogo.json' },
        casillas: { type: 'string', format: 'binary', description: 'casillas.csv (UTF-8, separado por comas)' },
      },
    },
  })
  @ApiCreatedResponse({ type: ResultadoCargaDto, description: 'Catálogo cargado; es el vigente' })
  @ApiOkResponse({ type: ResultadoCargaDto, description: 'El catálogo vigente ya era idéntico (sinCambios: true)' })
  @RespuestasDeError(
    [400, "Falta el archivo 'catalogo' (FALTA_ARCHIVO) o el formulario no es válido"],
    [403, 'Solo un administrador puede cargar el catálogo'],
    [409, 'CATALOGO_CONGELADO: ya hay actas registradas; el catálogo ya no puede cambiarse'],
    [413, 'CARGA_DEMASIADO_GRANDE: un archivo excede 50 MB (o el Content-Length declarado excede ambos)'],
    [415, 'TIPO_NO_SOPORTADO: el cuerpo no es multipart/form-data'],
    [422, "CATALOGO_INVALIDO: en 'errores', un grupo por archivo del formulario ('catalogo' o 'casillas'); cada mensaje dice la línea y el motivo"],
    [503, 'BITACORA_NO_DISPONIBLE: immudb no respondió; no se cargó nada'],
  )
  async cargar(
    @UploadedFiles() archivos: { catalogo?: ArchivoSubido[]; casillas?: ArchivoSubido[] } | undefined,
    @UsuarioActual() usuario: UsuarioAutenticado | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ResultadoCargaDto> {
    const json = archivos?.catalogo?.[0];
    if (!json) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'FALTA_ARCHIVO',
        "Falta el archivo 'catalogo' (catalogo.json): envíe un formulario multipart/form-data con los campos de archivo 'catalogo' y, si corresponde, 'casillas'.",
      );
    }
    if (!usuario) throw new ApiError(HttpStatus.UNAUTHORIZED, 'NO_AUTENTICADO', 'Inicie sesión: falta el token o ya expiró');
    try {
      const resultado = await this.catalogo.cargar({ json: json.buffer, csv: archivos?.casillas?.[0]?.buffer }, usuario.nombreUsuario);
      res.status(resultado.sinCambios ? HttpStatus.OK : HttpStatus.CREATED);
      return resultado;
    } catch (e) {
      if (e instanceof CatalogoInvalidoError) throw errorDeCatalogoInvalido(e);
      throw e;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Resumen del catálogo vigente (cualquier usuario autenticado)' })
  @ApiOkResponse({ type: ResumenCatalogoDto })
  @RespuestasDeError([404, 'SIN_CATALOGO: aún no se ha cargado ninguno'])
  async actual(): Promise<ResumenCatalogoDto> {
    const resumen = await this.catalogo.actual();
    if (!resumen) throw new ApiError(HttpStatus.NOT_FOUND, 'SIN_CATALOGO', 'Aún no se ha cargado el catálogo de casillas.');
    return resumen;
  }
}

/** 422 with the problems grouped by form field, so a client can show them next to each file. */
function errorDeCatalogoInvalido(e: CatalogoInvalidoError): ApiError {
  const porCampo = { catalogo: [] as string[], casillas: [] as string[] };
  let ultimo: keyof typeof porCampo = 'catalogo';
  for (const m of e.errores) {
    // The trailing '… y N errores más' has no file: it stays with the group before it.
    if (m.startsWith(ARCHIVO_CSV)) ultimo = 'casillas';
    else if (!m.startsWith('…')) ultimo = 'catalogo';
    porCampo[ultimo].push(m);
  }
  const mostrados = e.errores.length < e.total ? ` (se muestran los primeros ${e.errores.filter((m) => !m.startsWith('…')).length})` : '';
  return new ApiError(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'CATALOGO_INVALIDO',
    `El catálogo no se cargó: ${e.total === 1 ? 'tiene 1 error' : `tiene ${e.total} errores`}${mostrados}. No se cambió nada; corrija los archivos y envíelos de nuevo.`,
    (['catalogo', 'casillas'] as const).filter((c) => porCampo[c].length).map((campo) => ({ campo, mensajes: porCampo[campo] })),
  );
}
