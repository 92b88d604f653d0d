/** The Por CATD report: throughput, backlog per phase and the oldest acta waiting, per CATD. */

/** Phases in which an acta is still waiting for someone (its backlog), in pipeline order. */
export const FASES_PENDIENTES = ['ACOPIADA', 'EN_CAPTURA', 'EN_VERIFICACION', 'ESCALADA'] as const;
export type FasePendiente = (typeof FASES_PENDIENTES)[number];

export interface ConteoCatd {
  catd: string;
  nombre: string | null;
  publicadas: number;
  pendientes: Record<FasePendiente, number>;
  atoradas: number;
  /** The waiting acta acopiada longest ago, if any. */
  masAntigua: { claveActa: string; fase: string; fechaHoraAcopio: string } | null;
}

export interface FilaReporteCatd extends ConteoCatd {
  totalPendientes: number;
  /** Minutes since the oldest waiting acta was acopiada (whole minutes, truncated). */
  minutosEsperaMasAntigua: number | null;
}

export interface ReporteCatd {
  titulo: string;
  generadoEn: string;
  /** The CATD the caller is limited to (a coordinador), or null for all. */
  alcance: string | null;
  definiciones: { figura: string; definicion: string }[];
  catds: FilaReporteCatd[];
}

export const DEFINICIONES_CATD: { figura: string; definicion: string }[] = [
  { figura: 'Publicadas', definicion: 'Actas acopiadas en el CATD que están en fase PUBLICADA.' },
  {
    figura: 'Pendientes por fase',
    definicion: 'Actas del CATD en ACOPIADA (esperan imagen), EN_CAPTURA, EN_VERIFICACION o ESCALADA (espera al coordinador).',
  },
  { figura: 'Atoradas', definicion: 'Actas pendientes sin avance durante más tiempo que el que fija la política (atoradaTrasMinutos).' },
  {
    figura: 'Más antigua en espera',
    definicion: 'El acta pendiente con la fecha y hora de acopio más antigua, y los minutos transcurridos desde su acopio.',
  },
];

export function formarReporteCatd(conteos: ConteoCatd[], alcance: string | null, generadoEn: Date): ReporteCatd {
  return {
    titulo: 'Avance del PREP por CATD',
    generadoEn: generadoEn.toISOString(),
    alcance,
    definiciones: DEFINICIONES_CATD,
    catds: [...conteos]
      .sort((a, b) => a.catd.localeCompare(b.catd))
      .map((c) => ({
        ...c,
        totalPendientes: FASES_PENDIENTES.reduce((s, f) => s + c.pendientes[f], 0),
        minutosEsperaMasAntigua: c.masAntigua ? Math.max(0, Math.trunc((generadoEn.getTime() - Date.parse(c.masAntigua.fechaHoraAcopio)) / 60_000)) : null,
      })),
  };
}
