import { HttpStatus, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { BitacoraNoVerificableError, ConexionBitacora, dirEstadoConfiable, type BitacoraImmudb } from '@prep/audit';
import { PrepConfig } from '@prep/config';
import { ApiError } from '../common/api-error';
import { PREP_CONFIG } from '../config/config.module';

/** The API's connection to the immudb bitácora, opened on first use and reopened after a failure. */
@Injectable()
export class BitacoraService implements OnApplicationShutdown {
  private readonly logger = new Logger('bitacora');
  private readonly conexion: ConexionBitacora;

  constructor(@Inject(PREP_CONFIG) cfg: PrepConfig) {
    this.conexion = new ConexionBitacora(
      {
        address: cfg.IMMUDB_ADDRESS,
        user: cfg.IMMUDB_USER,
        password: cfg.IMMUDB_PASSWORD,
        database: cfg.IMMUDB_DATABASE,
        stateDir: dirEstadoConfiable(cfg.PREP_DATA_DIR, 'api'),
      },
      (err) => this.logger.warn(`sin conexión con immudb: ${err.message}`),
    );
  }

  get(): Promise<BitacoraImmudb> {
    return this.conexion.get();
  }

  /** The connection for a request: immudb not answering is a 503 the caller can retry, never a 500. */
  async conectar(): Promise<BitacoraImmudb> {
    try {
      return await this.conexion.get();
    } catch (err) {
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'BITACORA_NO_DISPONIBLE', `No hay conexión con la bitácora (immudb): ${(err as Error).message}`);
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.conexion.cerrar();
  }
}

/** A failed proof is the auditor's most important answer: say it plainly (409), never as a 500. */
export async function conPruebas<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BitacoraNoVerificableError) throw new ApiError(HttpStatus.CONFLICT, 'BITACORA_NO_VERIFICABLE', err.message);
    throw err;
  }
}
