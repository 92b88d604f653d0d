/**
 * casillas.csv: one casilla per line (README "Catálogo: formato de archivos"). Reading checks each
 * field's format and reports every bad field with its line; the cross-checks (CATD, distrito,
 * municipio exist; no repeated casilla) are the domain's validarCatalogo, fed with these lines.
 */
import { parse } from 'csv-parse/sync';
import { isTipoCasilla, type Casilla } from '@prep/domain';
import { ARCHIVO_CSV, ErrorArchivo, recibido } from './errores-archivo';
import { LIMITES } from './limites';

export const COLUMNAS_CASILLAS = [
  'SECCION',
  'TIPO_CASILLA',
  'ID_CASILLA',
  'EXT_CONTIGUA',
  'UBICACION',
  'LISTA_NOMINAL',
  'REPRESENTANTES_PP_CI',
  'ID_DISTRITO_LOCAL',
  'ID_MUNICIPIO',
  'CATD',
] as const;

const ENCABEZADO = COLUMNAS_CASILLAS.join(',');

export interface CasillasLeidas {
  /** Only the rows whose every field was well formed, in file order. */
  casillas: Casilla[];
  /** lineas[i] is the line of casillas[i], for validarCatalogo. */
  lineas: number[];
  errores: ErrorArchivo[];
}

// ─── Reading ─────────────────────────────────────────────────────────────────────────────────

/** Largest value of a PostgreSQL `integer` column: the limit of lista nominal and the ids. */
const MAX_INT4 = 2_147_483_647;

type Celdas = Record<(typeof COLUMNAS_CASILLAS)[number], string>;

/** One parsed field or the reason it is wrong (without the line, added by the caller). */
type Campo<T> = { valor: T } | { error: string };

function entero(columna: string, texto: string, min: number, max: number): Campo<number> {
  const rango = max === MAX_INT4 ? `≥ ${min}` : `de ${min} a ${max}`;
  // Digits only: '12.0', '1e3' or '+5' in a casilla file are typing accidents, not numbers.
  if (!/^\d+$/.test(texto)) return { error: `${columna} debe ser un entero ${rango} (se recibió ${recibido(texto)})` };
  const n = Number(texto);
  if (n < min || n > max) return { error: `${columna} debe ser un entero ${rango} (se recibió ${recibido(texto)})` };
  return { valor: n };
}

function casillaDeCeldas(c: Celdas): { casilla?: Casilla; errores: string[] } {
  const errores: string[] = [];
  const num = (columna: keyof Celdas, min: number, max = MAX_INT4) => {
    const r = entero(columna, c[columna], min, max);
    if ('error' in r) {
      errores.push(r.error);
      return 0;
    }
    return r.valor;
  };
  const seccion = num('SECCION', 1, 9999);
  const tipo = c.TIPO_CASILLA;
  if (!isTipoCasilla(tipo)) errores.push(`TIPO_CASILLA debe ser B, C, E o S (se recibió ${recibido(tipo)})`);
  const idCasilla = num('ID_CASILLA', 1, 99);
  const extContigua = num('EXT_CONTIGUA', 0, 99);
  const ubicacion = c.UBICACION;
  if (ubicacion.length > LIMITES.ubicacion) errores.push(`UBICACION admite a lo más ${LIMITES.ubicacion} caracteres (tiene ${ubicacion.length})`);
  const listaNominal = num('LISTA_NOMINAL', 0);
  const representantes = num('REPRESENTANTES_PP_CI', 0);
  const idDistritoLocal = num('ID_DISTRITO_LOCAL', 1);
  const idMunicipio = num('ID_MUNICIPIO', 1);
  const catd = c.CATD;
  if (catd === '') errores.push('CATD está vacío: indique el id del CATD que recibe el paquete de la casilla');
  else if (catd.length > LIMITES.idCatd) errores.push(`CATD admite a lo más ${LIMITES.idCatd} caracteres (se recibió ${recibido(catd)})`);
  if (errores.length || !isTipoCasilla(tipo)) return { errores };
  return {
    casilla: { seccion, tipo, idCasilla, extContigua, ubicacion, listaNominal, representantes, idDistritoLocal, idMunicipio, catd },
    errores,
  };
}

const CSV_ERRORES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unas comillas se abren y nunca se cierran',
  CSV_INVALID_CLOSING_QUOTE: 'después de cerrar comillas debe venir una coma o el fin de línea',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'después de cerrar comillas debe venir una coma o el fin de línea',
};

