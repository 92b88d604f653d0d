import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { PrepConfig } from '@prep/config';
import { CatalogoModule } from '../catalogo/catalogo.module';
import { PREP_CONFIG } from '../config/config.module';
import { TareasController } from '../tareas/tareas.controller';
import { TareasModule } from '../tareas/tareas.module';
import { ActaComandosService } from './acta-comandos.service';
import { ActasConsultaService } from './actas-consulta.service';
import { ActasController } from './actas.controller';
import { DigitalizacionService } from './digitalizacion.service';
import type { ImageStore } from '@prep/imagenes';
import { IMAGE_STORE, ImagenesModule } from './imagenes/imagenes.module';
import { RecepcionMulter } from './imagenes/recepcion-multer';

@Module({
  imports: [
    CatalogoModule,
    TareasModule,
    ImagenesModule,
    // Images stream into the store's temporary area while hashed; past the limit multer answers 413
    // and removes what it wrote.
    MulterModule.registerAsync({
      imports: [ImagenesModule],
      inject: [PREP_CONFIG, IMAGE_STORE],
      useFactory: (cfg: PrepConfig, store: ImageStore) => ({
        storage: new RecepcionMulter(store),
        limits: { fileSize: cfg.PREP_IMAGEN_MAX_BYTES, files: 1, fields: 10 },
      }),
    }),
  ],
  controllers: [ActasController, TareasController],
  providers: [ActaComandosService, ActasConsultaService, DigitalizacionService],
  exports: [ActaComandosService, ActasConsultaService, TareasModule, ImagenesModule],
})
export class ActasModule {}
