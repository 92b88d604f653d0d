import { Module } from '@nestjs/common';
import { ActasModule } from '../actas/actas.module';
import { CatalogoModule } from '../catalogo/catalogo.module';
import { CierreController } from './cierre.controller';
import { CierreService } from './cierre.service';
import { ReinicioController } from './reinicio.controller';
import { ReinicioService } from './reinicio.service';

@Module({ imports: [CatalogoModule, ActasModule], controllers: [CierreController, ReinicioController], providers: [CierreService, ReinicioService] })
export class OperacionModule {}
