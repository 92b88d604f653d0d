import { ZipFile } from 'yazl';
import * as yauzl from 'yauzl';

/**
 * Fixed entry time (DOS time has no time zone): a zip's bytes depend only on its files' names
 * and contents, so anyone can rebuild a corte's zip and compare its SHA-256.
 */
const FECHA_FIJA = new Date(1980, 0, 1, 0, 0, 0);

/** One zip from files in the given order (the manifest's order), deterministic byte for byte. */
export function zipDeterminista(archivos: readonly { nombre: string; contenido: Buffer }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const a of archivos) zip.addBuffer(a.contenido, a.nombre, { mtime: FECHA_FIJA, mode: 0o100644, compress: true, forceZip64Format: false });
  zip.end();
  return new Promise((resolve, reject) => {
    const partes: Buffer[] = [];
    zip.outputStream.on('data', (b: Buffer) => partes.push(b));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(partes)));
  });
}

/** Reads every file of a zip into memory, refusing names that could escape a folder and oversized content. */
export function leerZip(contenido: Buffer, { maxBytes = 2 * 1024 ** 3 }: { maxBytes?: number } = {}): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(contenido, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('zip ilegible'));
      const archivos = new Map<string, Buffer>();
      let total = 0;
      zip.on('error', reject);
      zip.on('end', () => resolve(archivos));
      zip.on('entry', (entrada: yauzl.Entry) => {
        if (/\/$/.test(entrada.fileName)) return zip.readEntry();
        if (entrada.fileName.includes('..') || entrada.fileName.startsWith('/'))
          return reject(new Error(`nombre de archivo no permitido en el zip: ${entrada.fileName}`));
        total += entrada.uncompressedSize;
        if (total > maxBytes) return reject(new Error('el zip descomprimido excede el tamaño permitido'));
        zip.openReadStream(entrada, (e2, flujo) => {
          if (e2 || !flujo) return reject(e2 ?? new Error(`no se pudo leer ${entrada.fileName}`));
          const partes: Buffer[] = [];
          flujo.on('data', (b: Buffer) => partes.push(b));
          flujo.on('error', reject);
          flujo.on('end', () => {
            archivos.set(entrada.fileName, Buffer.concat(partes));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
