import { Global, Module } from '@nestjs/common';
import { crearPolitica, type PoliticaPrep } from '@prep/domain';
import { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';

export const POLITICA_PREP = Symbol('POLITICA_PREP');

/** The PREP policy in force (defaults from DOMAIN.md, overridable with PREP_POLITICA). */
@Global()
@Module({
  providers: [
    {
      provide: POLITICA_PREP,
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig): PoliticaPrep => {
        if (!cfg.PREP_POLITICA) return crearPolitica();
        let parcial: unknown;
        try {
          parcial = JSON.parse(cfg.PREP_POLITICA);
        } catch {
          throw new Error('PREP_POLITICA no es JSON válido');
        }
        return crearPolitica(parcial as Partial<PoliticaPrep>);
      },
    },
  ],
  exports: [POLITICA_PREP],
})
export class PoliticaModule {}
