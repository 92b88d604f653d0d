/**
 * What differs between the CSV a corte should contain (rebuilt from the bitácora) and the one it
 * published: named by line, CLAVE_ACTA and column, in Spanish, so anyone can see what was changed.
 */
import { parse } from 'csv-parse/sync';
import { COLUMNAS_RESUMEN } from './resumen';

export type TipoDiferenciaCsv =
  'BOM' | 'FIN_DE_LINEA' | 'ENCABEZADO' | 'RESUMEN' | 'COLUMNAS' | 'CELDA' | 'FILA_FALTANTE' | 'FILA_SOBRANTE' | 'ORDEN' | 'BYTES' | 'LIMITE';

export interface DiferenciaCsv {
  tipo: TipoDiferenciaCsv;
  /** 1-based line of the published file (of the expected one for a missing row); null when not about one line. */
  linea: number | null;
  /** CLAVE_ACTA of the row, without quotes. */
  claveActa?: string;
  /** Acta or summary column. */
  columna?: string;
  esperado?: string;
  publicado?: string;
  mensaje: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Lines of a corte's CSV before the acta rows (name, date, blank, summary header, values, blank, acta header). */
const LINEAS_CABECERA = 7;
export const MAX_DIFERENCIAS = 200;

interface Leido {
  bom: boolean;
  /** '\r', '\r\n', '\n', or null with no line end at all. */
  finDeLinea: string | null;
  lineas: { linea: number; celdas: string[] }[];
  error?: string;
}

function leer(datos: Buffer | string): Leido {
  const b = Buffer.isBuffer(datos) ? datos : Buffer.from(datos, 'utf8');
  const bom = b.subarray(0, 3).equals(BOM);
  const texto = b.subarray(bom ? 3 : 0).toString('utf8');
  const m = /\r\n|\r|\n/.exec(texto);
  try {
    const registros = parse(texto, {
      record_delimiter: ['\r\n', '\r', '\n'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as { record: string[]; info: { lines: number } }[];
    return { bom, finDeLinea: m ? m[0] : null, lineas: registros.map((r) => ({ linea: r.info.lines, celdas: r.record })) };
  } catch (e) {
    return { bom, finDeLinea: m ? m[0] : null, lineas: [], error: (e as Error).message };
  }
}

const VISIBLE: Record<string, string> = { '\r': 'CR', '\r\n': 'CRLF', '\n': 'LF' };
const corto = (s: string | undefined) => (s === undefined ? '(nada)' : JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s));
const sinComillas = (c: string | undefined) => (c ?? '').replace(/^'|'$/g, '');

/**
 * [] when the two files are byte-identical; otherwise every difference found (at most
 * MAX_DIFERENCIAS, then one LIMITE entry saying how many more). A difference that changes no cell
 * (quoting, a missing last line end) still appears, as BYTES with the first differing position.
 */
export function compararCsv(esperado: Buffer | string, publicado: Buffer | string): DiferenciaCsv[] {
  const be = Buffer.isBuffer(esperado) ? esperado : Buffer.from(esperado, 'utf8');
  const bp = Buffer.isBuffer(publicado) ? publicado : Buffer.from(publicado, 'utf8');
  if (be.equals(bp)) return [];
  const e = leer(be);
  const p = leer(bp);
  const d: DiferenciaCsv[] = [];
  if (e.bom !== p.bom) {
    d.push({
      tipo: 'BOM',
      linea: 1,
      mensaje: e.bom
        ? 'El archivo publicado no empieza con la marca BOM de UTF-8 (EF BB BF).'
        : 'El archivo publicado empieza con una marca BOM que no corresponde.',
    });
  }
  if (e.finDeLinea !== p.finDeLinea) {
    d.push({
      tipo: 'FIN_DE_LINEA',
      linea: null,
      esperado: VISIBLE[e.finDeLinea ?? ''],
      publicado: VISIBLE[p.finDeLinea ?? ''],
      mensaje: `Las líneas del archivo publicado terminan en ${VISIBLE[p.finDeLinea ?? ''] ?? 'nada'} y deben terminar en ${VISIBLE[e.finDeLinea ?? ''] ?? 'nada'} (retorno de carro solo).`,
    });
  }
  if (p.error) {
    d.push({ tipo: 'BYTES', linea: null, mensaje: `El archivo publicado no se puede leer como CSV: ${p.error}` });
    return d;
  }
  compararCabecera(e, p, d);
  compararFilas(e, p, d);
  if (d.length === 0) {
    const i = primerByteDistinto(be, bp);
    const linea = bp
      .subarray(0, i)
      .toString('utf8')
      .split(/\r\n|\r|\n/).length;
    d.push({
      tipo: 'BYTES',
      linea,
      mensaje: `Las celdas coinciden pero los bytes no (comillas o final del archivo): primer byte distinto en la posición ${i}, línea ${linea}.`,
    });
  }
  if (d.length > MAX_DIFERENCIAS) {
    const resto = d.length - MAX_DIFERENCIAS;
    return [...d.slice(0, MAX_DIFERENCIAS), { tipo: 'LIMITE', linea: null, mensaje: `… y ${resto} diferencia(s) más.` }];
  }
  return d;
}

function primerByteDistinto(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

const NOMBRE_LINEA = [
  'el nombre de la elección',
  'la fecha y hora del corte',
  'una línea en blanco',
  'el encabezado del resumen',
  '',
  'una línea en blanco',
  'el encabezado de las actas',
];

function compararCabecera(e: Leido, p: Leido, d: DiferenciaCsv[]): void {
  for (let i = 0; i < LINEAS_CABECERA; i++) {
    if (i === 4) {
      compararResumen(e.lineas[i]?.celdas ?? [], p.lineas[i]?.celdas ?? [], p.lineas[i]?.linea ?? i + 1, d);
      continue;
    }
    const x = (e.lineas[i]?.celdas ?? []).join(',');
    const y = p.lineas[i] ? p.lineas[i].celdas.join(',') : undefined;
    if (x !== y) {
      d.push({
        tipo: i === 6 ? 'COLUMNAS' : 'ENCABEZADO',
        linea: i + 1,
        esperado: x,
        publicado: y,
        mensaje: `La línea ${i + 1} debe ser ${NOMBRE_LINEA[i]}: se esperaba ${corto(x)} y se publicó ${corto(y)}.`,
      });
    }
  }
}

function compararResumen(e: string[], p: string[], linea: number, d: DiferenciaCsv[]): void {
  COLUMNAS_RESUMEN.forEach((columna, i) => {
    if (e[i] !== p[i]) {
      d.push({
        tipo: 'RESUMEN',
        linea,
        columna,
        esperado: e[i],
        publicado: p[i],
        mensaje: `Resumen (línea ${linea}), ${columna}: se esperaba ${corto(e[i])} y se publicó ${corto(p[i])}.`,
      });
    }
  });
  if (p.length > COLUMNAS_RESUMEN.length) {
    d.push({ tipo: 'RESUMEN', linea, mensaje: `Resumen (línea ${linea}): tiene ${p.length} valores y deben ser ${COLUMNAS_RESUMEN.length}.` });
  }
}

function compararFilas(e: Leido, p: Leido, d: DiferenciaCsv[]): void {
  const columnas = e.lineas[LINEAS_CABECERA - 1]?.celdas ?? [];
  const columnasPublicadas = p.lineas[LINEAS_CABECERA - 1]?.celdas ?? [];
  // Cells are matched by column name, so one moved column is one header difference, not one per row.
  const dondePublicada = new Map(columnasPublicadas.map((c, i) => [c, i]));
  const iClave = columnas.indexOf('CLAVE_ACTA');
  const iClavePublicada = dondePublicada.get('CLAVE_ACTA') ?? iClave;
  const esperadas = new Map<string, { linea: number; celdas: string[]; posicion: number }>();
  e.lineas.slice(LINEAS_CABECERA).forEach((l, posicion) => esperadas.set(sinComillas(l.celdas[iClave]), { ...l, posicion }));
  const vistas = new Set<string>();
  const orden: string[] = [];
  for (const l of p.lineas.slice(LINEAS_CABECERA)) {
    const clave = sinComillas(l.celdas[iClavePublicada]);
    const x = esperadas.get(clave);
    if (!x || vistas.has(clave)) {
      const mensaje = x
        ? `Línea ${l.linea}: el acta ${clave} aparece más de una vez.`
        : `Línea ${l.linea}: el acta ${clave || '(sin CLAVE_ACTA)'} no debe estar en el corte (no estaba publicada en la bitácora a esa transacción).`;
      d.push({ tipo: 'FILA_SOBRANTE', linea: l.linea, claveActa: clave, mensaje });
      continue;
    }
    vistas.add(clave);
    orden.push(clave);
    columnas.forEach((columna, i) => {
      const j = dondePublicada.get(columna);
      if (j === undefined) return; // already reported as a header difference
      const esperado = x.celdas[i];
      const publicado = l.celdas[j];
      if (esperado !== publicado) {
        d.push({
          tipo: 'CELDA',
          linea: l.linea,
          claveActa: clave,
          columna,
          esperado,
          publicado,
          mensaje: `Línea ${l.linea}, acta ${clave}, columna ${columna}: se esperaba ${corto(esperado)} y se publicó ${corto(publicado)}.`,
        });
      }
    });
    if (l.celdas.length !== columnasPublicadas.length) {
      d.push({
        tipo: 'CELDA',
        linea: l.linea,
        claveActa: clave,
        mensaje: `Línea ${l.linea}, acta ${clave}: tiene ${l.celdas.length} celdas y el encabezado ${columnasPublicadas.length}.`,
      });
    }
  }
  for (const [clave, x] of esperadas) {
    if (!vistas.has(clave)) {
      d.push({
        tipo: 'FILA_FALTANTE',
        linea: x.linea,
        claveActa: clave,
        mensaje: `Falta el acta ${clave}: estaba publicada en la bitácora a esa transacción y debía ir en la línea ${x.linea}.`,
      });
    }
  }
  const fueraDeOrden = orden.findIndex((clave, i) => i > 0 && esperadas.get(clave)!.posicion < esperadas.get(orden[i - 1])!.posicion);
  if (fueraDeOrden > 0) {
    const clave = orden[fueraDeOrden];
    d.push({
      tipo: 'ORDEN',
      claveActa: clave,
      linea: null,
      mensaje: `Las filas no siguen el orden publicado (entidad, distrito o municipio, sección, tipo, id de casilla, extensión contigua): el acta ${clave} va antes de ${orden[fueraDeOrden - 1]}.`,
    });
  }
}
