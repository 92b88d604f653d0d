import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PrepConfig } from '@prep/config';
import { ormConfig } from '@prep/persistence';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PREP_CONFIG } from '../config/config.module';

@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig) => ({ ...ormConfig({ databaseUrl: cfg.DATABASE_URL }), registerRequestContext: true }),
      driver: PostgreSqlDriver,
    }),
  ],
})
export class DatabaseModule {}
