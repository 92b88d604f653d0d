import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import * as path from 'node:path';
import { ImmudbLedger } from '@prep/audit';
import { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';

/** One connection to the immudb ledger, opened on first use and reopened after a failure. */
@Injectable()
export class LedgerService implements OnApplicationShutdown {
  private readonly logger = new Logger('ledger');
  private ledger?: Promise<ImmudbLedger>;

  constructor(@Inject(PREP_CONFIG) private readonly cfg: PrepConfig) {}

  get(): Promise<ImmudbLedger> {
    if (!this.ledger) {
      this.ledger = ImmudbLedger.connect({
        address: this.cfg.IMMUDB_ADDRESS,
        user: this.cfg.IMMUDB_USER,
        password: this.cfg.IMMUDB_PASSWORD,
        database: this.cfg.IMMUDB_DATABASE,
        stateDir: path.join(this.cfg.PREP_DATA_DIR, 'ledger-state', 'api'),
      });
      this.ledger.catch((err: Error) => {
        this.logger.warn(`sin conexión con immudb: ${err.message}`);
        this.ledger = undefined;
      });
    }
    return this.ledger;
  }

  async onApplicationShutdown(): Promise<void> {
    const ledger = await this.ledger?.catch(() => undefined);
    ledger?.close();
  }
}
