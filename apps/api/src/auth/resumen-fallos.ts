/** How long repeated failed logins from one address are gathered into one bitácora entry. */
export const VENTANA_RESUMEN_MS = 5 * 60_000;
/** Distinct names listed per entry; attempts under further names are only counted. */
export const MAX_USUARIOS_POR_RESUMEN = 20;
/** Longest name written (LoginDto allows 64; kept here so the entry stays bounded whatever the DTO says). */
export const LARGO_MAX_USUARIO = 64;
/** Addresses tracked at once; beyond it, new addresses share one bucket so memory and entries stay bounded. */
export const MAX_DIRECCIONES = 1_000;
export const OTRAS_DIRECCIONES = '*';

/** A failure is a judged wrong login (401); a rechazo was refused by the limits (429) before being judged. */
export type EventoFallido = 'fallo' | 'rechazo';

/** The `datos` of one SESION_FALLIDA bitácora entry. */
export interface ResumenFallosLogin {
  direccion: string;
  /** First and last attempt this entry covers (ISO 8601, UTC). */
  desde: string;
  hasta: string;
  fallos: number;
  rechazos: number;
  usuarios: { usuario: string; intentos: number }[];
  /** Attempts under names beyond MAX_USUARIOS_POR_RESUMEN. */
  intentosOtrosUsuarios: number;
}

interface Acumulado {
  desde: number;
  hasta: number;
  fallos: number;
  rechazos: number;
  usuarios: Map<string, number>;
  intentosOtrosUsuarios: number;
}

interface Ventana {
  inicio: number;
  pendiente: Acumulado | null;
}

/**
 * Turns failed logins into O(1) bitácora entries per address and window, so a script inventing
 * names cannot flood immudb: the first failure of an address opens a window and is returned for
 * writing at once (a lone mistyped password is visible right away, as before); the rest of that
 * window is only counted, and returned as one summary when the window has ended (vencidos) or
 * the API stops (pendientes). Trade-off: until then the repeats live only in memory, so a crash
 * (kill -9, power loss) loses at most one window of repeat counts, never the fact that the address
 * was failing, which the first entry already holds. Pure: the caller gives the clock and writes.
 */
export class ResumenFallos {
  private readonly ventanas = new Map<string, Ventana>();

  constructor(
    private readonly ahora: () => number,
    private readonly ventanaMs = VENTANA_RESUMEN_MS,
  ) {}

  /** Records one event; returns the entries to write now (an ended window's summary, a new window's first). */
  anotar(evento: EventoFallido, direccion: string, usuario: string): ResumenFallosLogin[] {
    const t = this.ahora();
    const listos: ResumenFallosLogin[] = [];
    let clave = direccion;
    let ventana = this.viva(clave, t, listos);
    if (!ventana && this.ventanas.size >= MAX_DIRECCIONES) {
      clave = OTRAS_DIRECCIONES;
      ventana = this.viva(clave, t, listos);
    }
    const acumulado = nuevo(t, evento, usuario);
    if (!ventana) {
      this.ventanas.set(clave, { inicio: t, pendiente: null });
      listos.push(resumir(clave, acumulado));
    } else if (ventana.pendiente) {
      sumar(ventana.pendiente, t, evento, usuario);
    } else {
      ventana.pendiente = acumulado;
    }
    return listos;
  }

  /** The key's open window; an ended one is forgotten, its summary added to `listos`. */
  private viva(clave: string, t: number, listos: ResumenFallosLogin[]): Ventana | undefined {
    const ventana = this.ventanas.get(clave);
    if (!ventana || t < ventana.inicio + this.ventanaMs) return ventana;
    if (ventana.pendiente) listos.push(resumir(clave, ventana.pendiente));
    this.ventanas.delete(clave);
    return undefined;
  }

  /** Summaries of windows that have ended; those windows are forgotten. */
  vencidos(): ResumenFallosLogin[] {
    const t = this.ahora();
    const listos: ResumenFallosLogin[] = [];
    for (const [clave, ventana] of this.ventanas) {
      if (t < ventana.inicio + this.ventanaMs) continue;
      if (ventana.pendiente) listos.push(resumir(clave, ventana.pendiente));
      this.ventanas.delete(clave);
    }
    return listos;
  }

  /** Every summary not yet returned, ended windows or not (for shutdown); open windows stay open. */
  pendientes(): ResumenFallosLogin[] {
    const listos: ResumenFallosLogin[] = [];
    for (const [clave, ventana] of this.ventanas) {
      if (ventana.pendiente) listos.push(resumir(clave, ventana.pendiente));
      ventana.pendiente = null;
    }
    return listos;
  }
}

function nuevo(t: number, evento: EventoFallido, usuario: string): Acumulado {
  const a: Acumulado = { desde: t, hasta: t, fallos: 0, rechazos: 0, usuarios: new Map(), intentosOtrosUsuarios: 0 };
  sumar(a, t, evento, usuario);
  return a;
}

function sumar(a: Acumulado, t: number, evento: EventoFallido, usuario: string): void {
  a.hasta = t;
  if (evento === 'fallo') a.fallos++;
  else a.rechazos++;
  const nombre = usuario.slice(0, LARGO_MAX_USUARIO);
  const previos = a.usuarios.get(nombre);
  if (previos !== undefined) a.usuarios.set(nombre, previos + 1);
  else if (a.usuarios.size < MAX_USUARIOS_POR_RESUMEN) a.usuarios.set(nombre, 1);
  else a.intentosOtrosUsuarios++;
}

function resumir(direccion: string, a: Acumulado): ResumenFallosLogin {
  return {
    direccion,
    desde: new Date(a.desde).toISOString(),
    hasta: new Date(a.hasta).toISOString(),
    fallos: a.fallos,
    rechazos: a.rechazos,
    usuarios: [...a.usuarios].map(([usuario, intentos]) => ({ usuario, intentos })),
    intentosOtrosUsuarios: a.intentosOtrosUsuarios,
  };
}
