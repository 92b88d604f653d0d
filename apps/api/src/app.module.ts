import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LedgerModule } from './ledger/ledger.module';
import { TemporalModule } from './temporal/temporal.module';

@Module({
  imports: [ConfigModule, DatabaseModule, TemporalModule, LedgerModule, HealthModule],
})
export class AppModule {}
