/**
 * The life of one acta (DOMAIN.md "The process of one acta") as a pure reducer.
 *
 * The Temporal workflow of an acta keeps an EstadoActa and, for every staff action:
 *   1. validarComando(estado, comando, contexto) in the Update validator → null or a RechazoDominio;
 *   2. aplicarComando(estado, comando, contexto) in the Update handler → { estado, eventos },
 *      appending each event to the audit ledger in order.
 * Both run the same code (`decidir`), so they cannot disagree. Nothing here reads the clock, random
 * numbers or I/O: the workflow sandbox replays it and must get the same answer.
 * The state is never mutated: a validator must leave it untouched, and a refused command must leave
 * the workflow exactly as it was.
 */
import {
  Captura,
  ErrorCampo,
  camposDeActa,
  compararCapturas,
  formatearErroresCaptura,
  validarCaptura,
  validarValoresParciales,
} from './captura';
import { decidirCatdDeAcopio, rechazoFechaAcopio, type AcopioEnOtroCatd } from './acopio';
import { validarClaveActa } from './clave';
import { decidirCorreccionCatd, type ComandoCorreccionCatd, type CorreccionCatd } from './correccion-catd';
import { DomainError, RechazoDominio, StatusRechazo } from './errores';
import type { TipoTarea } from './tareas';
import { esFechaIsoConZona } from './fecha';
import { ROL_COORDINADOR } from './roles';
import { DEFAULT_POLITICA_PREP, type PoliticaPrep } from './politica';
import { CasillaParaResultado, Contabilizada, OBSERVACION, calcularResultado, sinActa } from './resultado';

// ─── Types ────────────────────────────────────────────────────────────────────────────────────

/**
 * PRE_ACOPIO: only PREP Casilla photos so far, the paquete has not reached a CATD (its acopio
 * completes it). SIN_ACTA is terminal like PUBLICADA: an acta that never arrived, published so at the close.
 */
export type Fase = 'PRE_ACOPIO' | 'ACOPIADA' | 'EN_CAPTURA' | 'EN_VERIFICACION' | 'ESCALADA' | 'PUBLICADA' | 'SIN_ACTA';
export type ModoVerificacion = 'confirmacion' | 'desempate';
export type OrigenImagen = 'CATD' | 'CASILLA';
export type MedioImagen = 'ESCANER' | 'MOVIL';
export type DecisionVerificacion = 'CONFIRMAR' | 'CORREGIR' | 'DEVOLVER';
/** Who took a verification decision: a verificador, or the coordinador of an escalated acta. */
export type RolDecision = 'verificador' | 'coordinador';

/** Longest motivo of a verification decision (it is kept in the state, the ledger and the read model). */
export const MOTIVO_MAX_CARACTERES = 500;
export const CAPTURAS_POR_RONDA = 2;

export interface ComandoAcopio {
  tipo: 'ACOPIO';
  claveActa: string;
  catd: string;
  usuario: string;
  fechaHora: string;
  mecanismoTraslado: string;
  /** Decided by the caller against the catálogo: such an acta is registered, never rejected. */
  fueraDeCatalogo: boolean;
  /**
   * Facts the API adds (absent only in commands of workflows started before these rules): the
   * catálogo's CATD of the acta (null when fuera de catálogo), the acopiador's reason for receiving
   * an acta of another CATD, and the server time when the acopio arrived (bounds fechaHora).
   */
  catdCatalogo?: string | null;
  motivo?: string | null;
  recibidaEn?: string;
}

export interface ComandoDigitalizacion {
  tipo: 'DIGITALIZACION';
  usuario: string;
  fechaHora: string;
  /** SHA-256 of the image bytes, computed on receipt (hex, any case; stored lowercase). */
  sha256: string;
  origen: OrigenImagen;
  medio: MedioImagen;
  tipoDocumento?: string | null;
  /** Where the image is stored (object key or path). */
  ruta: string;
  /**
   * false when the image does not show the whole acta (e.g. a cut PREP Casilla photo): it is kept,
   * but capture waits for a complete one and it is never the published image. Default true.
   */
  completa?: boolean;
  /**
   * CATD of the person who sends it, as authenticated by the API; null for a PREP Casilla device.
   * An origen CATD image is accepted only from the CATD that holds the acta.
   */
  catd?: string | null;
  /** Pixels read from the file by the API's content check; null for a PDF (absent = null). */
  ancho?: number | null;
  alto?: number | null;
  /** Pages of a PDF; null for JPEG and PNG (absent = null). */
  paginas?: number | null;
  /**
   * Set by the API for a PREP Casilla photo of an acta that has no workflow yet: the clave, and the
   * catálogo's CATD of the acta (its CATD until the acopio; null for a clave not in the catálogo).
   */
  claveActa?: string;
  catdCatalogo?: string | null;
}

export interface ComandoCaptura {
  tipo: 'CAPTURA';
  usuario: string;
  fechaHora: string;
  /** Raw input: validated here against camposDeActa(contexto.columnasVoto). */
  valores: unknown;
}

export interface ComandoVerificacion {
  tipo: 'VERIFICACION';
  usuario: string;
  fechaHora: string;
  decision: DecisionVerificacion;
  /** CORREGIR only: { CAMPO: valor } (some fields; in ESCALADA every field). */
  valores?: unknown;
  /** Required for DEVOLVER, for CORREGIR in modo confirmacion and for any decision on an ESCALADA acta. */
  motivo?: string | null;
}

/**
 * Operation close (DOMAIN.md step 6): the acta never arrived. Only the first command of an acta:
 * once it was acopiada, the close leaves it to its process.
 */
