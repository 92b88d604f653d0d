/**
 * The drill's plan: which reality each acta of a synthetic night meets, and what every virtual
 * person types or decides about it. Pure and seeded, so a drill can be repeated exactly and a
 * test can compare what the system published with what the plan injected.
 */
import {
  Azar,
  DEFAULT_POLITICA_PREP,
  FUERA_DE_CATALOGO,
  alterarCaptura,
  buildClaveActa,
  buildClaveCasilla,
  calcularResultado,
  camposDeActa,
  compararCapturas,
  generarCaptura,
  indexarCatalogo,
  type Captura,
  type Catalogo,
  type Contabilizada,
  type PoliticaPrep,
  type TipoCasilla,
} from '@prep/domain';
import { catalogoDelSimulacro } from './catalogo-simulacro';
import { TASAS_POR_OMISION, type TasasSimulacro } from './tasas';

export type DecisionPlaneada = 'CONFIRMAR' | 'CORREGIR' | 'DEVOLVER';

/** One round of double capture: what each task slot types, and what the verificador then decides. */
export interface RondaPlaneada {
  /** capturas[slot - 1]: the values typed by whoever takes the task of that slot. */
  capturas: [Captura, Captura];
  /** Fields where the two captures differ (the verificador decides them, reading the image). */
  discrepancias: string[];
  decision: DecisionPlaneada;
}

export type Realidad =
  | 'sinActa'
  | 'fueraDeCatalogo'
  | 'capturasDistintas'
  | 'ilegible'
  | 'sinDato'
  | 'excedeListaNominal'
  | 'casillaEspecial'
  | 'fotoCasilla'
  | 'abandono'
  | 'devolucion'
  | 'escalamiento';

export interface ActaPlaneada {
  claveActa: string;
  /** Where the paquete arrives (the catálogo's CATD; for a fuera de catálogo acta, the one that receives it). */
  catd: string;
  tipoCasilla: TipoCasilla;
  /** false: the paquete never arrives and the cierre publishes it SIN ACTA. */
  llega: boolean;
  fueraDeCatalogo: boolean;
  /** A PREP Casilla photo is sent before the acopio (and so before the CATD scan). */
  fotoCasilla: boolean;
  /** What the acta really says; null for a fuera de catálogo acta (never captured). */
  verdad: Captura | null;
  rondas: RondaPlaneada[];
  /** The last return exceeds maxDevoluciones: the CATD coordinador decides every field. */
  escalada: boolean;
  /** The capture task a capturista claims and abandons (its lease then expires). */
  abandono: { ronda: number; slot: number } | null;
  realidades: Realidad[];
  esperado: { fase: 'PUBLICADA' | 'SIN_ACTA'; contabilizada: Contabilizada; observaciones: string[] | null };
}

export interface ConteosPlan {
  actasCatalogo: number;
  actas: number;
  llegan: number;
  capturas: number;
  decisionesVerificador: number;
  decisionesCoordinador: number;
  devoluciones: number;
  desempates: number;
  contabilizadas: number;
  porRealidad: Record<Realidad, number>;
}

export interface PlanSimulacro {
  semilla: number | string;
  tasas: TasasSimulacro;
  catalogo: Catalogo;
  /** In order of arrival at the CATD (actas that never arrive keep their place, skipped). */
  actas: ActaPlaneada[];
  conteos: ConteosPlan;
}

export interface OpcionesPlan {
  actas: number;
  catds: number;
  semilla: number | string;
  idEntidad?: number;
  tasas?: Partial<TasasSimulacro>;
  /** The policy the API runs with (maxDevoluciones, topeCasillaEspecial and the contabilización rules matter here). */
  politica?: PoliticaPrep;
}

const MAX_SECCION = 9999;

