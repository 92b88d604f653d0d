import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { entradaAccionPersonal, type TipoAccionPersonal } from '@prep/audit';
import { ApiError } from '../common/api-error';
import { LedgerService } from './ledger.service';

/**
 * Appends staff actions to the ledger. Callers await it before reporting success
 * (inside their transaction when they have one), so no claim, load or login is
 * accepted without its ledger record; if immudb is down the action is refused
 * with 503 rather than going unrecorded.
 */
@Injectable()
export class BitacoraPersonalService {
  private readonly logger = new Logger('bitacora');

  constructor(private readonly ledger: LedgerService) {}

  async registrar(tipo: TipoAccionPersonal, usuario: string, datos: Record<string, unknown> = {}): Promise<void> {
    const { key, value } = entradaAccionPersonal({ id: randomUUID(), tipo, usuario, fechaHora: new Date().toISOString(), datos });
    try {
      const ledger = await this.ledger.get();
      await ledger.verifiedSet(key, value);
    } catch (err) {
      this.logger.error(`no se pudo registrar ${tipo} de ${usuario} en la bitácora: ${(err as Error).message}`);
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'BITACORA_NO_DISPONIBLE', 'La bitácora inmutable no responde; la acción no se realizó. Reintente en unos segundos.');
    }
  }
}