function describirEncabezado(recibidas: string[]): string {
  const texto = recibidas.join(',');
  const pista =
    recibidas.length === 1 && /[;\t|]/.test(recibidas[0])
      ? ' El separador debe ser la coma (el archivo parece usar otro).'
      : (() => {
          const faltan = COLUMNAS_CASILLAS.filter((c) => !recibidas.includes(c));
          const sobran = recibidas.filter((c) => !(COLUMNAS_CASILLAS as readonly string[]).includes(c));
          if (faltan.length || sobran.length) {
            return [faltan.length ? ` Faltan: ${faltan.join(', ')}.` : '', sobran.length ? ` Sobran: ${sobran.map((s) => recibido(s)).join(', ')}.` : ''].join(
              '',
            );
          }
          return ' Las columnas están en otro orden.';
        })();
  return `el encabezado debe ser exactamente '${ENCABEZADO}' (se recibió ${recibido(texto, 200)}).${pista}`;
}

/** Parses casillas.csv (already decoded, BOM allowed). Never throws on bad content. */
export function leerCasillasCsv(texto: string): CasillasLeidas {
  const resultado: CasillasLeidas = { casillas: [], lineas: [], errores: [] };
  const error = (linea: number | undefined, mensaje: string) => resultado.errores.push({ archivo: ARCHIVO_CSV, linea, mensaje });

  let registros: { record: string[]; info: { lines: number } }[];
  try {
    registros = parse(texto, {
      bom: true,
      // Column count is checked here, per line, so one short line does not hide the others.
      relax_column_count: true,
      // A quote inside an unquoted field (ESCUELA "BENITO JUAREZ") is kept as text.
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      // Explicit, so a file mixing CRLF and LF still gets the right line numbers.
      record_delimiter: ['\r\n', '\n', '\r'],
      info: true,
    });
  } catch (e) {
    // A quoting error leaves the rest of the file unreadable: the whole file is refused here.
    // Duck-typed: csv-parse's sync build carries its own CsvError class, so instanceof is unreliable.
    const csv = e as { code?: unknown; lines?: unknown; message?: string };
    if (typeof csv.code === 'string') {
      const linea = typeof csv.lines === 'number' ? csv.lines : undefined;
      error(linea, `el CSV está mal formado: ${CSV_ERRORES[csv.code] ?? csv.message}.`);
      return resultado;
    }
    throw e;
  }

  if (registros.length === 0) {
    error(undefined, `el archivo está vacío: debe empezar con el encabezado '${ENCABEZADO}' y tener una casilla por línea.`);
    return resultado;
  }
  const [cabeza, ...filas] = registros;
  if (cabeza.record.join(',') !== ENCABEZADO) {
    error(cabeza.info.lines, describirEncabezado(cabeza.record));
    return resultado;
  }
  if (filas.length === 0) error(undefined, 'el archivo no tiene casillas: solo trae el encabezado.');

  for (const { record, info } of filas) {
    // info.lines is the line where the record ends; a quoted field may span lines.
    const linea = info.lines - record.reduce((n, campo) => n + (campo.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    if (record.length !== COLUMNAS_CASILLAS.length) {
      error(linea, `se esperaban ${COLUMNAS_CASILLAS.length} columnas y hay ${record.length}.`);
      continue;
    }
    const celdas = Object.fromEntries(COLUMNAS_CASILLAS.map((c, i) => [c, record[i]])) as Celdas;
    const { casilla, errores } = casillaDeCeldas(celdas);
    for (const m of errores) error(linea, m);
    if (casilla) {
      resultado.casillas.push(casilla);
      resultado.lineas.push(linea);
    }
  }
  return resultado;
}

// ─── Writing ─────────────────────────────────────────────────────────────────────────────────

/** RFC 4180 quoting: only when the field needs it, so the common file stays plain. */
function celda(valor: string | number): string {
  const s = String(valor);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * casillas.csv for these casillas, with a BOM so a spreadsheet opens the accents right
 * (the published PREP files carry one too).
 */
export function escribirCasillasCsv(casillas: readonly Casilla[]): string {
  const lineas = [ENCABEZADO];
  for (const c of casillas) {
    lineas.push(
      [c.seccion, c.tipo, c.idCasilla, c.extContigua, c.ubicacion, c.listaNominal, c.representantes, c.idDistritoLocal, c.idMunicipio, c.catd]
        .map(celda)
        .join(','),
    );
  }
  return `\uFEFF${lineas.join('\n')}\n`;
}
