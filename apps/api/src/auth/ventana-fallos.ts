/** How one key (a user name, a client address) is limited. */
export interface ReglaVentana {
  /** Failures (running attempts included) allowed inside ventanaMs. */
  maxFallos: number;
  ventanaMs: number;
  /** Once maxFallos is reached, refuse for this long; 0 means only until the oldest failure leaves the window. */
  bloqueoMs: number;
  /** Whether a success forgets the key's failures (right for a name, wrong for an address shared with an attacker). */
  exitoOlvida: boolean;
}

/** A booked attempt on one key; exactly one outcome is taken, later calls are ignored. */
export interface Reserva {
  exito(): void;
  fallo(): void;
  anular(): void;
}

interface Registro {
  /** Start times of failed or still running attempts inside the window. */
  intentos: number[];
  bloqueadoHasta: number;
}

/** Above this many tracked keys, stale entries are swept so random names cannot grow memory forever. */
const LIMITE_REGISTROS = 10_000;

/**
 * Sliding-window failure counter per key, in memory. Running attempts count as failures until they
 * finish, so a parallel burst cannot slip more than maxFallos guesses past the check.
 */
export class VentanaFallos {
  private readonly registros = new Map<string, Registro>();

  constructor(
    private readonly regla: ReglaVentana,
    private readonly ahora: () => number,
  ) {}

  /** Milliseconds the key must wait, 0 when it may try now. */
  espera(clave: string): number {
    const t = this.ahora();
    const reg = this.registros.get(clave);
    if (!reg) return 0;
    reg.intentos = reg.intentos.filter((i) => i > t - this.regla.ventanaMs);
    const lleno = reg.intentos.length >= this.regla.maxFallos ? reg.intentos[0] + this.regla.ventanaMs - t : 0;
    return Math.max(reg.bloqueadoHasta - t, lleno, 0);
  }

  /** Books an attempt; call only after espera() answered 0 in the same tick. */
  reservar(clave: string): Reserva {
    const t = this.ahora();
    if (this.registros.size > LIMITE_REGISTROS) this.barrer(t);
    const reg = this.registros.get(clave) ?? { intentos: [], bloqueadoHasta: 0 };
    this.registros.set(clave, reg);
    reg.intentos.push(t);

    const quitar = () => {
      const i = reg.intentos.indexOf(t);
      if (i >= 0) reg.intentos.splice(i, 1);
    };
    let informado = false;
    const una = (f: () => void) => () => {
      if (informado) return;
      informado = true;
      f();
    };
    return {
      exito: una(() => (this.regla.exitoOlvida ? this.registros.delete(clave) : quitar())),
      fallo: una(() => {
        if (this.regla.bloqueoMs === 0) return;
        const ahora = this.ahora();
        reg.intentos = reg.intentos.filter((i) => i > ahora - this.regla.ventanaMs);
        if (reg.intentos.length >= this.regla.maxFallos) {
          reg.bloqueadoHasta = ahora + this.regla.bloqueoMs;
          reg.intentos = [];
        }
      }),
      anular: una(quitar),
    };
  }

  private barrer(t: number): void {
    for (const [clave, reg] of this.registros) {
      if (reg.bloqueadoHasta <= t && reg.intentos.every((i) => i <= t - this.regla.ventanaMs)) this.registros.delete(clave);
    }
  }
}
