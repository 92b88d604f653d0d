import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ComandoDigitalizacion } from '@prep/domain';
import { digitalizarUpdate } from '@prep/workflows/acta.messages';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { ActaComandosService } from './acta-comandos.service';
import type { DigitalizacionDto } from './dto/digitalizacion.dto';
import type { ImageStore, ImagenColocada, ImagenRecibida } from '@prep/imagenes';
import { IMAGE_STORE } from './imagenes/imagenes.module';
import { catdDelRemitente } from './imagenes/remitente';
import { revisarImagen } from './imagenes/revision-imagen';

/**
 * Digitalización of one acta: checks who sends what, checks the file really is an image, and asks
 * the acta's workflow to record it, keeping the store in step with the bitácora.
 *
 * Order, and why: the file is put at its content-addressed ruta BEFORE the workflow Update, because
 * the bitácora entry names that ruta and the auditor reports any named file that is missing
 * (IMAGEN_FALTANTE). Moving it after the Update would leave that gap if the process died in
 * between; this order only risks the opposite (a stored file nothing names, after a crash or an
 * outage), which no check trusts and no attacker controls. A definite refusal removes the file
 * again, unless another acta's upload of the same bytes keeps it (see FilesystemImageStore.retirar).
 */
@Injectable()
export class DigitalizacionService {
  private readonly logger = new Logger('digitalizacion');

  constructor(
    private readonly comandos: ActaComandosService,
    @Inject(IMAGE_STORE) private readonly store: ImageStore,
  ) {}

  async digitalizar(claveActa: string, dto: DigitalizacionDto, recibida: ImagenRecibida | undefined, usuario: UsuarioAutenticado) {
    if (!recibida || recibida.bytes === 0) {
      throw new ApiError(HttpStatus.BAD_REQUEST, 'IMAGEN_REQUERIDA', "Adjunte la imagen del acta en el campo 'imagen' (multipart/form-data).");
    }
    const catd = catdDelRemitente(usuario, dto.origen);
    const revision = await revisarImagen(await this.store.leerRecibida(recibida));
    if (!revision.ok) {
      throw new ApiError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'IMAGEN_NO_SOPORTADA',
        `El archivo no es una imagen válida del acta (${revision.motivo}). Envíe el JPEG, PNG o PDF completo tal como lo produjo el escáner o el teléfono; se revisa su contenido, no su nombre.`,
      );
    }
    const { tipo, ancho, alto, paginas } = revision.imagen;
    const colocada = await this.store.colocar(recibida, tipo);
    const comando: ComandoDigitalizacion = {
      tipo: 'DIGITALIZACION',
      usuario: usuario.nombreUsuario,
      fechaHora: new Date().toISOString(),
      sha256: recibida.sha256,
      origen: dto.origen,
      medio: dto.medio,
      tipoDocumento: dto.tipoDocumento ?? null,
      ruta: colocada.ruta,
      completa: dto.completa ?? true,
      catd,
      ancho,
      alto,
      paginas,
    };
    let res;
    try {
      res =
        dto.origen === 'CASILLA'
          ? await this.comandos.digitalizarCasilla(claveActa, comando, usuario)
          : await this.comandos.ejecutar(claveActa, digitalizarUpdate, comando, usuario);
    } catch (err) {
      await this.trasFallo(err, claveActa, recibida, colocada);
      throw err;
    }
    await this.store.confirmar(recibida, colocada);
    return { ...res, sha256: recibida.sha256, bytes: recibida.bytes, tipoArchivo: tipo, ancho, alto, paginas };
  }

  private async trasFallo(err: unknown, claveActa: string, recibida: ImagenRecibida, colocada: ImagenColocada): Promise<void> {
    try {
      if (err instanceof ApiError && codigoDe(err) === 'IMAGEN_DUPLICADA') {
        // This acta's bitácora already names these bytes: keep (or restore) the file.
        await this.store.confirmar(recibida, colocada);
      } else if (err instanceof ApiError && err.getStatus() < 500) {
        // A refusal (validator, unknown or closed acta): no bitácora entry names this upload.
        await this.store.retirar(recibida, colocada);
      }
      // Otherwise (Temporal unreachable, timeout) the Update may still have been accepted: the
      // placed file stays, so a late entry never names a missing file.
    } catch (limpieza) {
      this.logger.error(`acta ${claveActa}: no se pudo ordenar la imagen ${colocada.ruta} tras el rechazo: ${String(limpieza)}`);
    }
  }
}

function codigoDe(err: ApiError): string | undefined {
  return (err.getResponse() as { codigo?: string }).codigo;
}
