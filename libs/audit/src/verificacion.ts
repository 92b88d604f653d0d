import {
  aplicarEvento,
  CadenaRotaError,
  columnasDeActa,
  COLUMNAS_FECHA,
  entradaQuePublica,
  esFaseFinal,
  type Fase,
  parseClaveActa,
  type ColumnasActa,
  type EstadoActa,
  type EventoActa,
} from '@prep/domain';
import { diferenciasJson } from './diferencias-json';
import { claveEventoActa, leerEventoActa, type EventoActaEnBitacora } from './esquema';

/**
 * The auditor's cross-check, pure part: everything the read model serves about an acta, derived
 * from its bitácora entries alone, and every way a row can disagree. The read model's full state
 * (captures, votes, users, times, verification, history) is rebuilt by replaying the entries
 * with the domain's fold, and its summary columns come from the same function the projection
 * uses. The I/O (reading immudb, PostgreSQL and image files) lives with the callers.
 */

export type TipoHallazgo =
  | 'ENTRADA_ILEGIBLE'
  | 'CADENA_ROTA'
  | 'DIFERENCIA_CAMPO'
  | 'ACTA_SIN_BITACORA'
  | 'BITACORA_SIN_ACTA'
  | 'IMAGEN_ALTERADA'
  | 'IMAGEN_FALTANTE'
  | 'ENTRADA_NO_VERIFICADA';

export interface Hallazgo {
  tipo: TipoHallazgo;
  claveActa: string;
  campo?: string;
  /** What the bitácora says (expected). */
  bitacora?: unknown;
  /** What was found (read model row, file hash…). */
  encontrado?: unknown;
  detalle: string;
}

/** What the read model must hold for an acta, according to the bitácora. */
export interface ActaSegunBitacora {
  claveActa: string;
  claveCasilla: string;
  tipoActa: string;
  columnas: ColumnasActa;
  /** The full state the read model keeps (and serves). */
  estado: EstadoActa;
  imagenes: { sha256: string; ruta: string }[];
  /** Tx of the entry that made the acta PUBLICADA or SIN_ACTA (null until then, or when entries carry no txId). */
  txPublicacion: number | null;
}

/** One read-model row as stored. Times may come back as Date or string. */
type ColumnaFecha = 'fechaHoraAcopio' | 'fechaHoraCaptura' | 'fechaHoraVerificacion' | 'fechaHoraPublicacion';
export type FilaActa = Omit<ColumnasActa, ColumnaFecha> &
  Record<ColumnaFecha, string | Date | null> & {
    claveCasilla: string;
    tipoActa: string;
    estado: unknown;
    atorada: boolean;
    atoradaDesde: string | Date | null;
    /** bigint: PostgreSQL returns it as text. */
    txPublicacion: number | string | null;
  };

/** Differences reported per acta before the rest are summarised in one line. */
const MAX_DIFERENCIAS_POR_ACTA = 100;

function diferencia(claveActa: string, campo: string, bitacora: unknown, encontrado: unknown): Hallazgo {
  return {
    tipo: 'DIFERENCIA_CAMPO',
    claveActa,
    campo,
    bitacora,
    encontrado,
    detalle: `${campo}: la bitácora dice ${JSON.stringify(bitacora) ?? 'nada'} y el modelo de lectura ${JSON.stringify(encontrado) ?? 'nada'}`,
  };
}

