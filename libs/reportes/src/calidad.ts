/**
 * The Calidad report: how often the two blind captures of an acta disagree (overall, per capturista
 * and per field), returns to a new double capture, escalations, verification decisions and the
 * observaciones of the published actas.
 */
import { porcentaje } from './avance';

/** Counts as the API's SQL reads them from the read model (actas of the catálogo, in the caller's scope). */
export interface ConteosCalidad {
  /** Actas with at least one round whose two captures were compared. */
  actasCapturadas: number;
  /** Of those, actas with at least one round whose captures differed. */
  actasConDiferencia: number;
  /** Compared rounds (an acta returned once has two). */
  rondas: number;
  rondasConDiferencia: number;
  capturistas: { usuario: string; capturas: number; conDiferencia: number }[];
  /** Times each field differed, over every compared round. */
  campos: { campo: string; veces: number }[];
  actasDevueltas: number;
  devoluciones: number;
  actasEscaladas: number;
  verificaciones: { modo: string; decision: string; rol: string; actas: number }[];
  /** Actas published (SIN ACTA included, fuera de catálogo too: it is an observación). */
  actasPublicadas: number;
  observaciones: { observacion: string; actas: number }[];
}

export interface ReporteCalidad {
  titulo: string;
  generadoEn: string;
  alcance: string | null;
  definiciones: { titulo: string; definicion: string }[];
  resumen: {
    actasCapturadas: number;
    actasConDiferencia: number;
    porcentajeActasConDiferencia: number;
    rondas: number;
    rondasConDiferencia: number;
    porcentajeRondasConDiferencia: number;
    actasDevueltas: number;
    porcentajeActasDevueltas: number;
    devoluciones: number;
    actasEscaladas: number;
    porcentajeActasEscaladas: number;
    actasPublicadas: number;
  };
  capturistas: { usuario: string; capturas: number; conDiferencia: number; porcentajeConDiferencia: number }[];
  campos: { campo: string; veces: number; porcentajeRondas: number }[];
  verificaciones: { modo: string; decision: string; rol: string; actas: number }[];
  observaciones: { observacion: string; actas: number; porcentajePublicadas: number }[];
}

export const DEFINICIONES_CALIDAD: { titulo: string; definicion: string }[] = [
  {
    titulo: 'Ronda comparada',
    definicion:
      'Las dos capturas a ciegas de una ronda, ya comparadas campo por campo. Un acta devuelta a nueva captura suma una ronda por cada vez que se capturó.',
  },
  { titulo: 'Actas con diferencia', definicion: 'Actas con al menos una ronda en la que las dos capturas difirieron en algún campo.' },
  {
    titulo: 'Por capturista',
    definicion:
      'Capturas de cada capturista en rondas comparadas y cuántas de ellas difirieron de la otra captura. Una diferencia cuenta para los dos capturistas de la ronda: la comparación no dice cuál se equivocó.',
  },
  {
    titulo: 'Campos en desacuerdo',
    definicion: 'Veces que cada campo difirió entre las dos capturas de una ronda; el porcentaje es sobre las rondas comparadas.',
  },
  {
    titulo: 'Devoluciones y escalamientos',
    definicion:
      'Actas que un verificador (o el coordinador) devolvió a nueva doble captura, total de devoluciones, y actas escaladas al coordinador del CATD por exceder el máximo de devoluciones. Porcentajes sobre las actas capturadas.',
  },
  {
    titulo: 'Verificaciones',
    definicion:
      'Decisión final de cada acta verificada: confirmación (capturas iguales) o desempate (capturas distintas), confirmada o corregida, por verificador o coordinador.',
  },
  {
    titulo: 'Observaciones',
    definicion:
      'Actas publicadas (incluidas SIN ACTA y fuera de catálogo) con cada observación; un acta puede tener varias. Porcentaje sobre las actas publicadas.',
  },
];

export function formarCalidad(c: ConteosCalidad, alcance: string | null, generadoEn: Date): ReporteCalidad {
  return {
    titulo: 'Calidad de la captura',
    generadoEn: generadoEn.toISOString(),
    alcance,
    definiciones: DEFINICIONES_CALIDAD,
    resumen: {
      actasCapturadas: c.actasCapturadas,
      actasConDiferencia: c.actasConDiferencia,
      porcentajeActasConDiferencia: porcentaje(c.actasConDiferencia, c.actasCapturadas),
      rondas: c.rondas,
      rondasConDiferencia: c.rondasConDiferencia,
      porcentajeRondasConDiferencia: porcentaje(c.rondasConDiferencia, c.rondas),
      actasDevueltas: c.actasDevueltas,
      porcentajeActasDevueltas: porcentaje(c.actasDevueltas, c.actasCapturadas),
      devoluciones: c.devoluciones,
      actasEscaladas: c.actasEscaladas,
      porcentajeActasEscaladas: porcentaje(c.actasEscaladas, c.actasCapturadas),
      actasPublicadas: c.actasPublicadas,
    },
    // Highest share first: the capturistas a coordinador should look at lead the table.
    capturistas: c.capturistas
      .map((k) => ({ ...k, porcentajeConDiferencia: porcentaje(k.conDiferencia, k.capturas) }))
      .sort((a, b) => b.porcentajeConDiferencia - a.porcentajeConDiferencia || b.conDiferencia - a.conDiferencia || a.usuario.localeCompare(b.usuario)),
    campos: c.campos
      .map((k) => ({ ...k, porcentajeRondas: porcentaje(k.veces, c.rondas) }))
      .sort((a, b) => b.veces - a.veces || a.campo.localeCompare(b.campo)),
    verificaciones: [...c.verificaciones].sort((a, b) => a.modo.localeCompare(b.modo) || a.decision.localeCompare(b.decision) || a.rol.localeCompare(b.rol)),
    observaciones: c.observaciones
      .map((o) => ({ ...o, porcentajePublicadas: porcentaje(o.actas, c.actasPublicadas) }))
      .sort((a, b) => b.actas - a.actas || a.observacion.localeCompare(b.observacion)),
  };
}
