/** The acta's vocabulary: phases, commands, state and bitácora events, and the limits they carry. */
import type { Captura, ErrorCampo } from './captura';
import type { AcopioEnOtroCatd } from './acopio';
import type { ComandoCorreccionCatd, CorreccionCatd } from './correccion-catd';
import type { RechazoDominio } from './errores';
import type { PoliticaPrep } from './politica';
import type { CasillaParaResultado, Contabilizada } from './resultado';

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

/** Longest motivo of a verification decision (it is kept in the state, the bitácora and the read model). */
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
  /** The image exactly as the state keeps it (usuario and fechaHora are the entry's own), so the fold can copy it. */
  IMAGEN_DIGITALIZADA: Omit<ImagenActa, 'usuario' | 'fechaHora'> & {
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
    /** Per-acta sequence number for the bitácora: 1, 2, 3… without gaps. */
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
