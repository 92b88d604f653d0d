import { Global, Module } from '@nestjs/common';
import { BitacoraPersonalService } from './bitacora-personal.service';
import { LedgerService } from './ledger.service';

export { LedgerService } from './ledger.service';

@Global()
@Module({ providers: [LedgerService, BitacoraPersonalService], exports: [LedgerService, BitacoraPersonalService] })
export class LedgerModule {}
