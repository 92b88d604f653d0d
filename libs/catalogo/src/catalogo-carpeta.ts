/** A catálogo folder on disk (catalogo.json + casillas.csv), for the CLI and the tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalogo } from '@prep/domain';
import { escribirCatalogo, type ArchivosCatalogo } from './catalogo-archivo';
import { ARCHIVO_CSV, ARCHIVO_JSON } from './errores-archivo';

/** The files of `carpeta`; casillas.csv is optional (casillas may be inline in catalogo.json). */
export function leerCarpetaCatalogo(carpeta: string): ArchivosCatalogo {
  const rutaJson = path.join(carpeta, ARCHIVO_JSON);
  if (!fs.existsSync(rutaJson)) throw new Error(`No existe ${rutaJson}: la carpeta del catálogo debe contener ${ARCHIVO_JSON} (y ${ARCHIVO_CSV}).`);
  const rutaCsv = path.join(carpeta, ARCHIVO_CSV);
  return { json: fs.readFileSync(rutaJson), csv: fs.existsSync(rutaCsv) ? fs.readFileSync(rutaCsv) : undefined };
}

/** Writes both files into `carpeta` (created if missing); returns their paths. */
export function escribirCarpetaCatalogo(carpeta: string, catalogo: Catalogo): { json: string; csv: string } {
  fs.mkdirSync(carpeta, { recursive: true });
  const { json, csv } = escribirCatalogo(catalogo);
  const rutas = { json: path.join(carpeta, ARCHIVO_JSON), csv: path.join(carpeta, ARCHIVO_CSV) };
  fs.writeFileSync(rutas.json, json);
  fs.writeFileSync(rutas.csv, csv);
  return rutas;
}
