import { ImmudbLedger, type ImmudbOptions } from './immudb-ledger';

/**
 * One ledger connection per process, opened on first use; a failed attempt is
 * forgotten so the next caller tries again (immudb may simply not be up yet).
 */
export class ConexionBitacora {
  private actual?: Promise<ImmudbLedger>;

  constructor(
    private readonly opciones: ImmudbOptions,
    private readonly alFallar: (err: Error) => void = () => undefined,
  ) {}

  get(): Promise<ImmudbLedger> {
    if (!this.actual) {
      this.actual = ImmudbLedger.connect(this.opciones);
      this.actual.catch((err: Error) => {
        this.alFallar(err);
        this.actual = undefined;
      });
    }
    return this.actual;
  }

  async cerrar(): Promise<void> {
    const ledger = await this.actual?.catch(() => undefined);
    ledger?.close();
  }
}
