/**
 * The life of one acta (DOMAIN.md "The process of one acta") as a pure reducer.
 *
 * The Temporal workflow of an acta keeps an EstadoActa and, for every staff action:
 *   1. validarComando(estado, comando, contexto) in the Update validator → null or a RechazoDominio;
 *   2. aplicarComando(estado, comando, contexto) in the Update handler → { estado, eventos },
 *      appending each event to the audit bitácora in order.
 * Both run the same code (`decidir`), so they cannot disagree. Nothing here reads the clock, random
 * numbers or I/O: the workflow sandbox replays it and must get the same answer.
 * The state is never mutated: a validator must leave it untouched, and a refused command must leave
 * the workflow exactly as it was.
 */
import { DomainError } from './errores';
import { DEFAULT_POLITICA_PREP } from './politica';

export * from './acta-tipos';
export * from './acta-consultas';
export { estadoAcopiado, estadoSinAcopio } from './acta-decision-acopio';
import type { ComandoAcopio, ComandoActa, ContextoActa, AcopioActa, EstadoActa, TransicionActa, RechazoActa } from './acta-tipos';
import { no, validarComun, type Decision } from './acta-decision-base';
import { cerradaSinActa, corregirCatd, decidirAcopio, decidirPreAcopio, decidirSinActa, fotoAntesDeAcopio } from './acta-decision-acopio';
import { decidirCaptura } from './acta-decision-captura';
import { decidirDigitalizacion } from './acta-decision-digitalizacion';
import { decidirVerificacion } from './acta-decision-verificacion';

// ─── Public API ───────────────────────────────────────────────────────────────────────────────

/** Creates the state from an ACOPIO. Throws DomainError when the command is invalid. */
export function iniciarActa(comando: ComandoAcopio, contexto?: ContextoActa): TransicionActa {
  return aplicarComando(null, comando, contexto as ContextoActa);
}

/** null when aplicarComando would accept the command; the refusal otherwise. Never mutates. */
export function validarComando(estado: EstadoActa | null, comando: ComandoActa, contexto: ContextoActa): RechazoActa | null {
  const r = decidir(estado, comando, contexto);
  return 'codigo' in r ? r : null;
}

/** Applies the command; throws DomainError carrying exactly what validarComando returns. */
export function aplicarComando(estado: EstadoActa | null, comando: ComandoActa, contexto: ContextoActa): TransicionActa {
  const r = decidir(estado, comando, contexto);
  if ('codigo' in r) throw new DomainError(r);
  return r;
}

function decidir(estado: EstadoActa | null, comando: ComandoActa, contexto: ContextoActa): Decision {
  if (!comando || typeof comando !== 'object') {
    return no('COMANDO_INVALIDO', 'La solicitud no es un comando de acta válido.', 422);
  }
  const comun = validarComun(comando);
  if (comun) return comun;
  if (estado === null) {
    if (comando.tipo === 'SIN_ACTA') return decidirSinActa(comando, null);
    if (comando.tipo === 'DIGITALIZACION' && comando.origen === 'CASILLA') return fotoAntesDeAcopio(comando, contexto);
    if (comando.tipo !== 'ACOPIO') {
      return no('ACTA_NO_ACOPIADA', 'El acta aún no ha sido acopiada: regístrela primero en el CATD.', 409);
    }
    return decidirAcopio(comando, contexto?.politica ?? DEFAULT_POLITICA_PREP, null);
  }
  if (estado.fase === 'SIN_ACTA') return cerradaSinActa(estado);
  if (estado.fase === 'PRE_ACOPIO') return decidirPreAcopio(estado, comando, contexto);
  // Narrowed for the compiler: only a SIN ACTA acta lacks its acopio, and it was handled above.
  const acopio = estado.acopio as AcopioActa;
  switch (comando.tipo) {
    case 'SIN_ACTA':
      return no(
        'ACTA_YA_ACOPIADA',
        `El acta ${estado.claveActa} fue acopiada en el CATD ${acopio.catd} el ${acopio.fechaHora}; no se publica como SIN ACTA.`,
        409,
      );
    case 'ACOPIO':
      return no(
        'ACTA_YA_ACOPIADA',
        `El acta ${estado.claveActa} ya fue acopiada en el CATD ${acopio.catd} el ${acopio.fechaHora} por ${acopio.usuario}; ese registro se conserva.` +
          (estado.catd !== acopio.catd ? ` Su CATD se corrigió a ${estado.catd}, donde continúa su proceso.` : '') +
          ' Si tiene otra acta en la mano, revise la clave.',
        409,
      );
    case 'DIGITALIZACION':
      return decidirDigitalizacion(estado, comando, contexto);
    case 'CAPTURA':
      return decidirCaptura(estado, comando, contexto);
    case 'VERIFICACION':
      return decidirVerificacion(estado, comando, contexto);
    case 'CORRECCION_CATD':
      return corregirCatd(estado, comando, contexto);
    default:
      return no(
        'COMANDO_INVALIDO',
        `Tipo de comando desconocido ${JSON.stringify((comando as { tipo?: unknown }).tipo)}: use ACOPIO, SIN_ACTA, DIGITALIZACION, CAPTURA, VERIFICACION o CORRECCION_CATD.`,
        422,
      );
  }
}
