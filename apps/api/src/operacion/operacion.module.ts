import { Module } from '@nestjs/common';
import { CatalogoModule } from '../catalogo/catalogo.module';
import { CierreController } from './cierre.controller';
import { CierreService } from './cierre.service';

@Module({ imports: [CatalogoModule], controllers: [CierreController], providers: [CierreService] })
export class OperacionModule {}
