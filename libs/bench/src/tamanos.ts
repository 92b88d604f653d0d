/**
 * What `npm run bench` runs: its parts and the sizes of the operation part. Pure: the CLI parses
 * flags into these and the runner follows them.
 */
import { ErrorDeUso, opcionEntera } from '@prep/domain';
export const PARTES = ['operacion', 'referencias', 'corte', 'verificacion'] as const;
export type Parte = (typeof PARTES)[number];
/** Without --partes: the whole operation against its floors in the same run. */
export const PARTES_POR_OMISION: readonly Parte[] = ['operacion', 'referencias'];

/** One measured size: the actas of the drill and how many virtual people work each post. */
export interface Corrida {
  actas: number;
  /** CATDs of the catálogo; per CATD an acopiador and a digitalizador, and per CATD 2 capturistas and 1 verificador. */
  concurrencia: number;
}

export type Tamano = 'chico' | 'grande';

/**
 * chico: a few minutes on a 2-core box. grande: the sizes, a state PREP's election at two
 * concurrencies (the 20,000-acta runs take hours on such a box).
 */
export const TAMANOS: Record<Tamano, readonly Corrida[]> = {
  chico: [{ actas: 200, concurrencia: 4 }],
  grande: [
    { actas: 2_000, concurrencia: 4 },
    { actas: 2_000, concurrencia: 12 },
    { actas: 20_000, concurrencia: 4 },
    { actas: 20_000, concurrencia: 12 },
  ],
};

/** Staff calls in flight at most: every person of the drill acting on an acta at once (5 per CATD). */
export const enVuelo = (c: Corrida): number => 5 * c.concurrencia;

/** The virtual staff of the operation part at this size (the simulacro's TamanoPlantilla, without PREP Casilla devices). */
export function plantillaDeCorrida(c: Corrida): { capturistas: number; verificadores: number; dispositivos: number } {
  return { capturistas: 2 * c.concurrencia, verificadores: c.concurrencia, dispositivos: 0 };
}

/**
 * How much work each pass of the floors does: the operation's actas, capped at 1,000 (a rate at a
 * fixed concurrency settles long before that, and 20,000 bare actas would take hours on a small
 * box), and five writes per acta for immudb and PostgreSQL (one per transition).
 */
export const MAX_ACTAS_REFERENCIA = 1_000;
export function trabajoDeReferencia(c: Corrida): { actas: number; escrituras: number } {
  const actas = Math.min(c.actas, MAX_ACTAS_REFERENCIA);
  return { actas, escrituras: actas * 5 };
}

export class ErrorOpcionesBench extends ErrorDeUso {}

export function parsearPartes(texto: string | undefined): Parte[] {
  if (texto === undefined || texto.trim() === '') return [...PARTES_POR_OMISION];
  const partes = texto.split(',').map((s) => s.trim());
  for (const p of partes) {
    if (!(PARTES as readonly string[]).includes(p))
      throw new ErrorOpcionesBench(`--partes: '${p}' no existe; use una o varias de: ${PARTES.join(', ')} (separadas por comas).`);
  }
  return [...new Set(partes)] as Parte[];
}

/**
 * The runs to measure: --actas/--concurrencia given → that one size (the other from chico); else the
 * preset (chico by default).
 */
export function corridasDe(o: { tamano?: string; actas?: string; concurrencia?: string }): Corrida[] {
  if (o.tamano !== undefined && !(o.tamano in TAMANOS)) {
    throw new ErrorOpcionesBench(`--tamano: '${o.tamano}' no existe; use chico (${describir(TAMANOS.chico)}) o grande (${describir(TAMANOS.grande)}).`);
  }
  if (o.actas === undefined && o.concurrencia === undefined) return [...TAMANOS[(o.tamano as Tamano) ?? 'chico']];
  if (o.tamano !== undefined) throw new ErrorOpcionesBench('--tamano no se combina con --actas o --concurrencia: use uno u otros.');
  const base = TAMANOS.chico[0];
  const actas = opcionEntera('actas', o.actas, base.actas, 2, 200_000);
  const concurrencia = opcionEntera('concurrencia', o.concurrencia, base.concurrencia, 1, 100);
  if (concurrencia > Math.ceil(actas / 2))
    throw new ErrorOpcionesBench(`--concurrencia ${concurrencia} es más que las casillas (${Math.ceil(actas / 2)}): pida menos o más actas.`);
  return [{ actas, concurrencia }];
}

const describir = (cs: readonly Corrida[]) => cs.map((c) => `${c.actas.toLocaleString('es-MX')} actas × concurrencia ${c.concurrencia}`).join(', ');
