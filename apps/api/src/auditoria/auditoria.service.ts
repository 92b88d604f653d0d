import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { leerEventoActa, prefijoEventosActa, verificacionCompleta, verificarFirmaEstado } from '@prep/audit';
import { PrepConfig } from '@prep/config';
import { ApiError } from '../common/api-error';
import { PREP_CONFIG } from '../config/config.module';
import { BitacoraService, conPruebas } from '../bitacora/bitacora.service';

/** What the auditor asks of the bitácora; every read here is a verified (proven) read. */
@Injectable()
export class AuditoriaService {
  private clavePublica?: string | null;

  constructor(
    private readonly bitacora: BitacoraService,
    private readonly em: EntityManager,
    @Inject(PREP_CONFIG) private readonly cfg: PrepConfig,
  ) {}

  /** The server's signed state, checked against the expected key, and the state this API trusts. */
  async estado() {
    const bitacora = await this.bitacora.conectar();
    const confiable = bitacora.trustedState();
    // A proven read of the newest transaction moves the trusted state forward only if the
    // server's history extends the one we trusted; a rollback or fork fails right here.
    const servidor = await conPruebas(async () => {
      const actual = await bitacora.currentServerState();
      if (actual.txId > 0) await bitacora.verifiedTxById(actual.txId);
      return actual;
    });
    return {
      baseDeDatos: servidor.db,
      txId: servidor.txId,
      txHash: servidor.txHash,
      firma: servidor.signature ?? null,
      verificacionFirma: verificarFirmaEstado(servidor, this.leerClavePublica()),
      clavePublicaEsperada: this.leerClavePublica(),
      estadoConfiableAnterior: confiable,
      estadoConfiableActual: bitacora.trustedState(),
    };
  }

  /** Every bitácora entry of an acta, each re-read with a proof. */
  async historial(claveActa: string) {
    const bitacora = await this.bitacora.conectar();
    const entradas = await conPruebas(() => bitacora.scan(prefijoEventosActa(claveActa)));
    if (entradas.length === 0) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'SIN_ENTRADAS', `La bitácora no tiene entradas del acta ${claveActa}.`);
    }
    const resultado = [];
    for (const e of entradas) {
      const probada = await conPruebas(() => bitacora.verifiedGet(e.key));
      let evento: ReturnType<typeof leerEventoActa> | null = null;
      let error: string | null = null;
      try {
        evento = leerEventoActa(probada!.value);
      } catch (err) {
        error = (err as Error).message;
      }
      resultado.push({
        clave: e.key,
        txId: probada!.txId,
        verificada: probada!.value === e.value,
        datosIntegros: error === null,
        error,
        evento,
      });
    }
    return { claveActa, entradas: resultado };
  }

  async verificacionCompleta(pruebas: 'todas' | 'ninguna', claveActa?: string) {
    const bitacora = await this.bitacora.conectar();
    return conPruebas(() =>
      verificacionCompleta({ bitacora, em: this.em.fork(), dirImagenes: path.join(this.cfg.PREP_DATA_DIR, 'imagenes'), pruebas, claveActa }),
    );
  }

  private leerClavePublica(): string | null {
    if (this.clavePublica === undefined) {
      const ruta = this.cfg.IMMUDB_CLAVE_PUBLICA;
      this.clavePublica = ruta && fs.existsSync(ruta) ? fs.readFileSync(ruta, 'utf8') : null;
    }
    return this.clavePublica;
  }
}
