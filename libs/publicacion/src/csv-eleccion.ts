/**
 * One election's CSV of a corte, byte for byte as DOMAIN.md "Published CSV" describes it:
 * UTF-8 with BOM; every line (blank ones too) ends with a carriage return alone; line 1 the
 * election's name, line 2 `dd/mm/yyyy HH:MM (UTC-6)`, blank, summary header, summary values,
 * blank, acta header, then one row per acta in DOMAIN.md order.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { Eleccion } from '@prep/domain';
import { prepararCorte, type CortePreparado, type EntradaCorteEleccion } from './entrada';
import { columnasActaCsv, compararFilas, filaActa, nombresAmbito } from './fila-acta';
import { lineaFechaCorte, textoCelda, zonaDe } from './formato';
import { COLUMNAS_RESUMEN, resumenDe } from './resumen';

/** CR alone: pandas' skiprows=3 / skiprows=4 then land on the summary and the acta table (DOMAIN.md). */
export const FIN_DE_LINEA = '\r';

/**
 * The records of the file, in order; each is one line. Built whole before anything is written, so
 * an inconsistent acta fails the corte instead of leaving half a file.
 */
export function registrosCsv(corte: CortePreparado): string[][] {
  const { entrada, eleccion } = corte;
  const zona = zonaDe(entrada.politica);
  const resumen = resumenDe(corte);
  const contexto = { catalogo: entrada.catalogo, eleccion, nombres: nombresAmbito(entrada.catalogo, eleccion.ambito), minutosZona: zona.minutos };
  const filas = corte.actas.map((a) => filaActa(a, contexto)).sort(compararFilas);
  return [
    [textoCelda(eleccion.nombre)],
    [lineaFechaCorte(entrada.instante, zona)],
    [],
    [...COLUMNAS_RESUMEN],
    COLUMNAS_RESUMEN.map((c) => String(resumen[c])),
    [],
    columnasActaCsv(eleccion),
    ...filas.map((f) => f.celdas),
  ];
}

/**
 * Streams the CSV of one election's corte into `destino` through csv-stringify, and ends `destino`
 * (as stream.pipeline does): the promise settles once `destino` has finished, or rejects with the
 * first error of either side. Rejects like prepararCorte for an inconsistent entrada, before
 * writing anything.
 */
export async function escribirCsvEleccion(e: EntradaCorteEleccion, destino: NodeJS.WritableStream): Promise<void> {
  const registros = registrosCsv(prepararCorte(e));
  await pipeline(Readable.from(registros), stringify(OPCIONES_CSV), destino);
}

/** Quotes only where a cell needs them (a comma, a double quote, or CR); never empty cells. */
const OPCIONES_CSV: Readonly<Options> = Object.freeze({ bom: true, record_delimiter: FIN_DE_LINEA, quoted_empty: false });

/**
 * The same bytes as escribirCsvEleccion, built synchronously with csv-stringify's sync API from
 * the same records and options: for the verifier, which compares in memory.
 */
export function csvEleccionEnMemoria(e: EntradaCorteEleccion): Buffer {
  return Buffer.from(stringifySync(registrosCsv(prepararCorte(e)), OPCIONES_CSV), 'utf8');
}

/** The whole CSV in memory through the streaming writer, for small uses. */
export async function csvEleccion(e: EntradaCorteEleccion): Promise<Buffer> {
  const partes: Buffer[] = [];
  const destino = new Writable({
    write(chunk: Buffer | string, _enc, listo) {
      partes.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      listo();
    },
  });
  await escribirCsvEleccion(e, destino);
  return Buffer.concat(partes);
}

/**
 * The file name of an election's CSV in a corte: `PREP_<NOMBRE>_<TIPO_ACTA>.csv`, the name in
 * capitals without accents, every run of other characters one `_` (at most 60 characters), e.g.
 * `PREP_AYUNTAMIENTOS_6.csv`. The tipo de acta makes it unique within a catálogo; it is ASCII, so
 * any zip tool and file system keeps it as is.
 */
export function nombreArchivoCsv(eleccion: Eleccion): string {
  const base = eleccion.nombre
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60)
    .replace(/_+$/, '');
  return `PREP_${base ? `${base}_` : ''}${eleccion.tipoActa}.csv`;
}
