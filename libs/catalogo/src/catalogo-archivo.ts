/**
 * The catálogo files → a validated Catalogo, or the reasons it is refused. Pure (no I/O): the HTTP
 * upload, the CLI and the tests all hand it the file contents. A file with any problem is refused
 * whole, so the loaded catálogo is never a part of what the OPLE sent.
 */
import { createHash } from 'node:crypto';
import { formaCanonicaCatalogo, validarCatalogo, type Casilla, type Catalogo } from '@prep/domain';
import { escribirCasillasCsv, leerCasillasCsv } from './casillas-csv';
import { leerCatalogoJson, type DocumentoCatalogo } from './catalogo-json';
import { ARCHIVO_CSV, ARCHIVO_JSON, decodificarUtf8, ErrorArchivo, formatearErrorArchivo } from './errores-archivo';

export interface ArchivosCatalogo {
  /** catalogo.json */
  json: string | Buffer;
  /** casillas.csv; omitted when catalogo.json carries `casillas`. */
  csv?: string | Buffer;
}

export interface CatalogoLeido {
  ok: true;
  catalogo: Catalogo;
  /** SHA-256 (hex) of the canonical form: same content → same hash, whatever the spacing or row order. */
  sha256: string;
}

export interface CatalogoRechazado {
  ok: false;
  /** Spanish, one problem each, 'archivo línea N: motivo'; at most MAX_ERRORES, then '… y N errores más'. */
  errores: string[];
  /** How many problems were found in all (errores may show fewer). */
  total: number;
}

/** Enough to fix a file in one pass without flooding a screen with 10,000 copies of one mistake. */
export const MAX_ERRORES = 50;

export function leerCatalogo(archivos: ArchivosCatalogo): CatalogoLeido | CatalogoRechazado {
  const errores: ErrorArchivo[] = [];

  const json = decodificarUtf8(archivos.json, ARCHIVO_JSON);
  const leidoJson = 'texto' in json ? leerCatalogoJson(json.texto) : { errores: [json.error] };
  errores.push(...leidoJson.errores);

  let casillas: Casilla[] | undefined = leidoJson.casillas;
  let lineas: number[] | undefined;
  if (archivos.csv !== undefined) {
    if (leidoJson.casillas !== undefined) {
      errores.push({
        archivo: ARCHIVO_JSON,
        ubicacion: 'casillas',
        mensaje: `las casillas vienen en ${ARCHIVO_JSON} y en ${ARCHIVO_CSV}; envíelas solo en uno de los dos.`,
      });
    }
    const csv = decodificarUtf8(archivos.csv, ARCHIVO_CSV);
    const leidoCsv = 'texto' in csv ? leerCasillasCsv(csv.texto) : { casillas: [], lineas: [], errores: [csv.error] };
    errores.push(...leidoCsv.errores);
    casillas = leidoCsv.casillas;
    lineas = leidoCsv.lineas;
  } else if (leidoJson.documento && leidoJson.casillas === undefined) {
    errores.push({ archivo: ARCHIVO_JSON, mensaje: `faltan las casillas: envíe ${ARCHIVO_CSV} o inclúyalas en ${ARCHIVO_JSON} como "casillas": [ … ].` });
  } else if (leidoJson.casillas?.length === 0) {
    errores.push({ archivo: ARCHIVO_JSON, ubicacion: 'casillas', mensaje: 'la lista de casillas está vacía.' });
  }

  // Cross-checks need the whole documento; they still run when some CSV lines were refused, so one
  // pass reports both a bad number on line 57 and an unknown CATD on line 90.
  if (leidoJson.documento) {
    const catalogo: Catalogo = { ...leidoJson.documento, version: leidoJson.documento.version ?? undefined, casillas: casillas ?? [] };
    for (const e of validarCatalogo(catalogo, { casillas: lineas })) {
      const enCsv = /^casillas línea (\d+)$/.exec(e.ubicacion);
      errores.push(
        enCsv ? { archivo: ARCHIVO_CSV, linea: Number(enCsv[1]), mensaje: e.mensaje } : { archivo: ARCHIVO_JSON, ubicacion: e.ubicacion, mensaje: e.mensaje },
      );
    }
    if (errores.length === 0) return { ok: true, catalogo, sha256: huellaCatalogo(leidoJson.documento, catalogo.casillas) };
  }
  return rechazo(errores);
}

function rechazo(errores: ErrorArchivo[]): CatalogoRechazado {
  // catalogo.json first, then casillas.csv by line (format and cross-check problems interleaved).
  const orden = (e: ErrorArchivo) => (e.archivo === ARCHIVO_JSON ? 0 : 1);
  const ordenados = errores
    .map((e, i) => ({ e, i }))
    .sort((a, b) => orden(a.e) - orden(b.e) || (a.e.linea ?? 0) - (b.e.linea ?? 0) || a.i - b.i)
    .map(({ e }) => formatearErrorArchivo(e));
  const mostrados = ordenados.slice(0, MAX_ERRORES);
  if (ordenados.length > MAX_ERRORES) mostrados.push(`… y ${ordenados.length - MAX_ERRORES} errores más.`);
  return { ok: false, errores: mostrados, total: ordenados.length };
}

/**
 * SHA-256 of the catálogo's canonical form (formaCanonicaCatalogo in libs/domain, the one
 * definition a corte's verifier recomputes too).
 */
export function huellaCatalogo(documento: DocumentoCatalogo, casillas: readonly Casilla[]): string {
  const catalogo: Catalogo = { ...documento, version: documento.version ?? undefined, casillas: [...casillas] };
  return createHash('sha256').update(formaCanonicaCatalogo(catalogo)).digest('hex');
}

/** The catálogo without its casillas, as stored in catalogo_carga.documento. */
export function documentoDe(catalogo: Catalogo): DocumentoCatalogo {
  const { casillas: _casillas, version, ...resto } = catalogo;
  return { version: version ?? null, ...resto };
}

/** The two files of a catálogo (README "Catálogo: formato de archivos"); reading them back gives the same SHA-256. */
export function escribirCatalogo(catalogo: Catalogo): { json: string; csv: string } {
  const d = documentoDe(catalogo);
  const documento = {
    ...(d.version !== null ? { version: d.version } : {}),
    entidad: d.entidad,
    distritos: d.distritos,
    municipios: d.municipios,
    catds: d.catds,
    elecciones: d.elecciones,
  };
  return { json: `${JSON.stringify(documento, null, 2)}\n`, csv: escribirCasillasCsv(catalogo.casillas) };
}
