import { randomUUID } from 'node:crypto';
import { entradaAccionPersonal, type TipoAccionPersonal } from './esquema';

/** What writing a staff action needs from a bitácora connection: BitacoraImmudb satisfies it. */
export interface EscritorBitacora {
  verifiedSet(key: string, value: string): Promise<{ txId: number } | void>;
}

/** Where a staff action was written: its key and (when the writer says) its transaction. */
export interface AccionRegistrada {
  key: string;
  txId: number | null;
}

/** Where the connection comes from: ConexionBitacora (CLI, worker) and the API's BitacoraService. */
export interface FuenteBitacora {
  get(): Promise<EscritorBitacora>;
}

/** The small interface the services that perform staff actions take (API and CLI pass their own). */
export interface RegistroAcciones {
  registrar(tipo: TipoAccionPersonal, usuario: string, datos?: Record<string, unknown>): Promise<AccionRegistrada | void>;
}

export const BITACORA_NO_DISPONIBLE = 'BITACORA_NO_DISPONIBLE';

/**
 * immudb did not take the record of a staff action, so the action was not done. Carries the HTTP
 * status (503) and a Spanish message, so the API's filter and the CLIs answer it the same way.
 */
export class BitacoraNoDisponibleError extends Error {
  readonly codigo = BITACORA_NO_DISPONIBLE;
  readonly status = 503;

  constructor(
    readonly tipo: TipoAccionPersonal,
    readonly causa: string,
  ) {
    super('La bitácora inmutable (immudb) no responde; la acción no se realizó y no cambió nada. Revise immudb y reintente en unos segundos.');
    this.name = 'BitacoraNoDisponibleError';
  }
}

/**
 * Appends staff actions (`personal/<fechaHora>/<id>`). The rule for an immudb outage is to refuse:
 * a service calls this inside its database transaction, before commit, so a failed append rolls
 * the change back and the caller gets BitacoraNoDisponibleError (503) — never a change without its
 * record. The one exception, failed logins, catches the error itself (BitacoraFallosLogin).
 */
export class BitacoraPersonal implements RegistroAcciones {
  constructor(
    private readonly fuente: FuenteBitacora,
    private readonly alFallar: (mensaje: string) => void = () => undefined,
  ) {}

  async registrar(tipo: TipoAccionPersonal, usuario: string, datos: Record<string, unknown> = {}): Promise<AccionRegistrada> {
    const { key, value } = entradaAccionPersonal({ id: randomUUID(), tipo, usuario, fechaHora: new Date().toISOString(), datos });
    try {
      const bitacora = await this.fuente.get();
      const escrita = await bitacora.verifiedSet(key, value);
      return { key, txId: escrita ? escrita.txId : null };
    } catch (err) {
      const causa = err instanceof Error ? err.message : String(err);
      this.alFallar(`no se pudo registrar ${tipo} de ${usuario} en la bitácora: ${causa}`);
      throw new BitacoraNoDisponibleError(tipo, causa);
    }
  }
}
