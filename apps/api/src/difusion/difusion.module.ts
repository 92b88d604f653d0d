import { Module } from '@nestjs/common';
import { ImagenesModule } from '../actas/imagenes/imagenes.module';
import { DifusionController } from './difusion.controller';
import { DifusionService } from './difusion.service';

@Module({ imports: [ImagenesModule], controllers: [DifusionController], providers: [DifusionService] })
export class DifusionModule {}