export function planSimulacro(o: OpcionesPlan): PlanSimulacro {
  const tasas: TasasSimulacro = { ...TASAS_POR_OMISION, ...o.tasas };
  const politica = o.politica ?? DEFAULT_POLITICA_PREP;
  const catalogo = catalogoDelSimulacro({ actas: o.actas, catds: o.catds, semilla: o.semilla, idEntidad: o.idEntidad });
  const azar = new Azar(`simulacro:${String(o.semilla)}`);
  const delCatalogo = [...indexarCatalogo(catalogo).values()];
  const catdsConActas = [...new Set(catalogo.casillas.map((c) => c.catd))].sort();

  const actas: ActaPlaneada[] = delCatalogo.map((a) => {
    const r = (tasa: keyof TasasSimulacro) => azar.probabilidad(tasas[tasa]);
    const llega = !r('sinActa');
    const realidades: Realidad[] = [];
    if (!llega) realidades.push('sinActa');
    const excede = r('excedeListaNominal');
    // Exclusive with excede: a vote field left unread could bring the sum back under the ceiling.
    const ilegibles = !excede && r('ilegible') ? azar.entero(1, 2) : 0;
    const sinDato = !excede && r('sinDato') ? azar.entero(1, 2) : 0;
    if (ilegibles) realidades.push('ilegible');
    if (sinDato) realidades.push('sinDato');
    if (excede) realidades.push('excedeListaNominal');
    if (a.casilla.tipo === 'S') realidades.push('casillaEspecial');
    const verdad = generarCaptura(`${String(o.semilla)}:${a.claveActa}`, a.casilla, a.eleccion.columnasVoto, {
      ilegibles,
      sinDato,
      excederListaNominal: excede,
      topeCasillaEspecial: politica.topeCasillaEspecial,
    });
    const plan: ActaPlaneada = {
      claveActa: a.claveActa,
      catd: a.casilla.catd,
      tipoCasilla: a.casilla.tipo,
      llega,
      fueraDeCatalogo: false,
      fotoCasilla: false,
      verdad,
      rondas: [],
      escalada: false,
      abandono: null,
      realidades,
      esperado: { fase: 'SIN_ACTA', contabilizada: 0, observaciones: null },
    };
    if (!llega) return plan;
    plan.fotoCasilla = r('fotoCasilla');
    if (plan.fotoCasilla) realidades.push('fotoCasilla');
    planearRondas(plan, verdad, camposDeActa(a.eleccion.columnasVoto), tasas, politica, azar);
    const resultado = calcularResultado({ captura: verdad, columnasVoto: a.eleccion.columnasVoto, casilla: a.casilla, politica });
    plan.esperado = { fase: 'PUBLICADA', contabilizada: resultado.contabilizada, observaciones: resultado.observaciones };
    return plan;
  });

  // Claves of this entidad whose casilla the catálogo lacks: new secciones after the last one.
  const fuera = delCatalogo.filter(() => azar.probabilidad(tasas.fueraDeCatalogo)).length;
  let seccion = Math.max(...catalogo.casillas.map((c) => c.seccion));
  for (let k = 0; k < fuera && seccion < MAX_SECCION; k++) {
    seccion++;
    const claveCasilla = buildClaveCasilla({ entidad: catalogo.entidad.id, seccion, tipo: 'B', idCasilla: 1, extContigua: 0 });
    actas.push({
      claveActa: buildClaveActa(claveCasilla, azar.elegir(catalogo.elecciones).tipoActa),
      catd: azar.elegir(catdsConActas),
      tipoCasilla: 'B',
      llega: true,
      fueraDeCatalogo: true,
      fotoCasilla: false,
      verdad: null,
      rondas: [],
      escalada: false,
      abandono: null,
      realidades: ['fueraDeCatalogo'],
      esperado: { fase: 'PUBLICADA', contabilizada: 2, observaciones: [FUERA_DE_CATALOGO] },
    });
  }

  const enOrden = azar.muestra(actas, actas.length);
  return { semilla: o.semilla, tasas, catalogo, actas: enOrden, conteos: contar(enOrden, delCatalogo.length) };
}

/**
 * The rounds of double capture an arriving acta goes through. Returned rounds are typed right
 * (the verificador returns them anyway: an unclear image, a doubt); the last round may carry a
 * capturista's typing mistakes, which the verificador (or the coordinador) resolves from the image.
 */
function planearRondas(plan: ActaPlaneada, verdad: Captura, campos: string[], tasas: TasasSimulacro, politica: PoliticaPrep, azar: Azar): void {
  plan.escalada = azar.probabilidad(tasas.escalamiento);
  const devuelta = !plan.escalada && azar.probabilidad(tasas.devolucion);
  const distintas = azar.probabilidad(tasas.capturasDistintas);
  if (plan.escalada) plan.realidades.push('escalamiento');
  if (devuelta) plan.realidades.push('devolucion');
  if (distintas) plan.realidades.push('capturasDistintas');
  const numRondas = plan.escalada ? politica.maxDevoluciones + 1 : devuelta ? 2 : 1;
  for (let i = 0; i < numRondas; i++) {
    const ultima = i === numRondas - 1;
    const capturas: [Captura, Captura] = [{ ...verdad }, { ...verdad }];
    if (ultima && distintas) {
      const slot = azar.entero(0, 1);
      capturas[slot] = alterarCaptura(verdad, `${plan.claveActa}:r${i + 1}`, azar.entero(1, 2)).captura;
    }
    const discrepancias = compararCapturas(capturas[0], capturas[1], campos);
    const decision: DecisionPlaneada = !ultima || plan.escalada ? 'DEVOLVER' : discrepancias.length ? 'CORREGIR' : 'CONFIRMAR';
    plan.rondas.push({ capturas, discrepancias, decision });
  }
  for (let r = 1; r <= numRondas && !plan.abandono; r++) {
    for (let slot = 1; slot <= 2 && !plan.abandono; slot++) {
      if (azar.probabilidad(tasas.abandono)) plan.abandono = { ronda: r, slot };
    }
  }
  if (plan.abandono) plan.realidades.push('abandono');
}

function contar(actas: readonly ActaPlaneada[], actasCatalogo: number): ConteosPlan {
  const porRealidad = Object.fromEntries(
    (
      [
        'sinActa',
        'fueraDeCatalogo',
        'capturasDistintas',
        'ilegible',
        'sinDato',
        'excedeListaNominal',
        'casillaEspecial',
        'fotoCasilla',
        'abandono',
        'devolucion',
        'escalamiento',
      ] as Realidad[]
    ).map((r) => [r, 0]),
  ) as Record<Realidad, number>;
  const c: ConteosPlan = {
    actasCatalogo,
    actas: actas.length,
    llegan: 0,
    capturas: 0,
    decisionesVerificador: 0,
    decisionesCoordinador: 0,
    devoluciones: 0,
    desempates: 0,
    contabilizadas: 0,
    porRealidad,
  };
  for (const a of actas) {
    for (const r of a.realidades) porRealidad[r]++;
    if (a.llega) c.llegan++;
    if (a.esperado.contabilizada === 1) c.contabilizadas++;
    c.capturas += a.rondas.length * 2;
    c.decisionesVerificador += a.rondas.length;
    c.devoluciones += a.rondas.filter((r) => r.decision === 'DEVOLVER').length;
    if (a.escalada) c.decisionesCoordinador++;
    else if (a.rondas.at(-1)?.decision === 'CORREGIR') c.desempates++;
  }
  return c;
}

/** The acta's plan by clave, for the virtual staff who only learn the clave from their task. */
export function indicePlan(plan: PlanSimulacro): Map<string, ActaPlaneada> {
  return new Map(plan.actas.map((a) => [a.claveActa, a]));
}
