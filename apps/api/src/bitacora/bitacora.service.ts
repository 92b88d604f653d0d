import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConexionBitacora, dirEstadoConfiable, type BitacoraImmudb } from '@prep/audit';
import { PrepConfig } from '@prep/config';
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

  onApplicationShutdown(): Promise<void> {
    return this.conexion.cerrar();
  }
}
