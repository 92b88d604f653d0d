/** What one election's corte is built from, and the actas of it that the corte publishes. */
import {
  LONGITUD_CLAVE_CASILLA,
  esFechaIsoConZona,
  indexarCatalogo,
  type ActaDelCatalogo,
  type Catalogo,
  type Eleccion,
  type EstadoActa,
  type PoliticaPrep,
  type ResultadoActa,
} from '@prep/domain';

/** One election's corte, as the corte workflow and the verifier both hand it. */
export interface EntradaCorteEleccion {
  catalogo: Catalogo;
  /** The election (its tipo de acta, e.g. '6'): must be in the catálogo. */
  tipoActa: string;
  /**
   * Actas in any phase and of any election: only those of `tipoActa` whose fase is PUBLICADA or
   * SIN_ACTA enter the corte (a fuera de catálogo acta is PUBLICADA with CONTABILIZADA 2).
   */
  actas: readonly EstadoActa[];
  /** ISO 8601 instant (with zone) of the corte: line 2 of the CSV. */
  instante: string;
  politica: PoliticaPrep;
  /** The last corte of the night: participación may switch to C_CS (politica.participacionFinal). */
  final: boolean;
}

/** An acta the corte publishes, with its casilla when the catálogo has it (not for fuera de catálogo). */
export interface ActaEnCorte {
  estado: EstadoActa;
  resultado: ResultadoActa;
  enCatalogo: ActaDelCatalogo | undefined;
}

export interface CortePreparado {
  entrada: EntradaCorteEleccion;
  eleccion: Eleccion;
  actas: ActaEnCorte[];
}

/** The tipo de acta a CLAVE_ACTA ends with. */
export function tipoActaDeClave(claveActa: string): string {
  return claveActa.slice(LONGITUD_CLAVE_CASILLA);
}

export function eleccionDelCatalogo(catalogo: Catalogo, tipoActa: string): Eleccion {
  const eleccion = catalogo.elecciones.find((x) => x.tipoActa === tipoActa);
  if (!eleccion) {
    const hay = catalogo.elecciones.map((x) => `${x.tipoActa} (${x.nombre})`).join(', ');
    throw new Error(`El catálogo no tiene la elección de tipo de acta ${JSON.stringify(tipoActa)}; tiene: ${hay}.`);
  }
  return eleccion;
}

/** True for the phases a corte publishes. */
export function esPublicable(estado: EstadoActa): boolean {
  return estado.fase === 'PUBLICADA' || estado.fase === 'SIN_ACTA';
}

/**
 * Checks the entrada and keeps the actas the corte publishes, each with its catálogo data. Throws
 * an Error (Spanish) for an unknown election, a bad instante, an acta given twice, a published acta
 * without resultado, or an acta of the catálogo's election that the catálogo does not have and is
 * not fuera de catálogo (a corte built against another catálogo).
 */
export function prepararCorte(entrada: EntradaCorteEleccion): CortePreparado {
  const eleccion = eleccionDelCatalogo(entrada.catalogo, entrada.tipoActa);
  if (!esFechaIsoConZona(entrada.instante)) {
    throw new Error(`El instante del corte ${JSON.stringify(entrada.instante)} no es ISO 8601 con zona horaria, p. ej. 2027-06-07T03:20:00Z.`);
  }
  const indice = indexarCatalogo(entrada.catalogo);
  const vistas = new Set<string>();
  const actas: ActaEnCorte[] = [];
  for (const estado of entrada.actas) {
    if (!esPublicable(estado) || tipoActaDeClave(estado.claveActa) !== entrada.tipoActa) continue;
    if (vistas.has(estado.claveActa)) throw new Error(`El acta ${estado.claveActa} viene dos veces en el corte.`);
    vistas.add(estado.claveActa);
    const resultado = estado.resultado;
    if (!resultado) throw new Error(`El acta ${estado.claveActa} está en fase ${estado.fase} pero no tiene resultado.`);
    const enCatalogo = indice.get(estado.claveActa);
    if (!enCatalogo && resultado.contabilizada !== 2) {
      throw new Error(
        `El acta ${estado.claveActa} no está en el catálogo y no es fuera de catálogo (CONTABILIZADA ${resultado.contabilizada}): ¿es el catálogo de este corte?`,
      );
    }
    actas.push({ estado, resultado, enCatalogo });
  }
  return { entrada, eleccion, actas };
}
