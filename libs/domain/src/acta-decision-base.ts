/** What every decision of the machine shares: refusals, common checks and the event draft. */
import { ErrorCampo, camposDeActa, formatearErroresCaptura } from './captura';
import { StatusRechazo } from './errores';
import { esFechaIsoConZona } from './fecha';
import type {
  Fase,
  ComandoActa,
  ContextoActa,
  ResultadoActa,
  EstadoActa,
  DatosEventoActa,
  TipoEventoActa,
  EventoActa,
  TransicionActa,
  RechazoActa,
} from './acta-tipos';
import { CAPTURAS_POR_RONDA } from './acta-tipos';
import { imagenPublicada } from './acta-consultas';

// ─── Decision ─────────────────────────────────────────────────────────────────────────────────

export type Decision = RechazoActa | TransicionActa;

export function no(codigo: string, mensaje: string, status: StatusRechazo, errores?: ErrorCampo[], totalErrores = errores?.length): RechazoActa {
  return errores ? { codigo, mensaje, status, errores, totalErrores } : { codigo, mensaje, status };
}

/** The refusal of values that failed validarCaptura / validarValoresParciales. */
export function noValores(codigo: string, prefijo: string, v: { errores: ErrorCampo[]; totalErrores: number }): RechazoActa {
  return no(codigo, `${prefijo}${formatearErroresCaptura(v.errores, v.totalErrores)}`, 422, v.errores, v.totalErrores);
}

export const RE_SHA256 = /^[0-9a-fA-F]{64}$/;

export function textoNoVacio(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

export function validarComun(comando: ComandoActa): RechazoActa | null {
  if (!textoNoVacio(comando.usuario)) {
    return no('USUARIO_REQUERIDO', 'Falta el usuario que realiza la acción; inicie sesión de nuevo.', 422);
  }
  if (!esFechaIsoConZona(comando.fechaHora)) {
    return no(
      'FECHA_INVALIDA',
      `La fecha y hora ${JSON.stringify(comando.fechaHora)} no es válida: use ISO 8601 con zona horaria, p. ej. 2021-06-06T20:15:00-05:00.`,
      422,
    );
  }
  return null;
}

/** Accumulates events on a shallow copy; every nested change must replace the array/object. */
export class Borrador {
  readonly eventos: EventoActa[] = [];
  constructor(public estado: EstadoActa) {}

  emitir<K extends TipoEventoActa>(tipo: K, faseNueva: Fase, usuario: string, fechaHora: string, datos: DatosEventoActa[K]): void {
    const secuencia = this.estado.secuencia + 1;
    const evento = {
      tipo,
      claveActa: this.estado.claveActa,
      secuencia,
      // secuencia 0 is the not-yet-existing acta: ACTA_ACOPIADA has no previous phase.
      faseAnterior: this.estado.secuencia === 0 ? null : this.estado.fase,
      faseNueva,
      usuario,
      fechaHora,
      datos,
    } as EventoActa;
    this.estado = { ...this.estado, fase: faseNueva, secuencia, fechaHoraUltimoCambio: fechaHora };
    this.eventos.push(evento);
  }

  resultado(): TransicionActa {
    return { estado: this.estado, eventos: this.eventos };
  }
}

export function camposDelContexto(contexto: ContextoActa): string[] {
  if (!contexto || !contexto.columnasVoto || contexto.columnasVoto.length === 0) {
    // A wiring bug, not a user error: fail loudly instead of accepting an empty capture.
    throw new Error('ContextoActa sin columnasVoto: el workflow debe pasar las columnas de la elección del acta.');
  }
  return camposDeActa(contexto.columnasVoto);
}

export function faseNoPermite(estado: EstadoActa, accion: 'capturar' | 'verificar'): RechazoActa {
  const clave = estado.claveActa;
  const mensajes: Record<Fase, string> = {
    ACOPIADA: `El acta ${clave} aún no tiene una imagen completa; no se puede ${accion} hasta que se digitalice.`,
    EN_CAPTURA: `El acta ${clave} espera ${CAPTURAS_POR_RONDA - estado.capturas.length} captura(s) más de la ronda ${estado.ronda}; todavía no se puede verificar.`,
    EN_VERIFICACION: `El acta ${clave} ya tiene sus dos capturas de la ronda ${estado.ronda} y espera verificación; tome otra acta.`,
    PRE_ACOPIO: `El acta ${clave} solo tiene fotos de PREP Casilla; regístrela primero en acopio.`,
    ESCALADA: `El acta ${clave} está escalada al coordinador; solo él puede decidirla.`,
    PUBLICADA: `El acta ${clave} ya fue publicada; no admite más cambios.`,
    SIN_ACTA: `El acta ${clave} se publicó como SIN ACTA; no admite más cambios.`,
  };
  return no('FASE_INVALIDA', mensajes[estado.fase], 409);
}

export function publicar(b: Borrador, usuario: string, fechaHora: string, contexto: ContextoActa, r: Omit<ResultadoActa, 'imagenSha256'>): void {
  const imagen = imagenPublicada(b.estado, contexto.politica);
  const resultado: ResultadoActa = { ...r, imagenSha256: imagen ? imagen.sha256 : null };
  b.estado = { ...b.estado, resultado, fechaHoraPublicacion: fechaHora };
  b.emitir('ACTA_PUBLICADA', 'PUBLICADA', usuario, fechaHora, {
    ...resultado,
    fechaHoraAcopio: b.estado.fechaHoraAcopio,
    fechaHoraCaptura: b.estado.fechaHoraCaptura,
    fechaHoraVerificacion: b.estado.fechaHoraVerificacion,
  });
}
