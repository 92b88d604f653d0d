/**
 * The Operación report: what needs an operator now. Actas atoradas, workflows retrying, resets,
 * the health of the bitácora and whether every process runs the build of the puesta en ceros.
 * Each source is read on its own: one that does not answer is reported as such, the rest still show.
 */

/** A part read from a service that may be down: its data, or why it could not be read. */
export type Parte<T> = ({ disponible: true } & T) | { disponible: false; codigo: string; mensaje: string };

export interface ActaAtorada {
  claveActa: string;
  fase: string;
  catd: string | null;
  atoradaDesde: string | null;
}

export interface FlujoReintentando {
  claveActa: string;
  actividad: string;
  intento: number;
  ultimoError: string | null;
}

export interface DatosOperacion {
  /** Every acta flagged atorada, the oldest first (the API lists at most a page of them). */
  atoradas: { total: number; actas: ActaAtorada[] };
  temporal: Parte<{
    /** Workflows of the namespace by execution status, from Temporal's visibility. */
    flujos: { estado: string; cantidad: number }[];
    /** Running workflows whose search attribute Atorada is SI. */
    atoradosEnTemporal: number;
    /** How many workflows were described to look for pending activity retries, and the ones retrying. */
    revisados: number;
    reintentando: FlujoReintentando[];
  }>;
  reinicios: Parte<{ lista: { claveActa: string; operador: string; motivo: string; fechaHora: string }[] }>;
  bitacora: Parte<{ txId: number; firmado: boolean; firmaValida: boolean; claveEsperada: boolean | null; estadoConfiable: string | null }>;
  compilacion: Parte<{
    puestaEnCeros: string | null;
    mensaje: string;
    procesos: { tipo: string; host: string; pid: number; inicio: string; coincide: boolean | null; diferencias: number }[];
  }>;
}

export interface ReporteOperacion extends DatosOperacion {
  titulo: string;
  generadoEn: string;
  /** One line per thing to look at, most serious first; [] when nothing is wrong. */
  alertas: string[];
  atoradas: { total: number; actas: (ActaAtorada & { minutosAtorada: number | null })[] };
  /** The auditor's full check does not record its runs: this report cannot say when it last ran. */
  verificacionCompleta: { registrada: false; nota: string };
  definiciones: { titulo: string; definicion: string }[];
}

export const DEFINICIONES_OPERACION: { titulo: string; definicion: string }[] = [
  { titulo: 'Atoradas', definicion: 'Actas sin avance durante más tiempo que el que fija la política (atoradaTrasMinutos), según el modelo de lectura.' },
  {
    titulo: 'Flujos en Temporal',
    definicion:
      'Flujos del espacio de nombres por estado, según la visibilidad de Temporal. Reintentando: de las actas sin cambio desde hace más tiempo (hasta el número revisado), las que tienen una actividad pendiente en su segundo intento o más. Temporal no indexa los reintentos: un flujo reintentando fuera de esa muestra se ve en la interfaz de Temporal (Pending Activities).',
  },
  {
    titulo: 'Reinicios',
    definicion: 'Reinicios de flujos hechos por un operador con POST /operacion/actas/{clave}/reinicio, leídos con prueba de la bitácora.',
  },
  {
    titulo: 'Bitácora',
    definicion:
      'Último estado firmado de immudb, verificado contra el estado confiable de la API (una reversión o bifurcación de la historia falla aquí) y su firma contra la clave pública esperada.',
  },
  {
    titulo: 'Compilación',
    definicion:
      'Procesos (API y worker) iniciados desde la puesta en ceros, con su compilación comparada con la registrada en ella: lo mismo que GET /auditoria/compilacion.',
  },
];

function minutosDesde(iso: string | null, ahora: Date): number | null {
  return iso ? Math.max(0, Math.trunc((ahora.getTime() - Date.parse(iso)) / 60_000)) : null;
}

/** The alert lines, in order of seriousness: integrity first, then builds, then the flow of actas. */
export function alertasOperacion(d: DatosOperacion): string[] {
  const a: string[] = [];
  if (!d.bitacora.disponible) a.push(`Bitácora: ${d.bitacora.mensaje}`);
  else if (d.bitacora.firmado && !d.bitacora.firmaValida) a.push('Bitácora: la firma del último estado NO es válida.');
  else if (d.bitacora.claveEsperada === false) a.push('Bitácora: el estado está firmado con una clave distinta de la esperada.');
  if (!d.compilacion.disponible) a.push(`Compilación: ${d.compilacion.mensaje}`);
  else {
    const distintos = d.compilacion.procesos.filter((p) => p.coincide === false).length;
    if (distintos > 0) a.push(`Compilación: ${distintos} proceso(s) NO corren la compilación de la puesta en ceros.`);
    if (d.compilacion.puestaEnCeros === null) a.push('Compilación: aún no hay puesta en ceros.');
  }
  if (!d.temporal.disponible) a.push(`Temporal: ${d.temporal.mensaje}`);
  else {
    if (d.temporal.reintentando.length > 0) a.push(`Temporal: ${d.temporal.reintentando.length} flujo(s) reintentando una actividad.`);
    const fallidos = d.temporal.flujos.filter((f) => f.estado !== 'Running' && f.estado !== 'Completed').reduce((s, f) => s + f.cantidad, 0);
    if (fallidos > 0) a.push(`Temporal: ${fallidos} flujo(s) terminaron sin completarse (fallidos, terminados, cancelados o vencidos).`);
  }
  if (d.atoradas.total > 0) a.push(`${d.atoradas.total} acta(s) atorada(s).`);
  if (!d.reinicios.disponible) a.push(`Reinicios: ${d.reinicios.mensaje}`);
  return a;
}

export function formarOperacion(d: DatosOperacion, generadoEn: Date): ReporteOperacion {
  return {
    titulo: 'Operación del PREP',
    generadoEn: generadoEn.toISOString(),
    alertas: alertasOperacion(d),
    ...d,
    atoradas: { total: d.atoradas.total, actas: d.atoradas.actas.map((x) => ({ ...x, minutosAtorada: minutosDesde(x.atoradaDesde, generadoEn) })) },
    verificacionCompleta: {
      registrada: false,
      nota: 'La verificación completa del auditor (POST /auditoria/verificaciones) no deja registro de sus ejecuciones: este reporte no puede decir cuándo se hizo la última.',
    },
    definiciones: DEFINICIONES_OPERACION,
  };
}
