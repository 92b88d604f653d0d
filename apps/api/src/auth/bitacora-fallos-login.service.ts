import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { EventoFallido, ResumenFallos, ResumenFallosLogin, VENTANA_RESUMEN_MS } from './resumen-fallos';

/** The `usuario` of a SESION_FALLIDA entry: nobody was authenticated; the names tried are in `datos.usuarios`. */
export const USUARIO_SIN_SESION = '(sin sesión)';

/**
 * Writes failed logins to the bitácora as SESION_FALLIDA summaries, one per address and window
 * (ResumenFallos explains the trade-off), so N failures cost O(1) immudb writes instead of N.
 * Best effort, as a failed login always was: if immudb is down the summary goes to the API log
 * instead of turning a wrong password into a 503, so the information is never dropped silently.
 */
@Injectable()
export class BitacoraFallosLogin implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('auth');
  private readonly resumen = new ResumenFallos(Date.now);
  private temporizador?: NodeJS.Timeout;

  constructor(private readonly bitacoraPersonal: BitacoraPersonalService) {}

  onModuleInit(): void {
    // A window's summary is written within a fifth of a window after it ends.
    this.temporizador = setInterval(() => void this.escribir(this.resumen.vencidos()), VENTANA_RESUMEN_MS / 5);
    this.temporizador.unref();
  }

  /** Runs before BitacoraService closes its connection (onApplicationShutdown), so the last window is written. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.temporizador);
    await this.vaciar();
  }

  anotar(evento: EventoFallido, direccion: string, usuario: string): Promise<void> {
    return this.escribir(this.resumen.anotar(evento, direccion, usuario));
  }

  /** Writes every summary still held in memory. */
  vaciar(): Promise<void> {
    return this.escribir(this.resumen.pendientes());
  }

  private async escribir(resumenes: ResumenFallosLogin[]): Promise<void> {
    for (const r of resumenes) {
      try {
        await this.bitacoraPersonal.registrar('SESION_FALLIDA', USUARIO_SIN_SESION, { ...r });
      } catch {
        this.logger.warn(`inicios de sesión fallidos no registrados en la bitácora: ${JSON.stringify(r)}`);
      }
    }
  }
}
