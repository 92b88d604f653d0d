import * as path from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../../config/config.module';
import { FilesystemImageStore, type ImageStore } from '@prep/imagenes';

export const IMAGE_STORE = Symbol('IMAGE_STORE');

/** A temporary copy this old belongs to no request: its process died while receiving it. */
const EDAD_RECEPCION_HUERFANA_MS = 60 * 60_000;

@Module({
  providers: [
    {
      provide: IMAGE_STORE,
      inject: [PREP_CONFIG],
      useFactory: async (cfg: PrepConfig): Promise<ImageStore> => {
        const store = new FilesystemImageStore(path.join(cfg.PREP_DATA_DIR, 'imagenes'));
        const borradas = await store.purgarRecepciones(EDAD_RECEPCION_HUERFANA_MS);
        if (borradas) new Logger('imagenes').warn(`se borraron ${borradas} recepciones de imagen huérfanas`);
        return store;
      },
    },
  ],
  exports: [IMAGE_STORE],
})
export class ImagenesModule {}
