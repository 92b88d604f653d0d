import { Global, Module } from '@nestjs/common';
import { loadConfig, PrepConfig } from '@prep/config';

export const PREP_CONFIG = Symbol('PREP_CONFIG');

@Global()
@Module({
  providers: [{ provide: PREP_CONFIG, useFactory: (): PrepConfig => loadConfig() }],
  exports: [PREP_CONFIG],
})
export class ConfigModule {}
