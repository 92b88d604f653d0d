/**
 * Rebuilds an acta's state from its bitácora events alone (event sourcing's fold).
 *
 * The state machine (acta-maquina.ts) decides and emits events; this module replays them. The
 * auditor uses it to derive, from the bitácora only, everything the read model serves or will
 * publish, and the machine's unit tests check after every transition that replaying its events
 * gives back exactly the state it produced — so the two can never drift apart unnoticed.
 *
 * The chain rule lives here too: an event must carry the acta's clave, the next secuencia and, as
 * faseAnterior, the phase the previous event left.
 */
import { estadoAcopiado, estadoSinAcopio, type EstadoActa, type EventoActa } from './acta-maquina';

/** The events cannot be replayed: a gap, a foreign clave, a phase that does not follow, or a history that starts with neither ACTA_ACOPIADA nor ACTA_SIN_ACTA. */
export class CadenaRotaError extends Error {
  constructor(
    readonly claveActa: string,
    readonly secuencia: number,
    mensaje: string,
  ) {
    super(mensaje);
    this.name = 'CadenaRotaError';
  }
}

/** The chain rule: null when `evento` may follow `estado` (null = no event yet), the reason otherwise. */
export function romperiaCadena(
  estado: { claveActa: string; secuencia: number; fase: string } | null,
  evento: { claveActa: string; secuencia: number; faseAnterior: string | null },
): string | null {
  const esperada = (estado?.secuencia ?? 0) + 1;
  if (evento.secuencia !== esperada) return `se esperaba la secuencia ${esperada} y la entrada tiene ${evento.secuencia}`;
  if (estado === null) {
    if (evento.faseAnterior !== null) return `la primera entrada debe partir de ninguna fase y parte de ${evento.faseAnterior}`;
    return null;
  }
  if (evento.claveActa !== estado.claveActa) return `la entrada es del acta ${evento.claveActa}, no de ${estado.claveActa}`;
  if (evento.faseAnterior !== estado.fase) return `la entrada ${evento.secuencia} parte de ${evento.faseAnterior} pero la anterior terminó en ${estado.fase}`;
  return null;
}

/** Applies one event to the state it follows. Throws CadenaRotaError when the chain rule fails. */
export function aplicarEvento(estado: EstadoActa | null, e: EventoActa): EstadoActa {
  const rota = romperiaCadena(estado, e);
  if (rota) throw new CadenaRotaError(e.claveActa, e.secuencia, rota);
  const base = estado === null ? estadoInicial(e) : cambiar(estado, e);
  return { ...base, fase: e.faseNueva, secuencia: e.secuencia, fechaHoraUltimoCambio: e.fechaHora };
}

/** Applies events in order. */
export function aplicarEventos(estado: EstadoActa | null, eventos: readonly EventoActa[]): EstadoActa | null {
  return eventos.reduce<EstadoActa | null>((s, e) => aplicarEvento(s, e), estado);
}

/** The state an acta's complete event history leads to. */
export function reconstruirEstado(eventos: readonly EventoActa[]): EstadoActa {
  if (eventos.length === 0) throw new CadenaRotaError('', 0, 'no hay entradas que reconstruir');
  return aplicarEventos(null, eventos)!;
}

function estadoInicial(e: EventoActa): EstadoActa {
  if (e.tipo === 'ACTA_SIN_ACTA') return estadoSinActa(e);
  if (e.tipo === 'ACTA_ACOPIADA') return estadoDeAcopio(e);
  if (e.tipo === 'IMAGEN_DIGITALIZADA' && e.faseNueva === 'PRE_ACOPIO' && e.datos.catdCatalogo) return estadoPreAcopio(e);
  throw new CadenaRotaError(e.claveActa, e.secuencia, `la historia empieza con ${e.tipo} y no con ACTA_ACOPIADA, ACTA_SIN_ACTA ni una foto de PREP Casilla`);
}

type Evento<K extends EventoActa['tipo']> = Extract<EventoActa, { tipo: K }>;

/** A PREP Casilla photo before the acopio: the acta exists with its photo, in its catálogo CATD. */
function estadoPreAcopio(e: Evento<'IMAGEN_DIGITALIZADA'>): EstadoActa {
  return conImagen(estadoSinAcopio(e.claveActa, e.datos.catdCatalogo!, e.fechaHora), e);
}

function conImagen(s: EstadoActa, e: Evento<'IMAGEN_DIGITALIZADA'>): EstadoActa {
  // Every field of the event but its position (and the first photo's catálogo CATD) is a field of
  // the image, so new image data recorded by the machine reaches the rebuilt state without a change here.
  const { numeroImagen: _posicion, catdCatalogo: _catd, ...imagen } = e.datos;
  return { ...s, imagenes: [...s.imagenes, { ...imagen, usuario: e.usuario, fechaHora: e.fechaHora }] };
}

