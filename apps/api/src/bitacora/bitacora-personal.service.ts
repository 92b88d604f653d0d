import { Injectable, Logger } from '@nestjs/common';
import { BitacoraPersonal } from '@prep/audit';
import { BitacoraService } from './bitacora.service';

/**
 * The API's writer of staff actions: libs/audit's BitacoraPersonal over the API's bitácora
 * connection. Services pass it to the library code that performs each action, which writes the
 * record inside its transaction; BitacoraNoDisponibleError becomes 503 BITACORA_NO_DISPONIBLE.
 */
@Injectable()
export class BitacoraPersonalService extends BitacoraPersonal {
  constructor(bitacora: BitacoraService) {
    const logger = new Logger('bitacora');
    super(bitacora, (m) => logger.error(m));
  }
}