export interface ComandoSinActa {
  tipo: 'SIN_ACTA';
  claveActa: string;
  usuario: string;
  fechaHora: string;
  /** Why it never arrived (paquete no entregado, casilla no instalada, …); stored in capitals. */
  motivo: string;
  /** The catálogo's CATD of the acta: the one that would have received it. */
  catd: string;
}

/** Longest motivo of a SIN ACTA (it becomes the observación `SIN ACTA (motivo)`). */
export const MOTIVO_SIN_ACTA_MAX_CARACTERES = 80;

export type ComandoActa = ComandoAcopio | ComandoDigitalizacion | ComandoCaptura | ComandoVerificacion | ComandoCorreccionCatd | ComandoSinActa;

/**
 * What the workflow knows besides the state. It comes from the catálogo and the configuration,
 * and from the authenticated user (roles): the machine does not look anything up.
 */
export interface ContextoActa {
  politica: PoliticaPrep;
  /** The election's vote columns, in order. [] only for a fuera de catálogo acta. */
  columnasVoto: readonly string[];
  /** The casilla's data for Excede Lista Nominal. null/absent only for a fuera de catálogo acta. */
  casilla?: CasillaParaResultado | null;
  /**
   * Roles the acting user holds, as authenticated by the API. Only checked for decisions on an
   * ESCALADA acta (needs 'coordinador'); every other role check belongs to the API.
   */
  rolesUsuario?: readonly string[];
}

export interface AcopioActa {
  usuario: string;
  fechaHora: string;
  catd: string;
  mecanismoTraslado: string;
  /** Set when the policy accepted the acta in a CATD other than the catálogo's. */
  otroCatd: AcopioEnOtroCatd | null;
}

/** Every field is in the IMAGEN_DIGITALIZADA entry under the same name: usuario and fechaHora on the entry, the rest in its datos. */
export interface ImagenActa {
  sha256: string;
  origen: OrigenImagen;
  medio: MedioImagen;
  tipoDocumento: string | null;
  ruta: string;
  completa: boolean;
  /** Pixels; null for a PDF, and in entries written before dimensions were recorded. */
  ancho: number | null;
  alto: number | null;
  /** Pages of a PDF; null for JPEG and PNG. */
  paginas: number | null;
  usuario: string;
  fechaHora: string;
}

export interface CapturaRegistrada {
  usuario: string;
  fechaHora: string;
  valores: Captura;
}

export interface EscalamientoActa {
  /** The verificador whose return exceeded politica.maxDevoluciones. */
  usuario: string;
  fechaHora: string;
  motivo: string;
  devoluciones: number;
}

export interface DevolucionActa {
  usuario: string;
  fechaHora: string;
  motivo: string;
  rol: RolDecision;
}

/** A round closed by a return: its captures stay for the auditor. */
export interface RondaCerrada {
  ronda: number;
  capturas: CapturaRegistrada[];
  modoVerificacion: ModoVerificacion | null;
  discrepancias: string[];
  escalamiento: EscalamientoActa | null;
  devolucion: DevolucionActa;
}

export interface VerificacionActa {
  usuario: string;
  fechaHora: string;
  rol: RolDecision;
  decision: 'CONFIRMAR' | 'CORREGIR';
  modo: ModoVerificacion;
  motivo: string | null;
  /** Fields whose value the decision set (in modo desempate: at least every discrepancia). */
  camposCorregidos: string[];
  valoresCorregidos: Captura;
  /** Capture 1's values of the corrected fields, the base the corrections replaced. */
  valoresAnteriores: Captura;
}

export interface ResultadoActa {
  /** Final figures; null for a fuera de catálogo acta (its columns are unknown). */
  datos: Captura | null;
  totalVotosCalculado: number | null;
  observaciones: string[];
  contabilizada: Contabilizada;
  /** CODIGO_INTEGRIDAD of the published image. */
  imagenSha256: string | null;
}

/** JSON-serialisable (no undefined, Date, Map): it is Temporal workflow state. */
export interface EstadoActa {
  claveActa: string;
  /** The CATD the acta belongs to now: the acopio's, unless a correction moved it. */
  catd: string;
  fase: Fase;
  fueraDeCatalogo: boolean;
  /** null only for an acta published SIN ACTA: it was never received. */
  acopio: AcopioActa | null;
  imagenes: ImagenActa[];
  /** Starts at 1; each return opens the next round. */
  ronda: number;
  /** Captures of the current round, in arrival order (0, 1 or 2). */
  capturas: CapturaRegistrada[];
  modoVerificacion: ModoVerificacion | null;
  /** Fields where the two captures of the current round differ. */
  discrepancias: string[];
  historial: RondaCerrada[];
  /** Every return so far, including the one that escalated and the coordinador's. */
  devoluciones: number;
  escalamiento: EscalamientoActa | null;
  /** Everyone who captured this acta in any round: none of them may verify it. */
  capturistas: string[];
  verificacion: VerificacionActa | null;
  resultado: ResultadoActa | null;
  /** null only for an acta published SIN ACTA. */
  fechaHoraAcopio: string | null;
  /** 2nd capture of the current (at publication: the final) round. */
  fechaHoraCaptura: string | null;
  fechaHoraVerificacion: string | null;
  fechaHoraPublicacion: string | null;
  /** Time of the last event, for atoradas. */
  fechaHoraUltimoCambio: string;
  /** Sequence number of the last event (1 = ACTA_ACOPIADA or ACTA_SIN_ACTA). */
  secuencia: number;
  /** Every CATD correction, in order (the acopio record keeps where the acta was received). */
  correccionesCatd: CorreccionCatd[];
}

