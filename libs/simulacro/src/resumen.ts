/**
 * The shape of a drill's summary (resumen.json), declared once here so the CLI that writes it and
 * the informe that renders it read the same thing. Types only: the CLI (scripts/simulacro) fills it.
 */
import type { ResumenTiempos } from './estadistica';
import type { ReporteFalla } from './fallas';
import type { ConteosPlan } from './plan';
import type { TasasSimulacro } from './tasas';

/** What the virtual staff did, counted as it happened (the bars of the drill). */
export interface Contadores {
  fotos: number;
  acopiadas: number;
  digitalizadas: number;
  capturas: number;
  decisiones: number;
  abandonos: number;
  publicadas: number;
  sinActa: number;
  /** Cortes published so far, as the public feed lists them. */
  cortes: number;
}

/**
 * What the system ended with, against what the plan injected: every acta's final fase,
 * CONTABILIZADA and observaciones, and for the actas whose path mattered (desempate, return,
 * escalation) who decided and in which round.
 */
export interface Comprobacion {
  porFase: Record<string, number>;
  porContabilizada: Record<string, number>;
  /** Actas whose outcome differs from the plan (first 50), and how many in all. */
  diferencias: string[];
  totalDiferencias: number;
  observadas: { desempates: number; devueltas: number; escaladas: number; fueraDeCatalogo: number; sinActa: number; contabilizadas: number };
}

/** The auditor's full check over HTTP (POST /auditoria/verificaciones). */
export interface ResultadoVerificacion {
  ok: boolean;
  actasEnBitacora: number;
  actasEnModelo: number;
  entradasRevisadas: number;
  entradasProbadas: number;
  imagenesRevisadas: number;
  hallazgos: number;
  primerosHallazgos: unknown[];
  segundos: number;
}

/** The offline bundle: `npm run auditoria -- exportar`, `verificar` and `corte verificar`. */
export interface ResultadoPaquete {
  carpeta: string;
  exportado: boolean;
  verificado: boolean;
  /** SHA-256 of manifiesto.json, as `exportar` prints it. */
  huella: string | null;
  /** The last corte's zip as a difusor downloaded it, and whether `corte verificar` passed on it (null: no corte). */
  corte: { zip: string; verificado: boolean } | null;
  bitacoraDeSalida: string;
  segundos: number;
}

/** A step of the night that another part of the API performs (puesta en ceros, publication window). */
export interface ResultadoPaso {
  paso: string;
  hecho: boolean;
  detalle: string;
}

/** The drill's summary: printed in Spanish and written as resumen.json (the informe builds on it). */
export interface ResumenSimulacro {
  version: 1;
  inicio: string;
  fin: string;
  interrumpido: boolean;
  semilla: number | string;
  ritmoActasPorMinuto: number;
  /** CATD of the catálogo. */
  catds: number;
  tasas: TasasSimulacro;
  plan: ConteosPlan;
  plantilla: Record<string, number>;
  segundosJornada: number;
  segundosTotales: number;
  actasPorSegundo: number;
  contadores: Contadores;
  cortes: number;
  pasos: ResultadoPaso[];
  cierre: unknown;
  comprobacion: Comprobacion | null;
  tiempos: Record<string, ResumenTiempos>;
  errores: { total: number; reintentos503: number; porTipo: Record<string, number>; ejemplos: Record<string, string> };
  verificacion: ResultadoVerificacion | null;
  paquete: ResultadoPaquete | null;
  rutas: { carpeta: string; resumen: string; api: string; informeHtml?: string; informeJson?: string };
  limpio: boolean;
  /** The failure drills injected during the night (`npm run simulacro -- fallas`); absent otherwise. */
  fallas?: ReporteFalla[];
}
