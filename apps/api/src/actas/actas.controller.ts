import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type ComandoCaptura, type ComandoVerificacion } from '@prep/domain';
import { capturarUpdate, verificarUpdate } from '@prep/workflows/acta.messages';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { ClaveActaPipe } from '../common/clave-acta.pipe';
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

@ApiTags('actas')
@ApiBearerAuth()
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
  @ApiOperation({ summary: 'Acopio: registra la recepción del acta en el CATD del usuario e inicia su flujo' })
  acopio(@Body() dto: AcopioDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.comandos.acopiar(usuario, dto);
  }

  @Post(':clave/acopio/correccion')
  @HttpCode(200)
  @Roles('coordinador', 'operador', 'administrador')
  @ApiOperation({
    summary: 'Corrige el CATD de un acta acopiada en otro CATD: la mueve (con sus tareas) al CATD del catálogo; queda en la bitácora (ACOPIO_CORREGIDO)',
  })
  corregirCatd(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: CorreccionCatdDto, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.comandos.corregirCatd(usuario, clave, dto);
  }

  @Post(':clave/imagenes')
  @Roles('digitalizador', 'prep_casilla')
  // Outermost first: multer streams the file to a temporary copy, then the copy is dropped whatever happens.
  @RecibeArchivos(FileInterceptor('imagen'), DescartarRecepcionInterceptor)
  @ApiConsumes('multipart/form-data')
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
  @ApiOperation({ summary: 'Verificación: confirma, corrige o devuelve para nueva captura (requiere la tarea tomada)' })
  async verificar(@Param('clave', ClaveActaPipe) clave: string, @Body() dto: VerificacionDto, @UsuarioActual() usuario: UsuarioAutenticado) {
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
  @ApiOperation({ summary: 'Lista actas por fase, CATD, elección o atorada (un coordinador ve solo su CATD)' })
  listar(@Query() q: ListadoActasQuery, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.consulta.listar(q, usuario);
  }

  @Get(':clave')
  @ApiOperation({ summary: 'Detalle del acta; las capturas se muestran según el rol y la fase' })
  detalle(@Param('clave', ClaveActaPipe) clave: string, @UsuarioActual() usuario: UsuarioAutenticado) {
    return this.consulta.detalle(clave, usuario);
  }

  @Get(':clave/imagenes/:sha256')
  @Roles('digitalizador', 'capturista', 'verificador', 'coordinador', 'auditor', 'administrador')
  @ApiOperation({ summary: 'Descarga una imagen del acta' })
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
