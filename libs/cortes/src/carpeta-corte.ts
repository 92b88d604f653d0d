import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARCHIVO_MANIFIESTO, sha256Hex as sha256 } from '@prep/publicacion';

/** `$PREP_DATA_DIR/publicacion/cortes`: one folder per corte, named by its number. */
export const dirCortes = (dataDir: string): string => path.join(dataDir, 'publicacion', 'cortes');

export const nombreZipCorte = (numero: number): string => `corte-${numero}.zip`;

export interface CorteGuardado {
  manifiestoSha256: string;
  zipSha256: string;
  zipBytes: number;
  /** false: the folder already existed (a re-run after a crash) and was left as it was. */
  nuevo: boolean;
}

/** A corte number as a folder name: digits only, so no request can name a path outside. */
export function numeroCorteValido(texto: string): number | null {
  return /^[1-9]\d{0,8}$/.test(texto) ? Number(texto) : null;
}

/**
 * Writes a corte's files and its zip into a temporary folder beside the final one and renames it
 * into place: a reader (or a re-run after a crash) sees the whole folder or none. An existing
 * folder is never overwritten: the corte was published as it is, and its hashes are returned.
 */
export async function guardarCorteInmutable(
  raiz: string,
  numero: number,
  archivos: { nombre: string; contenido: Buffer }[],
  zip: Buffer,
): Promise<CorteGuardado> {
  await fs.promises.mkdir(raiz, { recursive: true });
  const final = path.join(raiz, String(numero));
  const existente = await leerCorteGuardado(raiz, numero);
  if (existente) return existente;
  // Leftovers of an attempt that died before its rename.
  for (const n of await fs.promises.readdir(raiz))
    if (n.startsWith(`.tmp-${numero}-`)) await fs.promises.rm(path.join(raiz, n), { recursive: true, force: true });

  const tmp = path.join(raiz, `.tmp-${numero}-${randomBytes(6).toString('hex')}`);
  await fs.promises.mkdir(tmp);
  for (const a of [...archivos, { nombre: nombreZipCorte(numero), contenido: zip }]) {
    const destino = path.join(tmp, a.nombre);
    await fs.promises.writeFile(destino, a.contenido, { mode: 0o444 });
    const fh = await fs.promises.open(destino, 'r');
    await fh.sync();
    await fh.close();
  }
  try {
    await fs.promises.rename(tmp, final);
  } catch (err) {
    await fs.promises.rm(tmp, { recursive: true, force: true });
    const otro = await leerCorteGuardado(raiz, numero);
    if (otro) return otro;
    throw err;
  }
  const manifiesto = archivos.find((a) => a.nombre === ARCHIVO_MANIFIESTO)!;
  return { manifiestoSha256: sha256(manifiesto.contenido), zipSha256: sha256(zip), zipBytes: zip.length, nuevo: true };
}

export async function leerCorteGuardado(raiz: string, numero: number): Promise<CorteGuardado | null> {
  const final = path.join(raiz, String(numero));
  try {
    const manifiesto = await fs.promises.readFile(path.join(final, ARCHIVO_MANIFIESTO));
    const zip = await fs.promises.readFile(path.join(final, nombreZipCorte(numero)));
    return { manifiestoSha256: sha256(manifiesto), zipSha256: sha256(zip), zipBytes: zip.length, nuevo: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
