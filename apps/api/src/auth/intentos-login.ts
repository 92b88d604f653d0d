import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { Reserva, VentanaFallos } from './ventana-fallos';

export const MAX_FALLOS = 5;
export const VENTANA_MS = 15 * 60_000;
export const BLOQUEO_MS = 15 * 60_000;
/** Default for PREP_LOGIN_MAX_FALLOS_DIRECCION: a CATD's staff usually share one NAT address. */
export const MAX_FALLOS_DIRECCION = 20;

/** The outcome of one login attempt, reported back exactly once. */
export interface Intento {
  exito(): void;
  fallo(): void;
  /** The attempt could not be judged (database down): it does not count against the person. */
  anular(): void;
}

/**
 * Brute-force brake for POST /auth/login, two counters:
 * - per nombre de usuario: after MAX_FALLOS failures within VENTANA_MS that name is refused with
 *   429 for BLOQUEO_MS, even with the right password (guessing one account's password);
 * - per client address: after maxFallosDireccion failures within VENTANA_MS, every login from that
 *   address is refused until its oldest failure leaves the window (spraying many names, or
 *   flooding the bitácora with invented ones). Only failures count, and a success does not clear
 *   them, so an attacker holding one valid account cannot reset the count. It does block valid
 *   logins from that address too: a check that let a right password through would let spraying
 *   through. Behind a NAT, raise PREP_LOGIN_MAX_FALLOS_DIRECCION.
 *
 * PER PROCESS and in memory: it resets on restart and each API replica counts on its own, so with
 * N replicas an attacker gets up to N times the allowance. That is acceptable as a brake (bcrypt
 * makes each try slow); a shared store is needed before running many replicas.
 */
export class IntentosLogin {
  private readonly porUsuario: VentanaFallos;
  private readonly porDireccion: VentanaFallos;

  constructor(ahora: () => number = Date.now, { maxFallosDireccion = MAX_FALLOS_DIRECCION } = {}) {
    this.porUsuario = new VentanaFallos({ maxFallos: MAX_FALLOS, ventanaMs: VENTANA_MS, bloqueoMs: BLOQUEO_MS, exitoOlvida: true }, ahora);
    this.porDireccion = new VentanaFallos({ maxFallos: maxFallosDireccion, ventanaMs: VENTANA_MS, bloqueoMs: 0, exitoOlvida: false }, ahora);
  }

  /** Refuses (429) a locked name or address; otherwise books the attempt on both. */
  comenzar(usuario: string, direccion: string): Intento {
    const esperaDireccion = this.porDireccion.espera(direccion);
    if (esperaDireccion > 0) throw demasiadosIntentos(esperaDireccion, 'desde esta dirección de red');
    const esperaUsuario = this.porUsuario.espera(usuario);
    if (esperaUsuario > 0) throw demasiadosIntentos(esperaUsuario, 'para este usuario');
    const reservas: Reserva[] = [this.porUsuario.reservar(usuario), this.porDireccion.reservar(direccion)];
    return {
      exito: () => reservas.forEach((r) => r.exito()),
      fallo: () => reservas.forEach((r) => r.fallo()),
      anular: () => reservas.forEach((r) => r.anular()),
    };
  }
}

function demasiadosIntentos(esperaMs: number, origen: string): ApiError {
  const minutos = Math.ceil(esperaMs / 60_000);
  return new ApiError(
    HttpStatus.TOO_MANY_REQUESTS,
    'DEMASIADOS_INTENTOS',
    `Demasiados intentos fallidos ${origen}: espere ${minutos} minuto${minutos === 1 ? '' : 's'} e intente de nuevo, ` +
      'o pida a un administrador que revise la cuenta',
  ).conCabeceras({ 'Retry-After': String(Math.ceil(esperaMs / 1000)) });
}
