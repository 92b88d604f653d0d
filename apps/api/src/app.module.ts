import { Module } from '@nestjs/common';
import { ActasModule } from './actas/actas.module';
import { AuditoriaModule } from './auditoria/auditoria.module';
import { AuthModule } from './auth/auth.module';
import { CatalogoModule } from './catalogo/catalogo.module';
import { PoliticaModule } from './common/politica.provider';
import { ConfigModule } from './config/config.module';
import { RegistroModule } from './common/registro/registro.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IdempotenciaModule } from './idempotencia/idempotencia.module';
import { BitacoraModule } from './bitacora/bitacora.module';
import { OperacionModule } from './operacion/operacion.module';
import { PuestaEnCerosModule } from './puesta-en-ceros/puesta-en-ceros.module';
import { PublicacionModule } from './publicacion/publicacion.module';
import { DifusionModule } from './difusion/difusion.module';
import { ReportesModule } from './reportes/reportes.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [
    ConfigModule,
    RegistroModule,
    DatabaseModule,
    TemporalModule,
    BitacoraModule,
    IdempotenciaModule,
    HealthModule,
    AuthModule,
    PoliticaModule,
    ActasModule,
    OperacionModule,
    PublicacionModule,
    DifusionModule,
    AuditoriaModule,
    CatalogoModule,
    PuestaEnCerosModule,
    ReportesModule,
  ],
})
export class AppModule {}
