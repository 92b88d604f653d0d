import * as fs from 'node:fs';
import { Controller, Get, Header, HttpStatus, Inject, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { numeroCorteValido } from '@prep/cortes';
import type { ImageStore } from '@prep/imagenes';
import { detectarTipoImagen } from '../actas/imagenes/revision-imagen';
import { Public } from '../auth/roles.decorator';
import { ApiError } from '../common/api-error';
import { ClaveActaPipe } from '../common/clave-acta.pipe';
import { RespuestasDeError } from '../common/respuestas-error';
import { CortePublicoDto } from './dto/respuestas.dto';
import { IMAGE_STORE } from '../actas/imagenes/imagenes.module';
import { DifusionService, type ArchivoServido } from './difusion.service';

const INMUTABLE = 'public, max-age=31536000, immutable';
const TIPOS: Record<string, string> = {
  '.zip': 'application/zip',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

function numero(texto: string): number {
  const n = numeroCorteValido(texto);
  if (n === null)
    throw new ApiError(HttpStatus.NOT_FOUND, 'NO_ENCONTRADO', `'${texto.slice(0, 20)}' no es un número de corte; consulte la lista en /difusion/cortes.`);
  return n;
}

/** A corte's file: its SHA-256 is its strong ETag, and it never changes. */
function servir(a: ArchivoServido, req: Request, res: Response): StreamableFile | undefined {
  const etag = `"${a.sha256}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', INMUTABLE);
  const pedidas = (req.headers['if-none-match'] ?? '').split(',').map((s) => s.trim());
  if (pedidas.includes(etag) || pedidas.includes('*')) {
    res.status(304);
    return undefined;
  }
  const ext = a.nombre.slice(a.nombre.lastIndexOf('.'));
  res.setHeader('Content-Type', TIPOS[ext] ?? 'application/octet-stream');
  res.setHeader('Content-Length', String(fs.statSync(a.ruta).size));
  res.setHeader('Content-Disposition', `attachment; filename="${a.nombre}"`);
  return new StreamableFile(fs.createReadStream(a.ruta));
}

@ApiTags('difusión')
@Public()
@ApiExtraModels(CortePublicoDto)
@Controller('difusion')
export class DifusionController {
  constructor(
    private readonly difusion: DifusionService,
    @Inject(IMAGE_STORE) private readonly imagenes: ImageStore,
  ) {}

  @Get('cortes')
  @Header('Cache-Control', 'public, max-age=15')
  @ApiOperation({ summary: 'Cortes publicados: número, instante, transacción de la bitácora y SHA-256 del manifiesto y del zip' })
  @ApiOkResponse({ type: CortePublicoDto, isArray: true })
  @RespuestasDeError(503)
  lista() {
    return this.difusion.lista();
  }

  @Get('cortes/:corte')
  @ApiOperation({ summary: 'El último corte (`ultimo`, URL estable) o el zip de uno (`{n}.zip`)' })
  @ApiOkResponse({
    description: '`ultimo`: el último corte (JSON); `{n}.zip`: el zip del corte',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CortePublicoDto) } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match coincide con el ETag (SHA-256) del zip' })
  @RespuestasDeError([400, 'CARACTER_NULO'], [404, 'NO_ENCONTRADO: no hay corte con ese número o aún no hay cortes'], 503)
  async corte(@Param('corte') corte: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (corte === 'ultimo') {
      res.setHeader('Cache-Control', 'public, max-age=15');
      return this.difusion.ultimo();
    }
    const m = /^(.+)\.zip$/.exec(corte);
    if (!m)
      throw new ApiError(HttpStatus.NOT_FOUND, 'NO_ENCONTRADO', `Use /difusion/cortes/ultimo, /difusion/cortes/{n}.zip o /difusion/cortes/{n}/{archivo}.`);
    return servir(await this.difusion.zip(numero(m[1])), req, res);
  }

  @Get('cortes/:corte/:archivo')
  @ApiOperation({ summary: 'Un archivo de un corte, de los que lista su manifiesto.json' })
  @ApiOkResponse({
    description: 'El archivo (CSV, JSON, texto o zip), con su SHA-256 como ETag',
    content: Object.fromEntries(
      ['text/csv', 'application/json', 'text/plain', 'application/zip', 'application/octet-stream'].map((t) => [
        t,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiResponse({ status: 304, description: 'If-None-Match coincide con el ETag (SHA-256) del archivo' })
  @RespuestasDeError([400, 'CARACTER_NULO'], [404, 'NO_ENCONTRADO: el corte o el archivo no existe'], 503)
  async archivo(@Param('corte') corte: string, @Param('archivo') archivo: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return servir(await this.difusion.archivo(numero(corte), archivo), req, res);
  }

  @Get('actas/:clave/imagen')
  @ApiOperation({ summary: 'La imagen publicada de un acta, con su CODIGO_INTEGRIDAD (SHA-256) en X-Codigo-Integridad' })
  @ApiOkResponse({
    description: 'La imagen publicada, con su SHA-256 en X-Codigo-Integridad',
    content: Object.fromEntries(['image/jpeg', 'image/png', 'application/pdf'].map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  @ApiResponse({ status: 304, description: 'If-None-Match coincide con el ETag (SHA-256) de la imagen' })
  @RespuestasDeError([400, 'CLAVE_INVALIDA o CARACTER_NULO'], [404, 'El acta no tiene imagen publicada'], 503)
  async imagen(@Param('clave', ClaveActaPipe) clave: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { ruta, sha256 } = await this.difusion.imagen(clave);
    res.setHeader('X-Codigo-Integridad', sha256);
    res.setHeader('ETag', `"${sha256}"`);
    res.setHeader('Cache-Control', INMUTABLE);
    if (
      (req.headers['if-none-match'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .includes(`"${sha256}"`)
    ) {
      res.status(304);
      return undefined;
    }
    // Through the store, whose path guard refuses any ruta it could not have written.
    const contenido = await this.imagenes.leer(ruta);
    const tipo = detectarTipoImagen(contenido);
    res.setHeader('Content-Type', tipo === 'png' ? 'image/png' : tipo === 'pdf' ? 'application/pdf' : 'image/jpeg');
    return new StreamableFile(contenido);
  }
}