export interface DatosEventoActa {
  /** otroCatd only when the acta was accepted in a CATD other than the catálogo's. */
  ACTA_ACOPIADA: { catd: string; mecanismoTraslado: string; fueraDeCatalogo: boolean; otroCatd?: AcopioEnOtroCatd };
  /** The acta moved to another CATD; the phase does not change. */
  ACOPIO_CORREGIDO: { catdAnterior: string; catdNuevo: string; motivo: string; catdCatalogo: string | null };
  IMAGEN_DIGITALIZADA: {
    sha256: string;
    origen: OrigenImagen;
    medio: MedioImagen;
    tipoDocumento: string | null;
    ruta: string;
    completa: boolean;
    ancho: number | null;
    alto: number | null;
    paginas: number | null;
    /** 1-based position in imagenes. */
    numeroImagen: number;
    /** Only in the first entry of an acta whose PREP Casilla photo came before its acopio: the catálogo's CATD. */
    catdCatalogo?: string;
  };
  CAPTURA_REGISTRADA: { ronda: number; numeroCaptura: number; valores: Captura };
  CAPTURAS_COMPARADAS: {
    ronda: number;
    iguales: boolean;
    modo: ModoVerificacion;
    discrepancias: string[];
    capturistas: string[];
  };
  ACTA_VERIFICADA: {
    ronda: number;
    modo: ModoVerificacion;
    rol: RolDecision;
    decision: 'CONFIRMAR' | 'CORREGIR';
    motivo: string | null;
    discrepancias: string[];
    camposCorregidos: string[];
    valoresCorregidos: Captura;
    valoresAnteriores: Captura;
  };
  ACTA_DEVUELTA: {
    ronda: number;
    rondaNueva: number;
    rol: RolDecision;
    motivo: string;
    devoluciones: number;
    discrepancias: string[];
  };
  ACTA_ESCALADA: {
    ronda: number;
    motivo: string;
    devoluciones: number;
    maxDevoluciones: number;
    discrepancias: string[];
  };
  ACTA_PUBLICADA: {
    datos: Captura | null;
    totalVotosCalculado: number | null;
    observaciones: string[];
    contabilizada: Contabilizada;
    imagenSha256: string | null;
    fechaHoraAcopio: string | null;
    fechaHoraCaptura: string | null;
    fechaHoraVerificacion: string | null;
  };
  /** The first and only event of an acta that never arrived; observaciones = [`SIN ACTA (motivo)`]. */
  ACTA_SIN_ACTA: { catd: string; motivo: string; observaciones: string[]; contabilizada: 0 };
}

export type TipoEventoActa = keyof DatosEventoActa;

export type EventoActa = {
  [K in TipoEventoActa]: {
    tipo: K;
    claveActa: string;
    /** Per-acta sequence number for the ledger: 1, 2, 3… without gaps. */
    secuencia: number;
    faseAnterior: Fase | null;
    faseNueva: Fase;
    usuario: string;
    fechaHora: string;
    datos: DatosEventoActa[K];
  };
}[TipoEventoActa];

export interface TransicionActa {
  estado: EstadoActa;
  eventos: EventoActa[];
}

/** A refusal, with per-field errors when the refusal is about captured values. */
export interface RechazoActa extends RechazoDominio {
  /** At most MAX_ERRORES_LISTADOS entries. */
  errores?: ErrorCampo[];
  /** How many errors there were in all (more than errores.length when the list was cut). */
  totalErrores?: number;
}

// ─── Public API ───────────────────────────────────────────────────────────────────────────────

/** Creates the state from an ACOPIO. Throws DomainError when the command is invalid. */
export function iniciarActa(comando: ComandoAcopio, contexto?: ContextoActa): TransicionActa {
  return aplicarComando(null, comando, contexto as ContextoActa);
}

/** null when aplicarComando would accept the command; the refusal otherwise. Never mutates. */
export function validarComando(
  estado: EstadoActa | null,
  comando: ComandoActa,
  contexto: ContextoActa,
): RechazoActa | null {
  const r = decidir(estado, comando, contexto);
  return 'codigo' in r ? r : null;
}

/** Applies the command; throws DomainError carrying exactly what validarComando returns. */
export function aplicarComando(
  estado: EstadoActa | null,
  comando: ComandoActa,
  contexto: ContextoActa,
): TransicionActa {
  const r = decidir(estado, comando, contexto);
  if ('codigo' in r) throw new DomainError(r);
  return r;
}

/** The image published under the policy: today the first complete one (DOMAIN.md "Digitalización"). */
export function imagenPublicada(estado: EstadoActa, politica: PoliticaPrep): ImagenActa | null {
  switch (politica.imagenPublicada) {
    case 'primera_completa':
      return estado.imagenes.find((i) => i.completa) ?? null;
  }
}

/**
 * Users the task inbox must not offer this acta's next step to: a capture task excludes who
 * already captured this round; a verification or escalated decision excludes every capturista.
 */
export function usuariosQueNoPuedenTomar(estado: EstadoActa): string[] {
  switch (estado.fase) {
    case 'EN_CAPTURA':
      return estado.capturas.map((c) => c.usuario);
    case 'EN_VERIFICACION':
    case 'ESCALADA':
      return [...estado.capturistas];
    default:
      return [];
  }
}

/** What an acta waits for: its digitalización, or a task of the inbox. */
export type TareaActa = 'DIGITALIZACION' | TipoTarea;

