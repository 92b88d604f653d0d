import { Module } from '@nestjs/common';
import { AuditoriaModule } from '../auditoria/auditoria.module';
import { PuestaEnCerosController } from './puesta-en-ceros.controller';
import { PuestaEnCerosService } from './puesta-en-ceros.service';

@Module({ imports: [AuditoriaModule], controllers: [PuestaEnCerosController], providers: [PuestaEnCerosService] })
export class PuestaEnCerosModule {}
