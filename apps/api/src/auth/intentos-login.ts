import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export const MAX_FALLOS = 5;
export const VENTANA_MS = 15 * 60_000;
export const BLOQUEO_MS = 15 * 60_000;
/** Above this many tracked names, stale entries are swept so random names cannot grow memory forever. */
const LIMITE_REGISTROS = 10_000;

interface Registro {
  /** Start times of failed or still running attempts inside the window. */
  intentos: number[];
  bloqueadoHasta: number;
}

/** The outcome of one login attempt, reported back exactly once. */
export interface Intento {
  exito(): void;
  fallo(): void;
  /** The attempt could not be judged (database down): it does not count against the person. */
  anular(): void;
}

/**
 * Brute-force brake for POST /auth/login: after MAX_FALLOS failures for one nombre de usuario
 * within VENTANA_MS, that name is refused with 429 for BLOQUEO_MS, even with the right password.
 *
 * PER PROCESS and in memory: it resets on restart and each API replica counts on its own, so with
 * N replicas an attacker gets up to N × MAX_FALLOS tries per window. That is acceptable as a brake
 * (bcrypt makes each try slow); a shared store is needed before running many replicas.
 *
 * Running attempts count as failures until they finish, so a burst of parallel requests cannot
 * slip more than MAX_FALLOS guesses past the check.
 */
export class IntentosLogin {
  private readonly registros = new Map<string, Registro>();

  constructor(private readonly ahora: () => number = Date.now) {}

  /** Refuses (429) a locked name; otherwise books the attempt. */
  comenzar(usuario: string): Intento {
    const t = this.ahora();
    if (this.registros.size > LIMITE_REGISTROS) this.barrer(t);
    const reg = this.registros.get(usuario) ?? { intentos: [], bloqueadoHasta: 0 };
    this.registros.set(usuario, reg);
    reg.intentos = reg.intentos.filter((i) => i > t - VENTANA_MS);
    const esperaMs = Math.max(reg.bloqueadoHasta - t, reg.intentos.length >= MAX_FALLOS ? reg.intentos[0] + VENTANA_MS - t : 0);
    if (esperaMs > 0) throw demasiadosIntentos(esperaMs);
    reg.intentos.push(t);

    let informado = false;
    const una = (f: () => void) => () => {
      if (informado) return;
      informado = true;
      f();
    };
    return {
      exito: una(() => this.registros.delete(usuario)),
      fallo: una(() => {
        const ahora = this.ahora();
        reg.intentos = reg.intentos.filter((i) => i > ahora - VENTANA_MS);
        if (reg.intentos.length >= MAX_FALLOS) {
          reg.bloqueadoHasta = ahora + BLOQUEO_MS;
          reg.intentos = [];
        }
      }),
      anular: una(() => {
        const i = reg.intentos.indexOf(t);
        if (i >= 0) reg.intentos.splice(i, 1);
      }),
    };
  }

  private barrer(t: number): void {
    for (const [usuario, reg] of this.registros) {
      if (reg.bloqueadoHasta <= t && reg.intentos.every((i) => i <= t - VENTANA_MS)) this.registros.delete(usuario);
    }
  }
}

function demasiadosIntentos(esperaMs: number): ApiError {
  const minutos = Math.ceil(esperaMs / 60_000);
  return new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    'DEMASIADOS_INTENTOS',
    `Demasiados intentos fallidos para este usuario: espere ${minutos} minuto${minutos === 1 ? '' : 's'} e intente de nuevo, ` +
      'o pida a un administrador que revise la cuenta',
  );
}