/** Which kind of work the acta waits for; null once published. */
export function tareaPendiente(estado: EstadoActa): TareaActa | null {
  switch (estado.fase) {
    case 'PRE_ACOPIO':
      return null; // waits for its paquete, not for staff
    case 'ACOPIADA':
      return 'DIGITALIZACION';
    case 'EN_CAPTURA':
      return 'CAPTURA';
    case 'EN_VERIFICACION':
      return 'VERIFICACION';
    case 'ESCALADA':
      return 'DECISION_COORDINADOR';
    case 'PUBLICADA':
    case 'SIN_ACTA':
      return null;
  }
}

/** Phases after which nothing changes the acta any more. */
export function esFaseFinal(fase: Fase): boolean {
  return fase === 'PUBLICADA' || fase === 'SIN_ACTA';
}

/** True when an unpublished acta has not moved for politica.atoradaTrasMinutos. `ahora` is an ISO string. */
export function estaAtorada(estado: EstadoActa, ahora: string, politica: PoliticaPrep): boolean {
  if (esFaseFinal(estado.fase) || estado.fase === 'PRE_ACOPIO') return false;
  const transcurrido = Date.parse(ahora) - Date.parse(estado.fechaHoraUltimoCambio);
  return transcurrido >= politica.atoradaTrasMinutos * 60_000;
}

// ─── Decision ─────────────────────────────────────────────────────────────────────────────────

type Decision = RechazoActa | TransicionActa;

function no(codigo: string, mensaje: string, status: StatusRechazo, errores?: ErrorCampo[], totalErrores = errores?.length): RechazoActa {
  return errores ? { codigo, mensaje, status, errores, totalErrores } : { codigo, mensaje, status };
}

/** The refusal of values that failed validarCaptura / validarValoresParciales. */
function noValores(codigo: string, prefijo: string, v: { errores: ErrorCampo[]; totalErrores: number }): RechazoActa {
  return no(codigo, `${prefijo}${formatearErroresCaptura(v.errores, v.totalErrores)}`, 422, v.errores, v.totalErrores);
}

const RE_SHA256 = /^[0-9a-fA-F]{64}$/;

