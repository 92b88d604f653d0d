import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export type TipoImagen = 'jpg' | 'png' | 'pdf';

/** Identifies the format by content (magic bytes), never by file name or declared type. */
export function detectarTipoImagen(buf: Buffer): TipoImagen | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return null;
}

export interface ImagenGuardada {
  sha256: string;
  ruta: string;
  tipo: TipoImagen;
  bytes: number;
}

/** Where acta images live, addressed by content. An object store can implement the same interface. */
export interface ImageStore {
  guardar(contenido: Buffer, tipo: TipoImagen): Promise<ImagenGuardada>;
  leer(ruta: string): Promise<Buffer>;
}

/** Filesystem store: `<raíz>/<sha[0..2]>/<sha>.<ext>`, written atomically, never overwritten. */
export class FilesystemImageStore implements ImageStore {
  constructor(private readonly raiz: string) {}

  async guardar(contenido: Buffer, tipo: TipoImagen): Promise<ImagenGuardada> {
    const sha256 = createHash('sha256').update(contenido).digest('hex');
    const ruta = path.posix.join(sha256.slice(0, 2), `${sha256}.${tipo}`);
    const destino = this.absoluta(ruta);
    await fs.mkdir(path.dirname(destino), { recursive: true });
    const existe = await fs.stat(destino).then(() => true, () => false);
    if (!existe) {
      const tmp = `${destino}.${randomUUID()}.tmp`;
      await fs.writeFile(tmp, contenido, { flag: 'wx' });
      await fs.rename(tmp, destino);
    }
    return { sha256, ruta, tipo, bytes: contenido.length };
  }

  async leer(ruta: string): Promise<Buffer> {
    return fs.readFile(this.absoluta(ruta));
  }

  private absoluta(ruta: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|pdf)$/.test(ruta)) throw new Error(`ruta de imagen no válida: ${ruta}`);
    return path.join(this.raiz, ruta);
  }
}
