/**
 * How often each reality of election night is injected into a drill. Every rate is a probability
 * per acta (abandono: per capture task). The defaults aim at a plausible state PREP night; where no
 * published figure backs a value it says so, so a COTAPREP can tune it with --errores.
 */
export interface TasasSimulacro {
  /** Actas that never reach a CATD: published SIN ACTA at the cierre. PREPs close with 95–99 % of actas (DOMAIN.md "Scale": federal 2024 closed at 95.23 %). */
  sinActa: number;
  /** Extra acopios of a clave of this entidad whose casilla the catálogo lacks (CONTABILIZADA 2), per acta. Rare: a mistyped or late-installed casilla. Our assumption. */
  fueraDeCatalogo: number;
  /** The two captures of a round differ in 1–2 fields (desempate by a verificador). Typing mismatch of double capture; our assumption. */
  capturasDistintas: number;
  /** The acta shows 1–2 fields no one can read: captured as 'ilegible' (observación Ilegible). Our assumption. */
  ilegible: number;
  /** The acta leaves 1–2 fields empty: captured as 'sin_dato' (observación Sin dato). Our assumption. */
  sinDato: number;
  /** Votes above LISTA_NOMINAL + REPRESENTANTES: observación Excede Lista Nominal, not contabilizada. Rare; our assumption. */
  excedeListaNominal: number;
  /** A PREP Casilla photo arrives before the paquete (and its CATD scan). Most images of recent federal PREPs came from PREP Casilla; 0.4 is our conservative middle. */
  fotoCasilla: number;
  /** A capturista claims a task and walks away: the task returns to the queue when its lease expires (per capture task; low so leases do not dominate the drill). */
  abandono: number;
  /** A verificador returns the acta once for a new double capture. Our assumption. */
  devolucion: number;
  /** The acta is returned more than maxDevoluciones times and escalated to its CATD's coordinador. Our assumption. */
  escalamiento: number;
}

export const TASAS_POR_OMISION: Readonly<TasasSimulacro> = Object.freeze({
  sinActa: 0.02,
  fueraDeCatalogo: 0.003,
  capturasDistintas: 0.06,
  ilegible: 0.03,
  sinDato: 0.03,
  excedeListaNominal: 0.005,
  fotoCasilla: 0.4,
  abandono: 0.002,
  devolucion: 0.015,
  escalamiento: 0.003,
});

export const NOMBRES_TASAS = Object.keys(TASAS_POR_OMISION) as (keyof TasasSimulacro)[];

/** Error of a user-typed --errores value, in Spanish, saying what to fix. */
export class ErrorTasas extends Error {}

/**
 * Parses `tasa=valor,...` (e.g. `sinActa=0.05,abandono=0`) over the defaults. Each value is a
 * probability in [0, 1]; an unknown name lists the known ones.
 */
export function parsearTasas(texto: string | undefined, base: Readonly<TasasSimulacro> = TASAS_POR_OMISION): TasasSimulacro {
  const tasas: TasasSimulacro = { ...base };
  if (texto === undefined || texto.trim() === '') return tasas;
  for (const parte of texto.split(',')) {
    const [nombre, valor, ...resto] = parte.split('=').map((s) => s.trim());
    if (!nombre || valor === undefined || resto.length) {
      throw new ErrorTasas(`--errores: '${parte}' no tiene la forma tasa=valor (p. ej. sinActa=0.05).`);
    }
    if (!(NOMBRES_TASAS as string[]).includes(nombre)) {
      throw new ErrorTasas(`--errores: la tasa '${nombre}' no existe; use una de: ${NOMBRES_TASAS.join(', ')}.`);
    }
    const n = Number(valor);
    if (valor === '' || !Number.isFinite(n) || n < 0 || n > 1) {
      throw new ErrorTasas(`--errores: ${nombre}=${valor} no es una probabilidad; use un número de 0 a 1 (p. ej. ${nombre}=0.05).`);
    }
    tasas[nombre as keyof TasasSimulacro] = n;
  }
  return tasas;
}