function textoNoVacio(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

function validarComun(comando: ComandoActa): RechazoActa | null {
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

/** Accumulates events on a shallow copy; every nested change must replace the array/object. */
class Borrador {
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

// ─── ACOPIO ───────────────────────────────────────────────────────────────────────────────────

// ─── PRE_ACOPIO (DOMAIN.md "Digitalización": a PREP Casilla photo may come first) ─────────────

function fotoAntesDeAcopio(c: ComandoDigitalizacion, contexto: ContextoActa): Decision {
  if (!textoNoVacio(c.catdCatalogo)) {
    return no('ACTA_NO_ACOPIADA', 'El acta no está en el catálogo y no ha sido acopiada: una foto de PREP Casilla solo se recibe antes del acopio para un acta esperada.', 409);
  }
  const claveActa = typeof c.claveActa === 'string' ? c.claveActa : '';
  const errClave = validarClaveActa(claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  const vacio = estadoSinAcopio(claveActa, c.catdCatalogo, c.fechaHora);

  return decidirDigitalizacion(vacio, c, contexto);
}

/** Before the acopio only the acopio itself, more PREP Casilla photos or the cierre's SIN ACTA apply. */
function decidirPreAcopio(estado: EstadoActa, c: ComandoActa, contexto: ContextoActa): Decision {
  switch (c.tipo) {
    case 'ACOPIO':
      if (c.claveActa !== estado.claveActa) return no('COMANDO_INVALIDO', `El comando es del acta ${c.claveActa}, no de ${estado.claveActa}.`, 422);
      return decidirAcopio(c, contexto?.politica ?? DEFAULT_POLITICA_PREP, estado);
    case 'SIN_ACTA':
      if (c.claveActa !== estado.claveActa) return no('COMANDO_INVALIDO', `El comando es del acta ${c.claveActa}, no de ${estado.claveActa}.`, 422);
      return decidirSinActa(c, estado);
    case 'DIGITALIZACION':
      if (c.origen === 'CASILLA') return decidirDigitalizacion(estado, c, contexto);
      break;
  }
  return no('ACTA_NO_ACOPIADA', `El acta ${estado.claveActa} solo tiene fotos de PREP Casilla: regístrela primero en acopio.`, 409);
}

function decidirAcopio(c: ComandoAcopio, politica: PoliticaPrep, previo: EstadoActa | null): Decision {
  const errClave = validarClaveActa(c.claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  if (!textoNoVacio(c.catd)) return no('CATD_REQUERIDO', 'Indique el CATD donde se recibe el acta.', 422);
  if (!textoNoVacio(c.mecanismoTraslado)) {
    return no('MECANISMO_TRASLADO_REQUERIDO', 'Indique el mecanismo de traslado con el que llegó el acta.', 422);
  }
  if (typeof c.fueraDeCatalogo !== 'boolean') {
    return no('FUERA_DE_CATALOGO_REQUERIDO', 'Falta indicar si el acta está fuera de catálogo (true o false).', 422);
  }
  if (c.fueraDeCatalogo && c.catdCatalogo != null) {
    return no('COMANDO_INVALIDO', 'Un acta fuera de catálogo no tiene CATD en el catálogo.', 422);
  }
  const fecha = rechazoFechaAcopio(c.fechaHora, c.recibidaEn, politica);
  if (fecha) return fecha;
  const lugar = decidirCatdDeAcopio(c, politica);
  if ('codigo' in lugar) return lugar;
  const { otroCatd } = lugar;
  const acopio: AcopioActa = {
    usuario: c.usuario,
    fechaHora: c.fechaHora,
    catd: c.catd,
    mecanismoTraslado: c.mecanismoTraslado,
    otroCatd,
  };
  const inicial: EstadoActa = {
    claveActa: c.claveActa,
    catd: c.catd,
    fase: 'ACOPIADA',
    fueraDeCatalogo: c.fueraDeCatalogo,
    acopio,
    imagenes: [],
    ronda: 1,
    capturas: [],
    modoVerificacion: null,
    discrepancias: [],
    historial: [],
    devoluciones: 0,
    escalamiento: null,
    capturistas: [],
    verificacion: null,
    resultado: null,
    fechaHoraAcopio: c.fechaHora,
    fechaHoraCaptura: null,
    fechaHoraVerificacion: null,
    fechaHoraPublicacion: null,
    fechaHoraUltimoCambio: c.fechaHora,
    secuencia: 0,
    correccionesCatd: [],
  };
  // After PREP Casilla photos: they stay, and a complete one opens capture at once.
  const fotos = previo?.imagenes ?? [];
  const abreCaptura = fotos.some((i) => i.completa) && !c.fueraDeCatalogo;
  const b = new Borrador(previo ? { ...inicial, imagenes: fotos, fase: previo.fase, secuencia: previo.secuencia } : inicial);
  b.emitir('ACTA_ACOPIADA', abreCaptura ? 'EN_CAPTURA' : 'ACOPIADA', c.usuario, c.fechaHora, {
    catd: c.catd,
    mecanismoTraslado: c.mecanismoTraslado,
    fueraDeCatalogo: c.fueraDeCatalogo,
    // Only when it applies, so the entry of an ordinary acopio keeps its original shape.
    ...(otroCatd ? { otroCatd } : {}),
  });
  return b.resultado();
}

/**
 * An acta with no acopio yet (PRE_ACOPIO) and nothing else: the base of an acta whose first event
 * is a PREP Casilla photo or a SIN ACTA. The fold (acta-reconstruccion.ts) builds on it too.
 */
export function estadoSinAcopio(claveActa: string, catd: string, fechaHora: string): EstadoActa {
  return {
    claveActa,
    catd,
    fase: 'PRE_ACOPIO',
    fueraDeCatalogo: false,
    acopio: null,
    imagenes: [],
    ronda: 1,
    capturas: [],
    modoVerificacion: null,
    discrepancias: [],
    historial: [],
    devoluciones: 0,
    escalamiento: null,
    capturistas: [],
    verificacion: null,
    resultado: null,
    fechaHoraAcopio: null,
    fechaHoraCaptura: null,
    fechaHoraVerificacion: null,
    fechaHoraPublicacion: null,
    fechaHoraUltimoCambio: fechaHora,
    secuencia: 0,
    correccionesCatd: [],
  };
}

// ─── SIN ACTA ─────────────────────────────────────────────────────────────────────────────────

/** Every later action on an acta published SIN ACTA: the operation closed it. */
function cerradaSinActa(estado: EstadoActa): RechazoActa {
  return no(
    'ACTA_CERRADA',
    `El acta ${estado.claveActa} se publicó como SIN ACTA (${estado.resultado?.observaciones.join(', ') ?? ''}) al cierre de la operación; ya no admite acciones.`,
    409,
  );
}

function decidirSinActa(c: ComandoSinActa, previo: EstadoActa | null): Decision {
  const errClave = validarClaveActa(c.claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  if (!textoNoVacio(c.catd)) return no('CATD_REQUERIDO', 'Indique el CATD del catálogo que debía recibir el acta.', 422);
  if (!textoNoVacio(c.motivo)) return no('MOTIVO_REQUERIDO', 'Indique el motivo por el que el acta no llegó.', 422);
  const motivo = c.motivo.trim().toUpperCase();
  if (motivo.length > MOTIVO_SIN_ACTA_MAX_CARACTERES) {
    return no('MOTIVO_DEMASIADO_LARGO', `El motivo de un SIN ACTA admite hasta ${MOTIVO_SIN_ACTA_MAX_CARACTERES} caracteres; resúmalo.`, 422);
  }
  const resultado: ResultadoActa = { datos: null, totalVotosCalculado: null, observaciones: [sinActa(motivo)], contabilizada: 0, imagenSha256: null };
  const inicial: EstadoActa = { ...estadoSinAcopio(c.claveActa, c.catd, c.fechaHora), fase: 'SIN_ACTA', resultado, fechaHoraPublicacion: c.fechaHora };

  // A clave with only PREP Casilla photos keeps them (they stay in the ledger); none is published.
  const b = new Borrador(previo ? { ...inicial, imagenes: previo.imagenes, fase: previo.fase, secuencia: previo.secuencia } : inicial);
  b.emitir('ACTA_SIN_ACTA', 'SIN_ACTA', c.usuario, c.fechaHora, {
    catd: c.catd,
    motivo,
    observaciones: resultado.observaciones,
    contabilizada: 0,
  });
  return b.resultado();
}

function corregirCatd(estado: EstadoActa, c: ComandoCorreccionCatd, contexto: ContextoActa): Decision {
  const r = decidirCorreccionCatd(estado, c, contexto.politica, contexto.rolesUsuario ?? []);
  if ('codigo' in r) return r;
  const b = new Borrador({ ...estado, catd: r.catdNuevo, correccionesCatd: [...estado.correccionesCatd, r] });
  b.emitir('ACOPIO_CORREGIDO', estado.fase, c.usuario, c.fechaHora, {
    catdAnterior: r.catdAnterior,
    catdNuevo: r.catdNuevo,
    motivo: r.motivo,
    catdCatalogo: r.catdCatalogo,
  });
  return b.resultado();
}

// ─── DIGITALIZACION ───────────────────────────────────────────────────────────────────────────

function decidirDigitalizacion(estado: EstadoActa, c: ComandoDigitalizacion, contexto: ContextoActa): Decision {
  if (typeof c.sha256 !== 'string' || !RE_SHA256.test(c.sha256)) {
    return no('SHA256_INVALIDO', 'El código de integridad debe ser el SHA-256 de la imagen: 64 caracteres hexadecimales.', 422);
  }
  if (c.origen !== 'CATD' && c.origen !== 'CASILLA') {
    return no('ORIGEN_INVALIDO', `El origen ${JSON.stringify(c.origen)} no es válido: use CATD o CASILLA.`, 422);
  }
  if (c.medio !== 'ESCANER' && c.medio !== 'MOVIL') {
    return no('MEDIO_INVALIDO', `El medio ${JSON.stringify(c.medio)} no es válido: use ESCANER o MOVIL.`, 422);
  }
  if (c.origen === 'CASILLA' && c.medio !== 'MOVIL') {
    return no('MEDIO_INVALIDO', 'Las fotos de PREP Casilla se toman con el teléfono: use medio MOVIL con origen CASILLA.', 422);
  }
  // Bound like acopio: a scan at a CATD is of a paquete that CATD received, so staff of another
  // CATD cannot add (and, being first, publish) an image of this acta.
  if (c.origen === 'CATD' && c.catd !== estado.catd) {
    return no(
      'FUERA_DE_SU_CATD',
      `El acta ${estado.claveActa} fue acopiada en el CATD ${estado.catd}; solo el personal de ese CATD puede digitalizarla (su CATD: ${textoNoVacio(c.catd) ? c.catd : 'ninguno'}).`,
      403,
    );
  }
  for (const campo of ['ancho', 'alto', 'paginas'] as const) {
    const v = c[campo];
    if (v != null && !(Number.isInteger(v) && v > 0)) {
      return no('DIMENSIONES_INVALIDAS', `${campo} debe ser un entero positivo o null (se recibió ${JSON.stringify(v)}).`, 422);
    }
  }
  if (!textoNoVacio(c.ruta)) return no('RUTA_REQUERIDA', 'Falta la ruta donde quedó guardada la imagen.', 422);
  if (c.tipoDocumento != null && typeof c.tipoDocumento !== 'string') {
    return no('TIPO_DOCUMENTO_INVALIDO', 'El tipo de documento debe ser texto.', 422);
  }
  if (c.completa != null && typeof c.completa !== 'boolean') {
    return no('COMPLETA_INVALIDA', 'El indicador "completa" debe ser true o false.', 422);
  }
  const sha256 = c.sha256.toLowerCase();
  const previa = estado.imagenes.find((i) => i.sha256 === sha256);
  if (previa) {
    return no(
      'IMAGEN_DUPLICADA',
      `Esta imagen ya está registrada para el acta ${estado.claveActa} (recibida el ${previa.fechaHora} por ${previa.usuario}); no hace falta enviarla de nuevo.`,
      409,
    );
  }
  const imagen: ImagenActa = {
    sha256,
    origen: c.origen,
    medio: c.medio,
    tipoDocumento: c.tipoDocumento ?? null,
    ruta: c.ruta,
    completa: c.completa ?? true,
    ancho: c.ancho ?? null,
    alto: c.alto ?? null,
    paginas: c.paginas ?? null,
    usuario: c.usuario,
    fechaHora: c.fechaHora,
  };
  const abreCaptura = estado.fase === 'ACOPIADA' && imagen.completa;
  const faseNueva: Fase = abreCaptura && !estado.fueraDeCatalogo ? 'EN_CAPTURA' : estado.fase;
  const primera = estado.secuencia === 0; // a PREP Casilla photo before the acopio: the acta starts here
  const b = new Borrador({ ...estado, imagenes: [...estado.imagenes, imagen] });
  b.emitir('IMAGEN_DIGITALIZADA', faseNueva, c.usuario, c.fechaHora, {
    sha256,
    origen: imagen.origen,
    medio: imagen.medio,
    tipoDocumento: imagen.tipoDocumento,
    ruta: imagen.ruta,
    completa: imagen.completa,
    ancho: imagen.ancho,
    alto: imagen.alto,
    paginas: imagen.paginas,
    numeroImagen: estado.imagenes.length + 1,
    ...(primera ? { catdCatalogo: estado.catd } : {}),
  });
  if (abreCaptura && estado.fueraDeCatalogo) {
    // Its columns are unknown, so it cannot be captured: it is published as is (CONTABILIZADA 2).
    publicar(b, c.usuario, c.fechaHora, contexto, {
      datos: null,
      totalVotosCalculado: null,
      observaciones: [OBSERVACION.FUERA_DE_CATALOGO],
      contabilizada: 2,
    });
  }
  return b.resultado();
}

// ─── CAPTURA ──────────────────────────────────────────────────────────────────────────────────

function camposDelContexto(contexto: ContextoActa): string[] {
  if (!contexto || !contexto.columnasVoto || contexto.columnasVoto.length === 0) {
    // A wiring bug, not a user error: fail loudly instead of accepting an empty capture.
    throw new Error('ContextoActa sin columnasVoto: el workflow debe pasar las columnas de la elección del acta.');
  }
  return camposDeActa(contexto.columnasVoto);
}

function faseNoPermite(estado: EstadoActa, accion: 'capturar' | 'verificar'): RechazoActa {
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

function decidirCaptura(estado: EstadoActa, c: ComandoCaptura, contexto: ContextoActa): Decision {
  if (estado.fase !== 'EN_CAPTURA') return faseNoPermite(estado, 'capturar');
  if (estado.capturas.some((k) => k.usuario === c.usuario)) {
    return no(
      'CAPTURISTA_REPETIDO',
      `Usted ya capturó el acta ${estado.claveActa} en la ronda ${estado.ronda}; la otra captura debe hacerla una persona distinta. Tome otra acta.`,
      409,
    );
  }
  const campos = camposDelContexto(contexto);
  const v = validarCaptura(c.valores, campos);
  if (!v.ok) return noValores('CAPTURA_INVALIDA', '', v);

  const registrada: CapturaRegistrada = { usuario: c.usuario, fechaHora: c.fechaHora, valores: v.captura };
  const capturas = [...estado.capturas, registrada];
  const capturistas = estado.capturistas.includes(c.usuario) ? estado.capturistas : [...estado.capturistas, c.usuario];
  const b = new Borrador({ ...estado, capturas, capturistas });
  b.emitir('CAPTURA_REGISTRADA', 'EN_CAPTURA', c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    numeroCaptura: capturas.length,
    valores: v.captura,
  });
  if (capturas.length === CAPTURAS_POR_RONDA) {
    const discrepancias = compararCapturas(capturas[0].valores, capturas[1].valores, campos);
    const modo: ModoVerificacion = discrepancias.length === 0 ? 'confirmacion' : 'desempate';
    b.estado = { ...b.estado, discrepancias, modoVerificacion: modo, fechaHoraCaptura: c.fechaHora };
    b.emitir('CAPTURAS_COMPARADAS', 'EN_VERIFICACION', c.usuario, c.fechaHora, {
      ronda: estado.ronda,
      iguales: discrepancias.length === 0,
      modo,
      discrepancias,
      capturistas: capturas.map((k) => k.usuario),
    });
  }
  return b.resultado();
}

// ─── VERIFICACION ─────────────────────────────────────────────────────────────────────────────

function tiene(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function sinValores(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function decidirVerificacion(estado: EstadoActa, c: ComandoVerificacion, contexto: ContextoActa): Decision {
  if (estado.fase !== 'EN_VERIFICACION' && estado.fase !== 'ESCALADA') return faseNoPermite(estado, 'verificar');
  const escalada = estado.fase === 'ESCALADA';
  if (estado.capturistas.includes(c.usuario)) {
    return no(
      'VERIFICADOR_CAPTURO',
      `Usted capturó el acta ${estado.claveActa}; por independencia no puede verificarla ni decidirla. Tome otra acta.`,
      403,
    );
  }
  if (escalada && !(contexto.rolesUsuario ?? []).includes(ROL_COORDINADOR)) {
    return no(
      'SOLO_COORDINADOR',
      `El acta ${estado.claveActa} fue devuelta más de ${contexto.politica.maxDevoluciones} veces y está escalada: solo un coordinador puede decidirla.`,
      403,
    );
  }
  if (c.decision !== 'CONFIRMAR' && c.decision !== 'CORREGIR' && c.decision !== 'DEVOLVER') {
    return no('DECISION_INVALIDA', `La decisión ${JSON.stringify(c.decision)} no es válida: use CONFIRMAR, CORREGIR o DEVOLVER.`, 422);
  }
  if (c.motivo != null && typeof c.motivo !== 'string') return no('MOTIVO_INVALIDO', 'El motivo debe ser texto.', 422);
  if (typeof c.motivo === 'string' && c.motivo.length > MOTIVO_MAX_CARACTERES) {
    return no('MOTIVO_DEMASIADO_LARGO', `El motivo admite hasta ${MOTIVO_MAX_CARACTERES} caracteres; resúmalo.`, 422);
  }
  const motivo = textoNoVacio(c.motivo) ? c.motivo.trim() : null;
  const rol: RolDecision = escalada ? 'coordinador' : 'verificador';

  if (c.decision === 'DEVOLVER') {
    if (!sinValores(c.valores)) return no('VALORES_NO_ESPERADOS', 'Al devolver un acta no se envían valores; quítelos o use CORREGIR.', 422);
    if (!motivo) return no('MOTIVO_REQUERIDO', 'Indique el motivo por el que devuelve el acta a captura.', 422);
    return devolver(estado, c, contexto, motivo, rol);
  }

  const campos = camposDelContexto(contexto);
  if (c.decision === 'CONFIRMAR') {
    if (!sinValores(c.valores)) return no('VALORES_NO_ESPERADOS', 'CONFIRMAR no lleva valores; si cambia alguno use CORREGIR.', 422);
    if (escalada) {
      return no(
        'ESCALADA_REQUIERE_DATOS',
        'En un acta escalada envíe CORREGIR con todos los campos tal como se leen en la imagen (y el motivo), o devuélvala a captura.',
        422,
      );
    }
    if (estado.modoVerificacion === 'desempate') {
      return no(
        'DESEMPATE_REQUIERE_CORRECCION',
        `Las capturas difieren en ${estado.discrepancias.join(', ')}: elija el valor correcto de cada uno con CORREGIR.`,
        422,
      );
    }
    return verificarYPublicar(estado, c, contexto, campos, rol, motivo, {});
  }

  // CORREGIR
  if (escalada) {
    const v = validarCaptura(c.valores, campos);
    if (!v.ok) return noValores('CAPTURA_INVALIDA', 'En un acta escalada envíe todos los campos. ', v);
    if (!motivo) return no('MOTIVO_REQUERIDO', 'Indique el motivo de su decisión sobre el acta escalada.', 422);
    return verificarYPublicar(estado, c, contexto, campos, rol, motivo, v.captura);
  }
  const v = validarValoresParciales(c.valores, campos);
  if (!v.ok) return noValores('VALORES_INVALIDOS', '', v);
  if (Object.keys(v.captura).length === 0) {
    return no('VALORES_REQUERIDOS', 'CORREGIR necesita al menos un campo con su valor correcto.', 422);
  }
  if (estado.modoVerificacion === 'desempate') {
    const faltan = estado.discrepancias.filter((d) => !tiene(v.captura, d));
    if (faltan.length) {
      return no(
        'FALTAN_CAMPOS_DISCREPANTES',
        `Falta decidir el valor de: ${faltan.join(', ')}. Las capturas difieren en esos campos; indique el valor que se lee en la imagen.`,
        422,
        faltan.map((campo) => ({ campo, mensaje: `Indique el valor correcto de ${campo}: las capturas difieren.` })),
      );
    }
  } else if (!motivo) {
    return no('MOTIVO_REQUERIDO', 'Las dos capturas coincidían: indique el motivo de la corrección.', 422);
  }
  return verificarYPublicar(estado, c, contexto, campos, rol, motivo, v.captura);
}

function devolver(estado: EstadoActa, c: ComandoVerificacion, contexto: ContextoActa, motivo: string, rol: RolDecision): Decision {
  const devoluciones = estado.devoluciones + 1;
  // A coordinador's return is the way out of ESCALADA, so it never escalates again.
  if (rol === 'verificador' && devoluciones > contexto.politica.maxDevoluciones) {
    const escalamiento: EscalamientoActa = { usuario: c.usuario, fechaHora: c.fechaHora, motivo, devoluciones };
    const b = new Borrador({ ...estado, devoluciones, escalamiento });
    b.emitir('ACTA_ESCALADA', 'ESCALADA', c.usuario, c.fechaHora, {
      ronda: estado.ronda,
      motivo,
      devoluciones,
      maxDevoluciones: contexto.politica.maxDevoluciones,
      discrepancias: estado.discrepancias,
    });
    return b.resultado();
  }
  const cerrada: RondaCerrada = {
    ronda: estado.ronda,
    capturas: estado.capturas,
    modoVerificacion: estado.modoVerificacion,
    discrepancias: estado.discrepancias,
    escalamiento: estado.escalamiento,
    devolucion: { usuario: c.usuario, fechaHora: c.fechaHora, motivo, rol },
  };
  const b = new Borrador({
    ...estado,
    historial: [...estado.historial, cerrada],
    ronda: estado.ronda + 1,
    capturas: [],
    modoVerificacion: null,
    discrepancias: [],
    escalamiento: null,
    devoluciones,
    fechaHoraCaptura: null,
  });
  b.emitir('ACTA_DEVUELTA', 'EN_CAPTURA', c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    rondaNueva: estado.ronda + 1,
    rol,
    motivo,
    devoluciones,
    discrepancias: estado.discrepancias,
  });
  return b.resultado();
}

function verificarYPublicar(
  estado: EstadoActa,
  c: ComandoVerificacion,
  contexto: ContextoActa,
  campos: readonly string[],
  rol: RolDecision,
  motivo: string | null,
  valores: Captura,
): Decision {
  if (!contexto.casilla) {
    throw new Error('ContextoActa sin casilla: el workflow debe pasar lista nominal y representantes para publicar.');
  }
  const base = estado.capturas[0].valores;
  const datos: Captura = {};
  for (const campo of campos) datos[campo] = tiene(valores, campo) ? valores[campo] : base[campo];
  // In ESCALADA the coordinador sends every field: only those that change capture 1 are corrections.
  const camposCorregidos = campos.filter((k) => tiene(valores, k) && (rol === 'verificador' || valores[k] !== base[k]));
  const valoresCorregidos: Captura = {};
  const valoresAnteriores: Captura = {};
  for (const k of camposCorregidos) {
    valoresCorregidos[k] = datos[k];
    valoresAnteriores[k] = base[k];
  }
  const decision = c.decision === 'CONFIRMAR' ? 'CONFIRMAR' : 'CORREGIR';
  const modo = estado.modoVerificacion ?? 'confirmacion';
  const verificacion: VerificacionActa = {
    usuario: c.usuario,
    fechaHora: c.fechaHora,
    rol,
    decision,
    modo,
    motivo,
    camposCorregidos,
    valoresCorregidos,
    valoresAnteriores,
  };
  const b = new Borrador({ ...estado, verificacion, fechaHoraVerificacion: c.fechaHora });
  b.emitir('ACTA_VERIFICADA', estado.fase, c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    modo,
    rol,
    decision,
    motivo,
    discrepancias: estado.discrepancias,
    camposCorregidos,
    valoresCorregidos,
    valoresAnteriores,
  });
  const r = calcularResultado({ captura: datos, columnasVoto: contexto.columnasVoto, casilla: contexto.casilla, politica: contexto.politica });
  publicar(b, c.usuario, c.fechaHora, contexto, {
    datos,
    totalVotosCalculado: r.totalVotosCalculado,
    observaciones: r.observaciones,
    contabilizada: r.contabilizada,
  });
  return b.resultado();
}

function publicar(
  b: Borrador,
  usuario: string,
  fechaHora: string,
  contexto: ContextoActa,
  r: Omit<ResultadoActa, 'imagenSha256'>,
): void {
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
