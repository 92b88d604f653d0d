/**
 * The catálogo of one PREP: where actas come from (casillas), which elections each casilla votes,
 * and where they are received (CATD). Loaded before the puesta en ceros; read-only afterwards.
 */
import type { ContextoActa } from './acta-maquina';
import { CAMPOS_TOTALES, CAMPO_MAX_CARACTERES, MAX_CAMPOS_ACTA, NO_REGISTRADAS, NULOS, RE_CAMPO, isCampoTotal } from './captura';
import { rechazo, type RechazoDominio } from './errores';
import type { PoliticaPrep } from './politica';
import { TipoCasilla, buildClaveActa, buildClaveCasilla, isTipoActa, isTipoCasilla } from './clave';

export interface Entidad {
  id: number;
  nombre: string;
}

export interface Distrito {
  id: number;
  nombre: string;
}

export interface Municipio {
  id: number;
  nombre: string;
}

export type TipoCatd = 'DISTRITAL' | 'MUNICIPAL';

export interface Catd {
  /** Stable text id (e.g. 'D01', 'M001'): acopio commands carry it. */
  id: string;
  nombre: string;
  tipo: TipoCatd;
  idDistrito?: number | null;
  idMunicipio?: number | null;
}

export type AmbitoEleccion = 'DISTRITO_LOCAL' | 'MUNICIPIO';

export interface Eleccion {
  /** 1–2 digits without leading zero; ends CLAVE_ACTA. */
  tipoActa: string;
  nombre: string;
  ambito: AmbitoEleccion;
  /** Vote columns in published order: parties, coalition combinations, CAND_IND_n, then NO_REGISTRADAS, NULOS. */
  columnasVoto: string[];
}

export interface Casilla {
  seccion: number;
  tipo: TipoCasilla;
  idCasilla: number;
  extContigua: number;
  ubicacion: string;
  listaNominal: number;
  /** REPRESENTANTES_PP_CI: representantes de partido / candidatura independiente who may vote there. */
  representantes: number;
  idDistritoLocal: number;
  idMunicipio: number;
  /** Id of the CATD that receives this casilla's paquete. */
  catd: string;
}

export interface Catalogo {
  version?: string;
  entidad: Entidad;
  distritos: Distrito[];
  municipios: Municipio[];
  catds: Catd[];
  elecciones: Eleccion[];
  casillas: Casilla[];
}

export interface ActaEsperada {
  claveActa: string;
  claveCasilla: string;
  tipoActa: string;
}

/** Every casilla × every election: the denominator of ACTAS_ESPERADAS. */
export function actasEsperadas(catalogo: Catalogo): ActaEsperada[] {
  const actas: ActaEsperada[] = [];
  for (const casilla of catalogo.casillas) {
    const claveCasilla = claveDeCasilla(catalogo.entidad.id, casilla);
    for (const e of catalogo.elecciones) {
      actas.push({ claveActa: buildClaveActa(claveCasilla, e.tipoActa), claveCasilla, tipoActa: e.tipoActa });
    }
  }
  return actas;
}

export function claveDeCasilla(idEntidad: number, c: Casilla): string {
  return buildClaveCasilla({
    entidad: idEntidad,
    seccion: c.seccion,
    tipo: c.tipo,
    idCasilla: c.idCasilla,
    extContigua: c.extContigua,
  });
}

export interface ActaDelCatalogo {
  claveActa: string;
  claveCasilla: string;
  casilla: Casilla;
  eleccion: Eleccion;
}

/**
 * Lookup by CLAVE_ACTA for acopio (fuera de catálogo or not) and for building a ContextoActa.
 * Assumes a catálogo that passed validarCatalogo.
 */
export function indexarCatalogo(catalogo: Catalogo): Map<string, ActaDelCatalogo> {
  const indice = new Map<string, ActaDelCatalogo>();
  for (const casilla of catalogo.casillas) {
    const claveCasilla = claveDeCasilla(catalogo.entidad.id, casilla);
    for (const eleccion of catalogo.elecciones) {
      const claveActa = claveCasilla + eleccion.tipoActa;
      indice.set(claveActa, { claveActa, claveCasilla, casilla, eleccion });
    }
  }
  return indice;
}

/**
 * The ContextoActa of an acta found (or not: fuera de catálogo) in the index. Kept in the workflow
 * input so the acta's workflow never needs the catálogo again.
 */
