import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escribirCatalogo } from '@prep/catalogo';
import type { Catalogo, EstadoActa, PoliticaPrep } from '@prep/domain';
import {
  ARCHIVO_MANIFIESTO,
  escribirCsvEleccion,
  manifiestoCorteJson,
  nombreArchivoCsv,
  sha256Hex as sha256,
  textoLeemeCorte,
  type ManifiestoCorte,
} from '@prep/publicacion';
import { zipDeterminista } from './zip';

export const ARCHIVO_LEEME = 'LEEME.txt';
export const ARCHIVO_CATALOGO = 'catalogo.json';
export const ARCHIVO_CASILLAS = 'casillas.csv';

export interface DatosCorte {
  numero: number;
  instante: string;
  estadoFirmado: ManifiestoCorte['estadoFirmado'];
  catalogo: Catalogo;
  /** The SHA-256 CATALOGO_CARGADO recorded; the catálogo files shipped hash to it. */
  catalogoSha256: string;
  actas: EstadoActa[];
  politica: PoliticaPrep;
  final: boolean;
}

/**
 * Every file of a corte, the manifest last (it lists the others with their SHA-256) and the zip of
 * all of them, manifest first. Same inputs, same bytes: the zip's hash identifies the corte.
 */
export async function armarCorte(d: DatosCorte): Promise<{ archivos: { nombre: string; contenido: Buffer }[]; manifiesto: ManifiestoCorte; zip: Buffer }> {
  const trabajo = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'prep-corte-'));
  try {
    const archivos: { nombre: string; contenido: Buffer }[] = [];
    for (const eleccion of d.catalogo.elecciones) {
      const nombre = nombreArchivoCsv(eleccion);
      const destino = path.join(trabajo, nombre);
      // Streamed to a file: a state-sized election's CSV never sits in memory as one string.
      await escribirCsvEleccion(
        { catalogo: d.catalogo, tipoActa: eleccion.tipoActa, actas: d.actas, instante: d.instante, politica: d.politica, final: d.final },
        fs.createWriteStream(destino),
      );
      archivos.push({ nombre, contenido: await fs.promises.readFile(destino) });
    }
    const cat = escribirCatalogo(d.catalogo);
    archivos.push({ nombre: ARCHIVO_CATALOGO, contenido: Buffer.from(cat.json, 'utf8') });
    archivos.push({ nombre: ARCHIVO_CASILLAS, contenido: Buffer.from(cat.csv, 'utf8') });
    archivos.push({ nombre: ARCHIVO_LEEME, contenido: Buffer.from(textoLeemeCorte(d.catalogo, d.politica), 'utf8') });
    const manifiesto: ManifiestoCorte = {
      formato: 'prep-corte',
      version: 1,
      numero: d.numero,
      instante: d.instante,
      estadoFirmado: d.estadoFirmado,
      catalogoSha256: d.catalogoSha256,
      archivos: archivos.map((a) => ({ nombre: a.nombre, sha256: sha256(a.contenido), bytes: a.contenido.length })),
      // The verifier needs it to rebuild the participación of the final corte; absent means false.
      ...(d.final ? { final: true } : {}),
    };
    const todos = [{ nombre: ARCHIVO_MANIFIESTO, contenido: Buffer.from(manifiestoCorteJson(manifiesto), 'utf8') }, ...archivos];
    return { archivos: todos, manifiesto, zip: await zipDeterminista(todos) };
  } finally {
    await fs.promises.rm(trabajo, { recursive: true, force: true });
  }
}
