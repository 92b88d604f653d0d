import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type ComandoCaptura, type ComandoVerificacion } from '@prep/domain';
import { capturarUpdate, verificarUpdate } from '@prep/workflows/acta.messages';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { ClaveActaPipe } from '../common/clave-acta.pipe';
import { LimiteCargaMultipart } from '../common/limite-carga.interceptor';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { DetalleActaDto, ListadoActasDto, ResultadoAccionDto, ResultadoAcopioDto, ResultadoDigitalizacionDto } from './dto/respuestas.dto';
import { RecibeArchivos } from '../idempotencia/idempotencia.decorator';
import { TareasService } from '../tareas/tareas.service';
import { ActaComandosService } from './acta-comandos.service';
import { ActasConsultaService } from './actas-consulta.service';
import { DigitalizacionService } from './digitalizacion.service';
import { AcopioDto } from './dto/acopio.dto';
import { CapturaDto } from './dto/captura.dto';
import { CorreccionCatdDto } from './dto/correccion-catd.dto';
import { DigitalizacionDto } from './dto/digitalizacion.dto';
import { ListadoActasQuery } from './dto/listado.dto';
import { VerificacionDto } from './dto/verificacion.dto';
import type { ImageStore } from '@prep/imagenes';
import { IMAGE_STORE } from './imagenes/imagenes.module';
import { DescartarRecepcionInterceptor, type ArchivoRecibido } from './imagenes/recepcion-multer';
import { detectarTipoImagen } from './imagenes/revision-imagen';

const ahora = () => new Date().toISOString();

const LimiteImagen = LimiteCargaMultipart({
  maximo: (cfg) => cfg.PREP_IMAGEN_MAX_BYTES,
  que: 'La imagen',
  consejo: 'escanéela con menor resolución o en escala de grises (límite PREP_IMAGEN_MAX_BYTES)',
});

@ApiTags('actas')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('actas')
export class ActasController {
  constructor(
    private readonly comandos: ActaComandosService,
    private readonly consulta: ActasConsultaService,
    private readonly tareas: TareasService,
    private readonly digitalizacion: DigitalizacionService,
    @Inject(IMAGE_STORE) private readonly imagenes: ImageStore,
  ) {}