/** Parses an acta's entries (sorted by key) and derives what its row must say; problems become hallazgos. */
export function reconstruirActa(
  claveActa: string,
  entradas: { key: string; value: string; txId?: number }[],
): { acta: ActaSegunBitacora | null; hallazgos: Hallazgo[] } {
  const hallazgos: Hallazgo[] = [];
  const eventos: EventoActaEnBitacora[] = [];
  let txPublicacion: number | null = null;
  for (const { key, value, txId } of entradas) {
    try {
      const e = leerEventoActa(value);
      if (claveEventoActa(e.claveActa, e.secuencia) !== key) throw new Error(`la clave ${key} no corresponde a ${e.claveActa}#${e.secuencia}`);
      if (txPublicacion === null && txId !== undefined && entradaQuePublica({ faseAnterior: e.faseAnterior as Fase | null, faseNueva: e.faseNueva as Fase }))
        txPublicacion = txId;
      eventos.push(e);
    } catch (err) {
      hallazgos.push({ tipo: 'ENTRADA_ILEGIBLE', claveActa, detalle: `${key}: ${(err as Error).message}` });
    }
  }
  if (eventos.length === 0) return { acta: null, hallazgos };
  let base: { claveActa: string; claveCasilla: string; tipoActa: string };
  try {
    base = { claveActa, ...parseClaveActa(claveActa) };
  } catch (err) {
    hallazgos.push({ tipo: 'ENTRADA_ILEGIBLE', claveActa, detalle: `la clave del acta en la bitácora no es válida: ${(err as Error).message}` });
    return { acta: null, hallazgos };
  }

  let estado: EstadoActa | null = null;
  for (const e of eventos) {
    try {
      estado = aplicarEvento(estado, e as unknown as EventoActa);
    } catch (err) {
      const tipo = err instanceof CadenaRotaError ? 'CADENA_ROTA' : 'ENTRADA_ILEGIBLE';
      hallazgos.push({ tipo, claveActa, detalle: `entrada ${e.secuencia} (${e.tipo}): ${(err as Error).message}` });
      // Later entries cannot be replayed on a broken chain; the acta is reported, not compared.
      return { acta: null, hallazgos };
    }
  }
  const final = estado!;
  return {
    acta: {
      ...base,
      columnas: columnasDeActa(final),
      estado: final,
      imagenes: final.imagenes.map((i) => ({ sha256: i.sha256, ruta: i.ruta })),
      txPublicacion,
    },
    hallazgos,
  };
}

function instante(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? v : t;
  }
  return v ?? null;
}

function comoTexto(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : (v ?? null);
}

/** Every column and every value of the stored state where the row differs from what the bitácora says. */
export function compararConModelo(esperada: ActaSegunBitacora, fila: FilaActa): Hallazgo[] {
  const { claveActa } = esperada;
  const hallazgos: Hallazgo[] = [];
  const esperadas: Record<string, unknown> = { claveCasilla: esperada.claveCasilla, tipoActa: esperada.tipoActa, ...esperada.columnas };
  // Which corte carries the acta follows from this tx: a row moved to a later (or earlier) tx is named.
  const txFila = fila.txPublicacion === null || fila.txPublicacion === undefined ? null : Number(fila.txPublicacion);
  if (esperada.txPublicacion !== txFila) hallazgos.push(diferencia(claveActa, 'txPublicacion', esperada.txPublicacion, txFila));
  for (const [campo, b] of Object.entries(esperadas)) {
    const m = (fila as Record<string, unknown>)[campo];
    const fecha = COLUMNAS_FECHA.includes(campo as keyof ColumnasActa);
    if (fecha ? instante(b) !== instante(m) : (b ?? null) !== (m ?? null))
      hallazgos.push(diferencia(claveActa, campo, b ?? null, fecha ? comoTexto(m) : (m ?? null)));
  }

  const enEstado = diferenciasJson(esperada.estado, fila.estado ?? null, MAX_DIFERENCIAS_POR_ACTA + 1, 'estado');
  for (const d of enEstado.slice(0, MAX_DIFERENCIAS_POR_ACTA)) hallazgos.push(diferencia(claveActa, d.ruta, d.esperado, d.encontrado));
  if (enEstado.length > MAX_DIFERENCIAS_POR_ACTA) {
    hallazgos.push({
      tipo: 'DIFERENCIA_CAMPO',
      claveActa,
      campo: 'estado',
      detalle: `el estado guardado difiere en más de ${MAX_DIFERENCIAS_POR_ACTA} valores; se listan los primeros`,
    });
  }

  // Atorada is an operational flag, not a bitácora fact, but the time it shows is: the acta's last change.
  if (fila.atorada) {
    const ultimo = esFaseFinal(esperada.estado.fase) ? null : esperada.estado.fechaHoraUltimoCambio;
    if (ultimo === null || instante(ultimo) !== instante(fila.atoradaDesde)) {
      hallazgos.push(diferencia(claveActa, 'atoradaDesde', ultimo, comoTexto(fila.atoradaDesde)));
    }
  }
  return hallazgos;
}
