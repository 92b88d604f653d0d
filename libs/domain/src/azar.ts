/**
 * Seeded pseudo-random numbers for synthetic data. Math.random is off limits (workflow sandbox,
 * reproducible drills): the same seed must give the same catálogo and captures everywhere.
 */

export type Semilla = number | string;

/** FNV-1a of a string (or the integer as is), so seeds like a CLAVE_ACTA + usuario work. */
export function semillaNumerica(semilla: Semilla): number {
  if (typeof semilla === 'number') return semilla >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < semilla.length; i++) {
    h ^= semilla.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: tiny, fast, good enough for test data (not for anything secret). Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Azar {
  private readonly siguiente: () => number;

  constructor(semilla: Semilla) {
    this.siguiente = mulberry32(semillaNumerica(semilla));
  }

  /** [0, 1) */
  real(): number {
    return this.siguiente();
  }

  /** Integer in [min, max], both included. */
  entero(min: number, max: number): number {
    return min + Math.floor(this.siguiente() * (max - min + 1));
  }

  probabilidad(p: number): boolean {
    return this.siguiente() < p;
  }

  elegir<T>(opciones: readonly T[]): T {
    return opciones[Math.floor(this.siguiente() * opciones.length)];
  }

  /** k distinct elements, in random order. */
  muestra<T>(opciones: readonly T[], k: number): T[] {
    const copia = [...opciones];
    for (let i = copia.length - 1; i > 0; i--) {
      const j = Math.floor(this.siguiente() * (i + 1));
      [copia[i], copia[j]] = [copia[j], copia[i]];
    }
    return copia.slice(0, Math.max(0, Math.min(k, copia.length)));
  }
}
