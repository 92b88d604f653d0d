import * as path from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { PrepConfig } from '@prep/config';
import { CatalogoModule } from '../catalogo/catalogo.module';
import { PREP_CONFIG } from '../config/config.module';
import { TareasController } from '../tareas/tareas.controller';
import { TareasModule } from '../tareas/tareas.module';
import { ActaComandosService } from './acta-comandos.service';
import { ActasConsultaService } from './actas-consulta.service';
import { ActasController, IMAGE_STORE } from './actas.controller';
import { FilesystemImageStore } from './imagenes/image-store';

@Module({
  imports: [
    CatalogoModule,
    TareasModule,
    // Images stay in memory until hashed and stored; the limit answers 413 beyond it.
    MulterModule.registerAsync({
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig) => ({ limits: { fileSize: cfg.PREP_IMAGEN_MAX_BYTES, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [ActasController, TareasController],
  providers: [
    ActaComandosService,
    ActasConsultaService,
    {
      provide: IMAGE_STORE,
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig) => new FilesystemImageStore(path.join(cfg.PREP_DATA_DIR, 'imagenes')),
    },
  ],
  exports: [ActasConsultaService, TareasModule, IMAGE_STORE],
})
export class ActasModule {}
