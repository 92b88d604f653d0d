/**
 * Deterministic synthetic catálogo and captures for drills (simulacros), benchmarks and tests.
 * Default size: Jalisco 2021 (DOMAIN.md glossary: 145 CATD = 20 distritales + 125 municipales;
 * "Scale": a state PREP has 10k–25k actas per election).
 */
import { Azar, Semilla } from './azar';
import { CAMPOS_TOTALES, Captura, ILEGIBLE, NO_REGISTRADAS, NULOS, SIN_DATO, ValorCampo, camposDeActa } from './captura';
import type { TipoCasilla } from './clave';
import type { Casilla, Catalogo, Catd, Distrito, Eleccion, Municipio } from './catalogo';

export const PARTIDOS_SINTETICOS = ['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA'] as const;
/** Every combination of a PAN-PRI-PRD coalition is its own column, as on the acta. */
export const COMBINACIONES_SINTETICAS = ['PAN_PRI_PRD', 'PAN_PRI', 'PAN_PRD', 'PRI_PRD'] as const;

/**
 * Tipo de acta codes are our choice for synthetic data (the OPLE's catálogo sets the real ones);
 * '4' is left free for a gubernatura.
 */
export const ELECCIONES_SINTETICAS: readonly Eleccion[] = Object.freeze([
  {
    tipoActa: '5',
    nombre: 'DIPUTACIONES LOCALES MR',
    ambito: 'DISTRITO_LOCAL',
    columnasVoto: [...PARTIDOS_SINTETICOS, ...COMBINACIONES_SINTETICAS, 'CAND_IND_1', NO_REGISTRADAS, NULOS],
  },
  {
    tipoActa: '6',
    nombre: 'AYUNTAMIENTOS',
    ambito: 'MUNICIPIO',
    columnasVoto: [...PARTIDOS_SINTETICOS, ...COMBINACIONES_SINTETICAS, 'CAND_IND_1', 'CAND_IND_2', NO_REGISTRADAS, NULOS],
  },
]);

export interface OpcionesGenerador {
  semilla: Semilla;
  casillas: number;
  distritos: number;
  municipios: number;
  /** Municipios (the first ones) with their own CATD; the others deliver to their distrital CATD. */
  catdsMunicipales: number;
  idEntidad: number;
  nombreEntidad: string;
}

export const OPCIONES_GENERADOR_JALISCO: Readonly<OpcionesGenerador> = Object.freeze({
  semilla: 2021,
  casillas: 10_000,
  distritos: 20,
  municipios: 125,
  catdsMunicipales: 125,
  idEntidad: 14,
  nombreEntidad: 'JALISCO',
});

const LUGARES = ['ESCUELA PRIMARIA', 'JARDIN DE NIÑOS', 'ESCUELA SECUNDARIA', 'DOMICILIO PARTICULAR', 'CENTRO COMUNITARIO', 'UNIDAD DEPORTIVA'];
const CALLES = ['HIDALGO', 'MORELOS', 'JUAREZ', 'INDEPENDENCIA', 'REFORMA', 'ALLENDE', 'MADERO', 'GUERRERO', 'ZARAGOZA', 'ITURBIDE'];

function tres(n: number): string {
  return String(n).padStart(3, '0');
}

