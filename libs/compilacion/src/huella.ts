/**
 * Fingerprints of a build: plain SHA-256 over files, defined so that an ente auditor can recompute
 * them with coreutils alone. The listing is exactly what `sha256sum` prints for the files in C-locale
 * path order ("<hex>  <relative path>\n" per file), and the fingerprint is the SHA-256 of that text:
 *
 *   cd <raiz> && find <rutas> -type f -name '*.js' | LC_ALL=C sort | xargs sha256sum | sha256sum
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ArchivoConHuella {
  /** Relative to the root, with '/' separators. */
  ruta: string;
  sha256: string;
}

export interface HuellaDeArbol {
  sha256: string;
  archivos: number;
}

export function sha256(datos: string | Buffer): string {
  return createHash('sha256').update(datos).digest('hex');
}

/** C-locale order: by the UTF-8 bytes of the path, as `LC_ALL=C sort` orders them. */
function compararRutas(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The `sha256sum` listing of the files, sorted by path: what the fingerprint hashes. */
export function listadoDeHuellas(archivos: readonly ArchivoConHuella[]): string {
  return [...archivos]
    .sort((a, b) => compararRutas(a.ruta, b.ruta))
    .map((a) => `${a.sha256}  ${a.ruta}\n`)
    .join('');
}

/** One SHA-256 over the sorted listing: independent of the order the files were found in. */
export function huellaDeListado(archivos: readonly ArchivoConHuella[]): HuellaDeArbol {
  return { sha256: sha256(listadoDeHuellas(archivos)), archivos: archivos.length };
}

/**
 * Every file under `rutas` (relative to `raiz`) accepted by `incluir`, with its SHA-256. A missing
 * folder contributes nothing (e.g. a build without one app); symbolic links are not followed.
 */
export function archivosConHuella(raiz: string, rutas: readonly string[], incluir: (ruta: string) => boolean): ArchivoConHuella[] {
  const hallados: ArchivoConHuella[] = [];
  const recorrer = (relativa: string) => {
    const absoluta = path.join(raiz, relativa);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(absoluta);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const nombre of fs.readdirSync(absoluta)) recorrer(path.posix.join(relativa, nombre));
    } else if (st.isFile() && incluir(relativa)) {
      hallados.push({ ruta: relativa, sha256: sha256(fs.readFileSync(absoluta)) });
    }
  };
  for (const r of rutas) recorrer(r.split(path.sep).join('/'));
  return hallados;
}

export function huellaDeArbol(raiz: string, rutas: readonly string[], incluir: (ruta: string) => boolean): HuellaDeArbol {
  return huellaDeListado(archivosConHuella(raiz, rutas, incluir));
}