function estadoDeAcopio(e: Evento<'ACTA_ACOPIADA'>): EstadoActa {
  const d = e.datos;
  const acopio = { usuario: e.usuario, fechaHora: e.fechaHora, catd: d.catd, mecanismoTraslado: d.mecanismoTraslado, otroCatd: d.otroCatd ?? null };
  return { ...estadoAcopiado(e.claveActa, acopio, d.fueraDeCatalogo), fase: e.faseNueva };
}

function estadoSinActa(e: Evento<'ACTA_SIN_ACTA'>): EstadoActa {
  const d = e.datos;
  return {
    ...estadoSinAcopio(e.claveActa, d.catd, e.fechaHora),
    resultado: { datos: null, totalVotosCalculado: null, observaciones: d.observaciones, contabilizada: d.contabilizada, imagenSha256: null },
    fechaHoraPublicacion: e.fechaHora,
  };
}

function cambiar(s: EstadoActa, e: EventoActa): EstadoActa {
  switch (e.tipo) {
    // Both may follow PREP Casilla photos (PRE_ACOPIO), which the acta keeps.
    case 'ACTA_SIN_ACTA':
      if (s.fase !== 'PRE_ACOPIO')
        throw new CadenaRotaError(e.claveActa, e.secuencia, 'ACTA_SIN_ACTA solo puede ser la primera entrada de un acta o seguir a fotos de PREP Casilla');
      return { ...estadoSinActa(e), imagenes: s.imagenes };
    case 'ACTA_ACOPIADA':
      if (s.fase !== 'PRE_ACOPIO')
        throw new CadenaRotaError(e.claveActa, e.secuencia, 'un acta solo se acopia una vez y la bitácora tiene un segundo ACTA_ACOPIADA');
      return { ...estadoDeAcopio(e), imagenes: s.imagenes };
    case 'ACOPIO_CORREGIDO':
      return { ...s, catd: e.datos.catdNuevo, correccionesCatd: [...s.correccionesCatd, { usuario: e.usuario, fechaHora: e.fechaHora, ...e.datos }] };
    case 'IMAGEN_DIGITALIZADA':
      return conImagen(s, e);
    case 'CAPTURA_REGISTRADA':
      return {
        ...s,
        capturas: [...s.capturas, { usuario: e.usuario, fechaHora: e.fechaHora, valores: e.datos.valores }],
        capturistas: s.capturistas.includes(e.usuario) ? s.capturistas : [...s.capturistas, e.usuario],
      };
    case 'CAPTURAS_COMPARADAS':
      return { ...s, discrepancias: e.datos.discrepancias, modoVerificacion: e.datos.modo, fechaHoraCaptura: e.fechaHora };
    case 'ACTA_VERIFICADA': {
      const d = e.datos;
      return {
        ...s,
        verificacion: {
          usuario: e.usuario,
          fechaHora: e.fechaHora,
          rol: d.rol,
          decision: d.decision,
          modo: d.modo,
          motivo: d.motivo,
          camposCorregidos: d.camposCorregidos,
          valoresCorregidos: d.valoresCorregidos,
          valoresAnteriores: d.valoresAnteriores,
        },
        fechaHoraVerificacion: e.fechaHora,
      };
    }
    case 'ACTA_ESCALADA':
      return {
        ...s,
        devoluciones: e.datos.devoluciones,
        escalamiento: { usuario: e.usuario, fechaHora: e.fechaHora, motivo: e.datos.motivo, devoluciones: e.datos.devoluciones },
      };
    case 'ACTA_DEVUELTA':
      return {
        ...s,
        historial: [
          ...s.historial,
          {
            ronda: s.ronda,
            capturas: s.capturas,
            modoVerificacion: s.modoVerificacion,
            discrepancias: s.discrepancias,
            escalamiento: s.escalamiento,
            devolucion: { usuario: e.usuario, fechaHora: e.fechaHora, motivo: e.datos.motivo, rol: e.datos.rol },
          },
        ],
        ronda: e.datos.rondaNueva,
        capturas: [],
        modoVerificacion: null,
        discrepancias: [],
        escalamiento: null,
        devoluciones: e.datos.devoluciones,
        fechaHoraCaptura: null,
      };
    case 'ACTA_PUBLICADA': {
      const d = e.datos;
      return {
        ...s,
        resultado: {
          datos: d.datos,
          totalVotosCalculado: d.totalVotosCalculado,
          observaciones: d.observaciones,
          contabilizada: d.contabilizada,
          imagenSha256: d.imagenSha256,
        },
        fechaHoraPublicacion: e.fechaHora,
      };
    }
    default: {
      const desconocido: never = e;
      throw new CadenaRotaError(s.claveActa, (desconocido as EventoActa).secuencia, `tipo de entrada desconocido ${(desconocido as EventoActa).tipo}`);
    }
  }
}
