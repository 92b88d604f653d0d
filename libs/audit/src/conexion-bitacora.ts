import { BitacoraImmudb, type ImmudbOptions } from './bitacora-immudb';

/**
 * One bitácora connection per process, opened on first use; a failed attempt is
 * forgotten so the next caller tries again (immudb may simply not be up yet).
 */
export class ConexionBitacora {
  private actual?: Promise<BitacoraImmudb>;

  constructor(
    private readonly opciones: ImmudbOptions,
    private readonly alFallar: (err: Error) => void = () => undefined,
  ) {}

  get(): Promise<BitacoraImmudb> {
    if (!this.actual) {
      this.actual = BitacoraImmudb.connect(this.opciones);
      this.actual.catch((err: Error) => {
        this.alFallar(err);
        this.actual = undefined;
      });
    }
    return this.actual;
  }

  async cerrar(): Promise<void> {
    const bitacora = await this.actual?.catch(() => undefined);
    bitacora?.close();
  }
}
