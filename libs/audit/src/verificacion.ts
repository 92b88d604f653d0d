import { claveEventoActa, leerEventoActa, type EventoActaEnBitacora } from './esquema';

/**
 * The auditor's cross-check, pure part: what the read model of an acta must say
 * according to its ledger entries, and every way a row can disagree. The I/O
 * (reading immudb, PostgreSQL and image files) lives with the callers.
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
  /** What the ledger says (expected). */
  bitacora?: unknown;
  /** What was found (read model row, file hash…). */
  encontrado?: unknown;
  detalle: string;
}

/** Read-model fields the ledger determines. */
export interface ActaSegunBitacora {
  claveActa: string;
  fase: string;
  secuencia: number;
  catd: string | null;
  fueraDeCatalogo: boolean;
  contabilizada: number | null;
  totalVotosCalculado: number | null;
  observaciones: string | null;
  imagenSha256: string | null;
  imagenes: { sha256: string; ruta: string }[];
}

export type FilaActa = Omit<ActaSegunBitacora, 'claveActa' | 'imagenes'>;

export const CAMPOS_COMPARADOS: (keyof FilaActa)[] = [
  'fase',
  'secuencia',
  'catd',
  'fueraDeCatalogo',
  'contabilizada',
  'totalVotosCalculado',
  'observaciones',
  'imagenSha256',
];

/** Parses an acta's entries (sorted by key) and derives its expected row; chain problems become hallazgos. */
export function reconstruirActa(claveActa: string, entradas: { key: string; value: string }[]): { acta: ActaSegunBitacora | null; hallazgos: Hallazgo[] } {
  const hallazgos: Hallazgo[] = [];
  const eventos: EventoActaEnBitacora[] = [];
  for (const { key, value } of entradas) {
    try {
      const e = leerEventoActa(value);
      if (claveEventoActa(e.claveActa, e.secuencia) !== key) throw new Error(`la clave ${key} no corresponde a ${e.claveActa}#${e.secuencia}`);
      eventos.push(e);
    } catch (err) {
      hallazgos.push({ tipo: 'ENTRADA_ILEGIBLE', claveActa, detalle: `${key}: ${(err as Error).message}` });
    }
  }
  if (eventos.length === 0) return { acta: null, hallazgos };
  eventos.forEach((e, i) => {
    if (e.secuencia !== i + 1) {
      hallazgos.push({ tipo: 'CADENA_ROTA', claveActa, detalle: `se esperaba la secuencia ${i + 1} y la bitácora tiene ${e.secuencia}` });
    } else if (i > 0 && e.faseAnterior !== eventos[i - 1].faseNueva) {
      hallazgos.push({ tipo: 'CADENA_ROTA', claveActa, detalle: `la entrada ${e.secuencia} parte de ${e.faseAnterior} pero la anterior terminó en ${eventos[i - 1].faseNueva}` });
    }
  });

  const ultimo = eventos[eventos.length - 1];
  const acta: ActaSegunBitacora = {
    claveActa,
    fase: ultimo.faseNueva,
    secuencia: ultimo.secuencia,
    catd: null,
    fueraDeCatalogo: false,
    contabilizada: null,
    totalVotosCalculado: null,
    observaciones: null,
    imagenSha256: null,
    imagenes: [],
  };
  for (const e of eventos) {
    const d = e.datos as Record<string, unknown>;
    switch (e.tipo) {
      case 'ACTA_ACOPIADA':
        acta.catd = d.catd as string;
        acta.fueraDeCatalogo = d.fueraDeCatalogo as boolean;
        break;
      case 'ACOPIO_CORREGIDO':
        acta.catd = d.catdNuevo as string;
        break;
      case 'IMAGEN_DIGITALIZADA':
        acta.imagenes.push({ sha256: d.sha256 as string, ruta: d.ruta as string });
        break;
      case 'ACTA_PUBLICADA':
        acta.contabilizada = d.contabilizada as number;
        acta.totalVotosCalculado = (d.totalVotosCalculado as number | null) ?? null;
        acta.observaciones = (d.observaciones as string[]).join(', ') || null;
        acta.imagenSha256 = (d.imagenSha256 as string | null) ?? null;
        break;
      case 'ACTA_SIN_ACTA':
        acta.contabilizada = 0;
        acta.observaciones = d.observaciones as string;
        break;
    }
  }
  return { acta, hallazgos };
}

/** Every field where the row differs from what the ledger says. */
export function compararConModelo(esperada: ActaSegunBitacora, fila: FilaActa): Hallazgo[] {
  const hallazgos: Hallazgo[] = [];
  for (const campo of CAMPOS_COMPARADOS) {
    const b = esperada[campo] ?? null;
    const m = fila[campo] ?? null;
    if (b !== m) {
      hallazgos.push({
        tipo: 'DIFERENCIA_CAMPO',
        claveActa: esperada.claveActa,
        campo,
        bitacora: b,
        encontrado: m,
        detalle: `${campo}: la bitácora dice ${JSON.stringify(b)} y el modelo de lectura ${JSON.stringify(m)}`,
      });
    }
  }
  return hallazgos;
}