export function contextoDeActa(acta: ActaDelCatalogo | undefined, politica: PoliticaPrep, rolesUsuario: readonly string[] = []): ContextoActa {
  if (!acta) return { politica, columnasVoto: [], casilla: null, rolesUsuario };
  const { tipo, listaNominal, representantes } = acta.casilla;
  return { politica, columnasVoto: [...acta.eleccion.columnasVoto], casilla: { tipo, listaNominal, representantes }, rolesUsuario };
}

/**
 * The canonical text of a catálogo, whose SHA-256 is the catálogo's hash (libs/catalogo's
 * huellaCatalogo, a corte's manifiesto): the known keys in a fixed order plus the casillas sorted by
 * CLAVE_CASILLA, as JSON. Whitespace, key order in the file, CSV vs inline and the order of the casilla
 * rows do not change it; any value does. Here, without the hash itself, because this library imports
 * no node module (it runs in the workflow sandbox).
 */
export function formaCanonicaCatalogo(catalogo: Catalogo): string {
  const canonicas = catalogo.casillas
    .map((c) => ({ clave: claveDeCasilla(catalogo.entidad.id, c), c }))
    .sort((a, b) => (a.clave < b.clave ? -1 : a.clave > b.clave ? 1 : 0))
    .map(({ c }) => [c.seccion, c.tipo, c.idCasilla, c.extContigua, c.ubicacion, c.listaNominal, c.representantes, c.idDistritoLocal, c.idMunicipio, c.catd]);
  const forma = {
    version: catalogo.version ?? null,
    entidad: { id: catalogo.entidad.id, nombre: catalogo.entidad.nombre },
    distritos: catalogo.distritos.map((d) => ({ id: d.id, nombre: d.nombre })),
    municipios: catalogo.municipios.map((m) => ({ id: m.id, nombre: m.nombre })),
    catds: catalogo.catds.map((c) => ({ id: c.id, nombre: c.nombre, tipo: c.tipo, idDistrito: c.idDistrito ?? null, idMunicipio: c.idMunicipio ?? null })),
    elecciones: catalogo.elecciones.map((e) => ({ tipoActa: e.tipoActa, nombre: e.nombre, ambito: e.ambito, columnasVoto: e.columnasVoto })),
    casillas: canonicas,
  };
  return JSON.stringify(forma);
}

// ─── What belongs to this PREP ───────────────────────────────────────────────────────────────

/**
 * Why a well-formed CLAVE_ACTA cannot be an acta of this PREP at all: it names another entidad, or
 * an election (tipo de acta) the catálogo does not have. null when it can: then it is either in the
 * catálogo or fuera de catálogo (a casilla of this entidad the catálogo lacks, registered with
 * CONTABILIZADA 2, DOMAIN.md).
 */
export function rechazoClaveAjena(
  partes: { entidad: number; tipoActa: string },
  entidad: Entidad,
  elecciones: readonly Pick<Eleccion, 'tipoActa' | 'nombre'>[],
): RechazoDominio | null {
  const dos = (n: number) => String(n).padStart(2, '0');
  if (partes.entidad !== entidad.id) {
    return rechazo(
      'CLAVE_DE_OTRA_ENTIDAD',
      `La clave empieza con la entidad ${dos(partes.entidad)}, pero este PREP es de la entidad ${dos(entidad.id)} (${entidad.nombre}): revise los dos primeros dígitos de la clave.`,
      422,
    );
  }
  if (!elecciones.some((e) => e.tipoActa === partes.tipoActa)) {
    const hay = elecciones.map((e) => `${e.tipoActa} (${e.nombre})`).join(', ');
    return rechazo(
      'TIPO_ACTA_DESCONOCIDO',
      `El tipo de acta ${partes.tipoActa} no es de ninguna elección del catálogo; los tipos de acta son: ${hay}. Revise los últimos dígitos de la clave.`,
      422,
    );
  }
  return null;
}

/** Refusal of a CATD id the catálogo does not have (accounts, corrections); null when it has it. */
export function rechazoCatdDesconocido(catd: string, catds: readonly string[]): RechazoDominio | null {
  if (catds.includes(catd)) return null;
  const MOSTRAR = 12;
  const lista = catds.slice(0, MOSTRAR).join(', ') + (catds.length > MOSTRAR ? ` … (y ${catds.length - MOSTRAR} más)` : '');
  return rechazo('CATD_DESCONOCIDO', `El CATD '${catd}' no existe en el catálogo cargado; use uno de: ${lista}.`, 422);
}

// ─── Validation ───────────────────────────────────────────────────────────────────────────────