  @Post('acopio')
  @Roles('acopiador')
  @ApiCreatedResponse({ type: ResultadoAcopioDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA: cada problema nombra su campo'],
    [404, 'El acta o la tarea no existe'],
    [409, 'La fase del acta no admite la acción (ACTA_NO_ACOPIADA, ACTA_CERRADA, TAREA_NO_TOMADA, …)'],
    [413, 'CARGA_DEMASIADO_GRANDE'],
    [422, 'Los datos no cumplen las reglas del PREP (p. ej. la misma persona en dos pasos del acta)'],
  )
  @ApiOperation({ summary: 'Acopio: registra la recepción del acta en el CATD del usuario e inicia su flujo' })
  acopio(@Body() dto: AcopioDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.comandos.acopiar(usuario, dto);
  }

  @Post(':clave/acopio/correccion')
  @HttpCode(200)
  @Roles('coordinador', 'operador', 'administrador')
  @ApiOkResponse({ type: ResultadoAccionDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA: cada problema nombra su campo'],
    [404, 'El acta o la tarea no existe'],
    [409, 'La fase del acta no admite la acción (ACTA_NO_ACOPIADA, ACTA_CERRADA, TAREA_NO_TOMADA, …)'],
    [413, 'CARGA_DEMASIADO_GRANDE'],
    [422, 'Los datos no cumplen las reglas del PREP (p. ej. la misma persona en dos pasos del acta)'],
  )
  @ApiOperation({
    summary: 'Corrige el CATD de un acta acopiada en otro CATD: la mueve (con sus tareas) al CATD del catálogo; queda en la bitácora (ACOPIO_CORREGIDO)',
  })
  corregirCatd(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: CorreccionCatdDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.comandos.corregirCatd(usuario, clave, dto);
  }

  @Post(':clave/imagenes')
  @Roles('digitalizador', 'prep_casilla')
  // Outermost first: the headers are checked before any byte is read (415/413), multer streams the
  // file to a temporary copy, then the copy is dropped whatever happens.
  @RecibeArchivos(LimiteImagen, FileInterceptor('imagen'), DescartarRecepcionInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: ResultadoDigitalizacionDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA: cada problema nombra su campo'],
    [404, 'El acta o la tarea no existe'],
    [409, 'La fase del acta no admite la acción (ACTA_NO_ACOPIADA, ACTA_CERRADA, TAREA_NO_TOMADA, …)'],
    [413, 'CARGA_DEMASIADO_GRANDE: la imagen (o el Content-Length declarado) excede PREP_IMAGEN_MAX_BYTES'],
    [415, 'TIPO_NO_SOPORTADO: el cuerpo no es multipart/form-data; IMAGEN_NO_SOPORTADA: el contenido no es un JPEG, PNG o PDF completo'],
    [422, 'Los datos no cumplen las reglas del PREP (p. ej. la misma persona en dos pasos del acta)'],
  )
  @ApiBody({
    schema: {
      type: 'object',
      required: ['imagen', 'origen', 'medio'],
      properties: {
        imagen: { type: 'string', format: 'binary' },
        origen: { type: 'string', enum: ['CATD', 'CASILLA'] },
        medio: { type: 'string', enum: ['ESCANER', 'MOVIL'] },
        tipoDocumento: { type: 'string' },
        completa: { type: 'boolean' },
      },
    },
  })
  @ApiOperation({
    summary: 'Digitalización: sube la imagen (JPEG, PNG o PDF revisados por su estructura); se calcula su SHA-256 al recibirla',
    description:
      'Un digitalizador envía escaneos (origen CATD) de actas acopiadas en su CATD; una cuenta prep_casilla envía fotos de casilla (origen CASILLA, medio MOVIL).',
  })
  digitalizar(
    @Param('clave', ClaveActaPipe) clave: string,
    @Body() dto: DigitalizacionDto,
    @UploadedFile() archivo: ArchivoRecibido | undefined,
    @UsuarioActual() usuario: UsuarioAutenticado,
  ) {
    return this.digitalizacion.digitalizar(clave, dto, archivo?.recibida, usuario);
  }

  @Post(':clave/capturas')
  @Roles('capturista')
  @ApiCreatedResponse({ type: ResultadoAccionDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA: cada problema nombra su campo'],
    [404, 'El acta o la tarea no existe'],
    [409, 'La fase del acta no admite la acción (ACTA_NO_ACOPIADA, ACTA_CERRADA, TAREA_NO_TOMADA, …)'],
    [413, 'CARGA_DEMASIADO_GRANDE'],
    [422, 'Los datos no cumplen las reglas del PREP (p. ej. la misma persona en dos pasos del acta)'],
  )
  @ApiOperation({ summary: 'Captura: registra una de las dos capturas independientes (requiere la tarea tomada)' })
  async capturar(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: CapturaDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    const anterior = await this.comandos.resultadoDeIntentoAnterior(clave);
    if (anterior) return anterior;
    await this.tareas.exigirTomada(usuario, clave, ['CAPTURA']);
    const comando: ComandoCaptura = { tipo: 'CAPTURA', usuario: usuario.nombreUsuario, fechaHora: ahora(), valores: dto.valores };
    return this.comandos.ejecutar(clave, capturarUpdate, comando, usuario);
  }

  @Post(':clave/verificacion')
  @HttpCode(200)
  @Roles('verificador', 'coordinador')
  @ApiOkResponse({ type: ResultadoAccionDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA o CLAVE_INVALIDA: cada problema nombra su campo'],
    [404, 'El acta o la tarea no existe'],
    [409, 'La fase del acta no admite la acción (ACTA_NO_ACOPIADA, ACTA_CERRADA, TAREA_NO_TOMADA, …)'],
    [413, 'CARGA_DEMASIADO_GRANDE'],
    [422, 'Los datos no cumplen las reglas del PREP (p. ej. la misma persona en dos pasos del acta)'],
  )
  @ApiOperation({ summary: 'Verificación: confirma, corrige o devuelve para nueva captura (requiere la tarea tomada)' })
  async verificar(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: VerificacionDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    // A coordinador decides only their own CATD's actas: said plainly (403), not only by the task they cannot claim.
    await this.consulta.exigirAlcanceDeActa(usuario, clave);
    const anterior = await this.comandos.resultadoDeIntentoAnterior(clave);
    if (anterior) return anterior;
    await this.tareas.exigirTomada(usuario, clave, ['VERIFICACION', 'DECISION_COORDINADOR']);
    const comando: ComandoVerificacion = {
      tipo: 'VERIFICACION',
      usuario: usuario.nombreUsuario,
      fechaHora: ahora(),
      decision: dto.decision,
      valores: dto.valores,
      motivo: dto.motivo ?? null,
    };
    return this.comandos.ejecutar(clave, verificarUpdate, comando, usuario);
  }

  @Get()
  @Roles('coordinador', 'verificador', 'administrador', 'auditor', 'operador', 'cotaprep')
  @ApiOkResponse({ type: ListadoActasDto })
  @RespuestasDeError([400, 'ENTRADA_INVALIDA: cada problema nombra su filtro'])
  @ApiOperation({ summary: 'Lista actas por fase, CATD, elección o atorada (un coordinador ve solo su CATD)' })
  listar(@Query() q: ListadoActasQuery, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.consulta.listar(q, usuario);
  }

  @Get(':clave')
  @ApiOkResponse({ type: DetalleActaDto })
  @RespuestasDeError([400, 'CLAVE_INVALIDA'], [404, 'ACTA_NO_ENCONTRADA'])
  @ApiOperation({ summary: 'Detalle del acta; las capturas se muestran según el rol y la fase' })
  detalle(@Param('clave', ClaveActaPipe) clave: string, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.consulta.detalle(clave, usuario);
  }

  @Get(':clave/imagenes/:sha256')
  @Roles('digitalizador', 'capturista', 'verificador', 'coordinador', 'auditor', 'administrador')
  @ApiOperation({ summary: 'Descarga una imagen del acta' })
  @ApiOkResponse({
    description: 'Los bytes de la imagen, con su SHA-256 en X-Codigo-Integridad',
    content: Object.fromEntries(['image/jpeg', 'image/png', 'application/pdf'].map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  @RespuestasDeError([400, 'CLAVE_INVALIDA'], [404, 'El acta o esa imagen suya no existe'])
  async imagen(
    @Param('clave', ClaveActaPipe) clave: string,
    @Param('sha256') sha256: string,
    @UsuarioActual() usuario: UsuarioAutenticado,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ruta = await this.consulta.rutaDeImagen(clave, sha256, usuario);
    const contenido = await this.imagenes.leer(ruta);
    const tipo = detectarTipoImagen(contenido);
    res.setHeader('Content-Type', tipo === 'png' ? 'image/png' : tipo === 'pdf' ? 'application/pdf' : 'image/jpeg');
    res.setHeader('X-Codigo-Integridad', sha256);
    return new StreamableFile(contenido);
  }
}
