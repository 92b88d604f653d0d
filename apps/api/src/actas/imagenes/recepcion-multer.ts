import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { from, Observable, throwError } from 'rxjs';
import { catchError, concatMap } from 'rxjs/operators';
import type { ImageStore, ImagenRecibida } from '@prep/imagenes';
import { IMAGE_STORE } from './imagenes.module';

/** What multer leaves in req.file for an image received through RecepcionMulter. */
export type ArchivoRecibido = Express.Multer.File & { recibida?: ImagenRecibida };

/**
 * Multer storage that streams the upload straight into the store's temporary area, hashing it on
 * the way: the body is never buffered whole, and multer's fileSize limit stops it while it streams
 * (multer then calls _removeFile, so a 413 leaves nothing either).
 */
export class RecepcionMulter implements StorageEngine {
  constructor(private readonly store: ImageStore) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<ArchivoRecibido>) => void): void {
    this.store.recibir(file.stream).then(
      (recibida) => cb(null, { size: recibida.bytes, recibida }),
      (err) => cb(err),
    );
  }

  _removeFile(_req: Request, file: ArchivoRecibido, cb: (error: Error | null) => void): void {
    if (!file.recibida) return cb(null);
    this.store.descartar(file.recibida).then(() => cb(null), cb);
  }
}

/**
 * Drops the temporary copy once the request is answered, whatever happened: a refused DTO (the
 * handler never ran), a refused or accepted upload. Awaited before the answer goes out.
 */
@Injectable()
export class DescartarRecepcionInterceptor implements NestInterceptor {
  private readonly logger = new Logger('imagenes');

  constructor(@Inject(IMAGE_STORE) private readonly store: ImageStore) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { file?: ArchivoRecibido }>();
    const descartar = async () => {
      const recibida = req.file?.recibida;
      if (!recibida) return;
      await this.store.descartar(recibida).catch((err) => this.logger.error(`no se pudo borrar la recepción ${recibida.recepcion}: ${String(err)}`));
    };
    return next.handle().pipe(
      concatMap(async (valor) => {
        await descartar();
        return valor;
      }),
      catchError((err) => from(descartar()).pipe(concatMap(() => throwError(() => err)))),
    );
  }
}