export interface ErrorCatalogo {
  /** e.g. 'casillas línea 123' or 'elecciones #2'. */
  ubicacion: string;
  mensaje: string;
}

/**
 * Source line of each row, when the catálogo was read from files, so errors point at the line.
 * Each array is parallel to the catálogo array of the same name (lineas.casillas[i] is the line of
 * catalogo.casillas[i]); without it errors say the 1-based position ('casillas #5').
 */
export interface LineasCatalogo {
  distritos?: readonly number[];
  municipios?: readonly number[];
  catds?: readonly number[];
  elecciones?: readonly number[];
  casillas?: readonly number[];
}

export function formatearErrorCatalogo(e: ErrorCatalogo): string {
  return `${e.ubicacion}: ${e.mensaje}`;
}

function entero(n: unknown, min: number, max = Number.MAX_SAFE_INTEGER): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

function texto(x: unknown): x is string {
  return typeof x === 'string' && x.trim().length > 0;
}

/** Cross-checks of the whole catálogo; [] when it can be loaded. Pure: the caller reads the files. */
export function validarCatalogo(catalogo: Catalogo, lineas: LineasCatalogo = {}): ErrorCatalogo[] {
  const errores: ErrorCatalogo[] = [];
  const donde = (lista: keyof LineasCatalogo, i: number) => {
    const l = lineas[lista]?.[i];
    return l !== undefined ? `${lista} línea ${l}` : `${lista} #${i + 1}`;
  };
  const err = (ubicacion: string, mensaje: string) => errores.push({ ubicacion, mensaje });

  if (!catalogo.entidad || !entero(catalogo.entidad.id, 1, 32)) {
    err('entidad', `el id de entidad debe ser un entero de 1 a 32 (se recibió ${String(catalogo.entidad?.id)}).`);
  }
  if (!texto(catalogo.entidad?.nombre)) err('entidad', 'falta el nombre de la entidad.');

  const idsNumericos = (lista: 'distritos' | 'municipios', filas: readonly { id: number; nombre: string }[]) => {
    const ids = new Set<number>();
    filas.forEach((f, i) => {
      if (!entero(f.id, 1)) err(donde(lista, i), `el id debe ser un entero positivo (se recibió ${String(f.id)}).`);
      else if (ids.has(f.id)) err(donde(lista, i), `el id ${f.id} está repetido.`);
      ids.add(f.id);
      if (!texto(f.nombre)) err(donde(lista, i), `falta el nombre del id ${String(f.id)}.`);
    });
    return ids;
  };
  const distritos = idsNumericos('distritos', catalogo.distritos ?? []);
  const municipios = idsNumericos('municipios', catalogo.municipios ?? []);

  const catds = new Set<string>();
  (catalogo.catds ?? []).forEach((c, i) => {
    const aqui = donde('catds', i);
    if (!texto(c.id)) err(aqui, 'falta el id del CATD.');
    else if (catds.has(c.id)) err(aqui, `el CATD '${c.id}' está repetido.`);
    catds.add(c.id);
    if (!texto(c.nombre)) err(aqui, `falta el nombre del CATD '${c.id}'.`);
    if (c.tipo === 'DISTRITAL') {
      if (c.idDistrito == null || !distritos.has(c.idDistrito))
        err(aqui, `el CATD distrital '${c.id}' debe indicar un distrito existente (se recibió ${String(c.idDistrito)}).`);
    } else if (c.tipo === 'MUNICIPAL') {
      if (c.idMunicipio == null || !municipios.has(c.idMunicipio))
        err(aqui, `el CATD municipal '${c.id}' debe indicar un municipio existente (se recibió ${String(c.idMunicipio)}).`);
    } else {
      err(aqui, `el tipo del CATD '${c.id}' debe ser DISTRITAL o MUNICIPAL (se recibió ${String(c.tipo)}).`);
    }
  });

  const tiposActa = new Set<string>();
  const elecciones = catalogo.elecciones ?? [];
  if (elecciones.length === 0) err('elecciones', 'el catálogo no tiene elecciones.');
  elecciones.forEach((e, i) => {
    const aqui = donde('elecciones', i);
    if (!isTipoActa(e.tipoActa)) err(aqui, `el tipo de acta debe tener 1 o 2 dígitos sin cero a la izquierda (se recibió ${JSON.stringify(e.tipoActa)}).`);
    else if (tiposActa.has(e.tipoActa)) err(aqui, `el tipo de acta '${e.tipoActa}' está repetido.`);
    tiposActa.add(e.tipoActa);
    if (!texto(e.nombre)) err(aqui, 'falta el nombre de la elección.');
    if (e.ambito !== 'DISTRITO_LOCAL' && e.ambito !== 'MUNICIPIO') err(aqui, `el ámbito debe ser DISTRITO_LOCAL o MUNICIPIO (se recibió ${String(e.ambito)}).`);
    errores.push(...validarColumnasVoto(e.columnasVoto).map((mensaje) => ({ ubicacion: aqui, mensaje })));
  });

  const claves = new Map<string, number>();
  (catalogo.casillas ?? []).forEach((c, i) => {
    const aqui = donde('casillas', i);
    let valida = true;
    const mal = (m: string) => {
      valida = false;
      err(aqui, m);
    };
    if (!entero(c.seccion, 1, 9999)) mal(`la sección debe ser un entero de 1 a 9999 (se recibió ${String(c.seccion)}).`);
    if (!isTipoCasilla(c.tipo)) mal(`el tipo de casilla debe ser B, C, E o S (se recibió ${JSON.stringify(c.tipo)}).`);
    if (!entero(c.idCasilla, 1, 99)) mal(`el id de casilla debe ser un entero de 1 a 99 (se recibió ${String(c.idCasilla)}).`);
    if (!entero(c.extContigua, 0, 99)) mal(`la extensión contigua debe ser un entero de 0 a 99 (se recibió ${String(c.extContigua)}).`);
    else if (c.extContigua !== 0 && c.tipo !== 'E')
      mal(`la extensión contigua debe ser 0 salvo en casillas extraordinarias (E); esta es tipo ${String(c.tipo)} con ${c.extContigua}.`);
    if (!entero(c.listaNominal, 0)) err(aqui, `la lista nominal debe ser un entero ≥ 0 (se recibió ${String(c.listaNominal)}).`);
    if (!entero(c.representantes, 0)) err(aqui, `los representantes deben ser un entero ≥ 0 (se recibió ${String(c.representantes)}).`);
    if (typeof c.ubicacion !== 'string') err(aqui, 'la ubicación debe ser texto (puede ir vacía).');
    if (!distritos.has(c.idDistritoLocal)) err(aqui, `el distrito local ${String(c.idDistritoLocal)} no existe.`);
    if (!municipios.has(c.idMunicipio)) err(aqui, `el municipio ${String(c.idMunicipio)} no existe.`);
    if (!catds.has(c.catd)) err(aqui, `el CATD '${String(c.catd)}' no existe.`);
    if (valida && catalogo.entidad && entero(catalogo.entidad.id, 1, 32)) {
      const clave = claveDeCasilla(catalogo.entidad.id, c);
      const previa = claves.get(clave);
      if (previa !== undefined) err(aqui, `la casilla ${clave} está repetida (ya aparece en ${donde('casillas', previa)}).`);
      else claves.set(clave, i);
    }
  });
  return errores;
}

