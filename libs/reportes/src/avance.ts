/**
 * The Avance report: how far each election has gone, phase by phase, read from the acta read model.
 * The figures are cumulative ("reached at least this step"), so they never decrease as actas advance,
 * except capturadas/verificadas of an acta sent back for a new double capture (its round restarts).
 */

/** One election's counts as the SQL of the API returns them (actas of the catálogo only). */
export interface ConteoEleccion {
  tipoActa: string;
  nombre: string;
  esperadas: number;
  acopiadas: number;
  digitalizadas: number;
  capturadas: number;
  verificadas: number;
  publicadas: number;
  contabilizadas: number;
  sinActa: number;
  atoradas: number;
  fueraDeCatalogo: number;
}

export interface CorteResumen {
  numero: number;
  instante: string;
  estado: string;
  final: boolean;
  actas: number | null;
}

/** The figures in pipeline order: the columns of the table, the CSV and the chart. */
export const FIGURAS_AVANCE = [
  'esperadas',
  'acopiadas',
  'digitalizadas',
  'capturadas',
  'verificadas',
  'publicadas',
  'contabilizadas',
  'sinActa',
  'atoradas',
  'fueraDeCatalogo',
] as const;
export type FiguraAvance = (typeof FIGURAS_AVANCE)[number];

/** What each figure counts, written into the report itself so the committee reads the same rule the SQL applies. */
export const DEFINICIONES_AVANCE: Record<FiguraAvance, { titulo: string; definicion: string }> = {
  esperadas: { titulo: 'Esperadas', definicion: 'Casillas del catálogo vigente: cada casilla tiene un acta de cada elección.' },
  acopiadas: { titulo: 'Acopiadas', definicion: 'Actas del catálogo con fecha y hora de acopio registrada en un CATD.' },
  digitalizadas: {
    titulo: 'Digitalizadas',
    definicion:
      'Actas del catálogo con al menos una imagen recibida (escaneo del CATD o foto de PREP Casilla; una foto puede llegar antes del acopio, así que esta cifra puede superar a Acopiadas).',
  },
  capturadas: {
    titulo: 'Capturadas',
    definicion:
      'Actas cuyas dos capturas de la ronda vigente están registradas y comparadas (tienen fecha y hora de captura). Un acta devuelta a nueva captura deja de contar hasta completarla otra vez.',
  },
  verificadas: { titulo: 'Verificadas', definicion: 'Actas con fecha y hora de verificación (un verificador confirmó o corrigió sus datos).' },
  publicadas: { titulo: 'Publicadas', definicion: 'Actas en fase PUBLICADA: entran en el siguiente corte.' },
  contabilizadas: { titulo: 'Contabilizadas', definicion: 'Actas publicadas con CONTABILIZADA = 1 (cuentan para los totales).' },
  sinActa: { titulo: 'Sin acta', definicion: 'Actas registradas como SIN ACTA al cierre de la operación.' },
  atoradas: { titulo: 'Atoradas', definicion: 'Actas sin avance durante más tiempo que el que fija la política (atoradaTrasMinutos).' },
  fueraDeCatalogo: { titulo: 'Fuera de catálogo', definicion: 'Actas acopiadas cuya clave no está en el catálogo (no cuentan en las demás cifras).' },
};

export interface ReporteAvance {
  titulo: string;
  generadoEn: string;
  definiciones: { figura: FiguraAvance; titulo: string; definicion: string }[];
  elecciones: (ConteoEleccion & { porcentajePublicadas: number; porcentajeContabilizadas: number })[];
  totales: Record<FiguraAvance, number>;
  cortes: CorteResumen[];
}

/** Percentage truncated to 2 decimals (never rounded up: 99.999 % is not 100 %). */
export function porcentaje(parte: number, total: number): number {
  if (total <= 0) return 0;
  return Math.trunc((parte * 10_000) / total) / 100;
}

export function formarAvance(conteos: ConteoEleccion[], cortes: CorteResumen[], generadoEn: Date): ReporteAvance {
  const totales = Object.fromEntries(FIGURAS_AVANCE.map((f) => [f, conteos.reduce((s, c) => s + c[f], 0)])) as Record<FiguraAvance, number>;
  return {
    titulo: 'Avance del PREP por elección',
    generadoEn: generadoEn.toISOString(),
    definiciones: FIGURAS_AVANCE.map((figura) => ({ figura, ...DEFINICIONES_AVANCE[figura] })),
    elecciones: [...conteos]
      .sort((a, b) => a.tipoActa.localeCompare(b.tipoActa))
      .map((c) => ({ ...c, porcentajePublicadas: porcentaje(c.publicadas, c.esperadas), porcentajeContabilizadas: porcentaje(c.contabilizadas, c.esperadas) })),
    totales,
    cortes: [...cortes].sort((a, b) => a.numero - b.numero),
  };
}