function dos(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Splits `total` among weights by largest remainder, at least `minimo` each when it fits, so the
 * sizes add up exactly.
 */
function repartir(total: number, pesos: readonly number[], minimo: number): number[] {
  const base = total >= minimo * pesos.length ? minimo : 0;
  const resto = total - base * pesos.length;
  const suma = pesos.reduce((a, b) => a + b, 0);
  const exactos = pesos.map((p) => (resto * p) / suma);
  const partes = exactos.map((x) => Math.floor(x));
  let faltan = resto - partes.reduce((a, b) => a + b, 0);
  const porFraccion = exactos.map((x, i) => ({ i, f: x - Math.floor(x) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (let k = 0; faltan > 0; k++, faltan--) partes[porFraccion[k % porFraccion.length].i]++;
  return partes.map((p) => p + base);
}

/** Casillas of one sección as the INE installs them: one básica, contiguas, now and then E and S. */
function casillasDeSeccion(azar: Azar): { tipo: TipoCasilla; idCasilla: number; extContigua: number }[] {
  const r = azar.real();
  const contiguas = r < 0.35 ? 0 : r < 0.7 ? 1 : r < 0.87 ? 2 : r < 0.95 ? 3 : azar.entero(4, 6);
  const lista: { tipo: TipoCasilla; idCasilla: number; extContigua: number }[] = [{ tipo: 'B', idCasilla: 1, extContigua: 0 }];
  for (let i = 1; i <= contiguas; i++) lista.push({ tipo: 'C', idCasilla: i, extContigua: 0 });
  if (azar.probabilidad(0.03)) {
    lista.push({ tipo: 'E', idCasilla: 1, extContigua: 0 });
    if (azar.probabilidad(0.3)) lista.push({ tipo: 'E', idCasilla: 1, extContigua: 1 });
  }
  if (azar.probabilidad(0.012)) lista.push({ tipo: 'S', idCasilla: 1, extContigua: 0 });
  return lista;
}

export function generarCatalogo(opciones: Partial<OpcionesGenerador> = {}): Catalogo {
  const o: OpcionesGenerador = { ...OPCIONES_GENERADOR_JALISCO, ...opciones };
  if (opciones.municipios !== undefined && opciones.catdsMunicipales === undefined) o.catdsMunicipales = o.municipios;
  for (const k of ['casillas', 'distritos', 'municipios'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new Error(`generarCatalogo: ${k} debe ser un entero ≥ 1.`);
  }
  if (!Number.isInteger(o.catdsMunicipales) || o.catdsMunicipales < 0 || o.catdsMunicipales > o.municipios) {
    throw new Error('generarCatalogo: catdsMunicipales debe ser un entero entre 0 y el número de municipios.');
  }
  const azar = new Azar(o.semilla);

  const distritos: Distrito[] = Array.from({ length: o.distritos }, (_, i) => ({ id: i + 1, nombre: `DISTRITO ${dos(i + 1)}` }));
  const municipios: Municipio[] = Array.from({ length: o.municipios }, (_, i) => ({ id: i + 1, nombre: `MUNICIPIO ${tres(i + 1)}` }));
  const catds: Catd[] = [
    ...distritos.map((d): Catd => ({ id: `D${dos(d.id)}`, nombre: `CATD DISTRITAL ${dos(d.id)}`, tipo: 'DISTRITAL', idDistrito: d.id, idMunicipio: null })),
    ...municipios
      .slice(0, o.catdsMunicipales)
      .map((m): Catd => ({ id: `M${tres(m.id)}`, nombre: `CATD MUNICIPAL ${m.nombre}`, tipo: 'MUNICIPAL', idDistrito: null, idMunicipio: m.id })),
  ];

  // Zipf-like sizes: a metropolitan municipio holds about a fifth of the casillas, as Guadalajara does.
  const porMunicipio = repartir(
    o.casillas,
    municipios.map((_, i) => 1 / (i + 1)),
    1,
  );
  // Distritos are filled in order with about the same number of casillas, so a big municipio spans
  // several distritos and small ones share one, like real districting.
  const cuotaDistrito = o.casillas / o.distritos;

  const casillas: Casilla[] = [];
  let seccion = 0;
  for (const m of municipios) {
    let restantes = porMunicipio[m.id - 1];
    while (restantes > 0) {
      seccion++;
      if (seccion > 9999) throw new Error('generarCatalogo: se agotaron las secciones (máximo 9999); pida menos casillas.');
      const idDistritoLocal = Math.min(o.distritos, Math.floor(casillas.length / cuotaDistrito) + 1);
      const catd = m.id <= o.catdsMunicipales ? `M${tres(m.id)}` : `D${dos(idDistritoLocal)}`;
      const calle = azar.elegir(CALLES);
      const numero = azar.entero(1, 2500);
      for (const c of casillasDeSeccion(azar).slice(0, restantes)) {
        casillas.push({
          seccion,
          tipo: c.tipo,
          idCasilla: c.idCasilla,
          extContigua: c.extContigua,
          ubicacion: `${azar.elegir(LUGARES)}, CALLE ${calle} ${numero}, ${m.nombre}`,
          // A casilla especial has no lista nominal of its own: its voters are listed elsewhere
          // (assumption for synthetic data; its ceiling is politica.topeCasillaEspecial).
          listaNominal: c.tipo === 'S' ? 0 : c.tipo === 'E' ? azar.entero(100, 600) : azar.entero(300, 750),
          representantes: azar.entero(4, 20),
          idDistritoLocal,
          idMunicipio: m.id,
          catd,
        });
        restantes--;
      }
    }
  }

  return {
    version: `sintetico-${String(o.semilla)}-${o.casillas}`,
    entidad: { id: o.idEntidad, nombre: o.nombreEntidad },
    distritos,
    municipios,
    catds,
    elecciones: ELECCIONES_SINTETICAS.map((e) => ({ ...e, columnasVoto: [...e.columnasVoto] })),
    casillas,
  };
}

// ─── Captures ─────────────────────────────────────────────────────────────────────────────────

export interface OpcionesCaptura {
  /** Share of the lista nominal that voted; default drawn around 0.6. */
  participacion?: number;
  /** Votes above LISTA_NOMINAL + REPRESENTANTES (casilla especial: above its ceiling). */
  excederListaNominal?: boolean;
  /** How many fields (vote or total) to mark 'ilegible'. */
  ilegibles?: number;
  /** How many fields (vote or total) to mark 'sin_dato'. */
  sinDato?: number;
  todosIlegibles?: boolean;
  todosVacios?: boolean;
  /** Ceiling of a casilla especial; default 750 as DEFAULT_POLITICA_PREP. */
  topeCasillaEspecial?: number;
}

type CasillaParaCaptura = Pick<Casilla, 'tipo' | 'listaNominal' | 'representantes'>;

function pesoColumna(col: string, azar: Azar): number {
  if (col === NULOS) return 0.03;
  if (col === NO_REGISTRADAS) return 0.002;
  if (col.startsWith('CAND_IND')) return 0.02 * azar.real();
  if (col.includes('_')) return 0.01 * azar.real();
  const fuerza = azar.real();
  return 0.05 + fuerza * fuerza;
}

/** A plausible, internally consistent capture of one acta (same seed → same capture). */
export function generarCaptura(semilla: Semilla, casilla: CasillaParaCaptura, columnasVoto: readonly string[], opciones: OpcionesCaptura = {}): Captura {
  const azar = new Azar(semilla);
  const base = casilla.tipo === 'S' ? (opciones.topeCasillaEspecial ?? 750) : casilla.listaNominal;
  const participacion = Math.min(1, Math.max(0, opciones.participacion ?? 0.6 + (azar.real() - 0.5) * 0.3));
  let repsVotaron: number;
  let votos: number;
  if (opciones.excederListaNominal) {
    repsVotaron = casilla.representantes;
    votos = base + casilla.representantes + azar.entero(1, 30);
  } else {
    repsVotaron = azar.entero(0, Math.min(casilla.representantes, 6));
    votos = Math.round(base * participacion) + repsVotaron;
  }

  const pesos = columnasVoto.map((c) => pesoColumna(c, azar));
  const reparto = votos > 0 && pesos.length > 0 ? repartir(votos, pesos, 0) : columnasVoto.map(() => 0);
  const captura: Captura = {};
  columnasVoto.forEach((c, i) => (captura[c] = Math.min(reparto[i], 99999)));
  const totales: Record<(typeof CAMPOS_TOTALES)[number], number> = {
    TOTAL_BOLETAS_SOBRANTES: Math.max(0, base + casilla.representantes - votos),
    TOTAL_PERSONAS_VOTARON: votos - repsVotaron,
    TOTAL_REP_PARTIDO_CI_VOTARON: repsVotaron,
    TOTAL_VOTOS_SACADOS: votos,
    TOTAL_VOTOS_ASENTADO: votos,
  };
  Object.assign(captura, totales);

  if (opciones.todosIlegibles) for (const c of columnasVoto) captura[c] = ILEGIBLE;
  else if (opciones.todosVacios) for (const c of columnasVoto) captura[c] = SIN_DATO;
  const campos = camposDeActa(columnasVoto);
  const marcados = azar.muestra(campos, (opciones.ilegibles ?? 0) + (opciones.sinDato ?? 0));
  marcados.forEach((c, i) => (captura[c] = i < (opciones.ilegibles ?? 0) ? ILEGIBLE : SIN_DATO));
  return captura;
}

/** A copy with `cuantos` fields typed differently: a second capturista's mistakes, for desempate drills. */
export function alterarCaptura(captura: Captura, semilla: Semilla, cuantos = 1): { captura: Captura; alterados: string[] } {
  const azar = new Azar(semilla);
  const alterados = azar.muestra(Object.keys(captura), cuantos);
  const copia: Captura = { ...captura };
  for (const campo of alterados) {
    const v = copia[campo];
    const nuevo: ValorCampo = typeof v === 'number' ? (v + azar.entero(1, 9)) % 100000 : azar.entero(0, 9);
    copia[campo] = nuevo;
  }
  return { captura: copia, alterados: alterados.filter((c) => copia[c] !== captura[c]) };
}