/** Problems of one election's vote columns, as Spanish sentences. */
export function validarColumnasVoto(columnas: readonly string[] | undefined): string[] {
  if (!Array.isArray(columnas) || columnas.length === 0) return ['la elección no tiene columnas de voto.'];
  const errores: string[] = [];
  const vistas = new Set<string>();
  for (const col of columnas) {
    if (typeof col !== 'string' || !RE_CAMPO.test(col)) {
      errores.push(`la columna ${JSON.stringify(col)} no es válida: use de 1 a ${CAMPO_MAX_CARACTERES} mayúsculas, dígitos o guiones bajos (p. ej. PAN_PRI).`);
    } else if (isCampoTotal(col)) {
      errores.push(`la columna ${col} es un total del acta, no una columna de voto; quítela.`);
    }
    if (vistas.has(col)) errores.push(`la columna ${col} está repetida.`);
    vistas.add(col);
  }
  const n = columnas.length;
  // Captures are refused beyond MAX_CAMPOS_ACTA fields, so such an election could never be captured.
  if (n + CAMPOS_TOTALES.length > MAX_CAMPOS_ACTA) {
    errores.push(`la elección tiene ${n} columnas de voto; con los ${CAMPOS_TOTALES.length} totales un acta admite a lo más ${MAX_CAMPOS_ACTA} campos.`);
  }
  if (n < 2 || columnas[n - 2] !== NO_REGISTRADAS || columnas[n - 1] !== NULOS) {
    errores.push(`las columnas de voto deben terminar en ${NO_REGISTRADAS}, ${NULOS} (en ese orden).`);
  }
  return errores;
}
