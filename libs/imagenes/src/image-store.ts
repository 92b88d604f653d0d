import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
/** File types the store keeps (the API decides which bytes are which, by their structure). */
export type TipoImagen = 'jpg' | 'png' | 'pdf';

/** An upload written to a temporary place of the store: not in the store yet, named by nothing. */
export interface ImagenRecibida {
  /** SHA-256 (hex) of the bytes, computed while they were written. */
  sha256: string;
  bytes: number;
  /** Opaque handle of the temporary copy; only the store that made it understands it. */
  recepcion: string;
}

export interface ImagenColocada {
  /** Content-addressed place, what the bitácora records. */
  ruta: string;
  /** true when this upload created the stored file (the same content may already be there for another acta). */
  creada: boolean;
}

/**
 * Where acta images live, addressed by content. An upload goes: recibir (temporary copy, hashed)
 * → colocar (at its ruta, before the bitácora can name it) → the workflow decides → confirmar when
 * accepted, or retirar when refused; descartar drops the temporary copy in any case. An object store
 * can implement the same steps (conditional put, tag, delete-if-untagged).
 */
export interface ImageStore {
  recibir(flujo: Readable): Promise<ImagenRecibida>;
  leerRecibida(r: ImagenRecibida): Promise<Buffer>;
  colocar(r: ImagenRecibida, tipo: TipoImagen): Promise<ImagenColocada>;
  confirmar(r: ImagenRecibida, c: ImagenColocada): Promise<void>;
  retirar(r: ImagenRecibida, c: ImagenColocada): Promise<void>;
  descartar(r: ImagenRecibida): Promise<void>;
  leer(ruta: string): Promise<Buffer>;
}

/** Temporary copies live inside the store's folder, so a link into place never crosses filesystems. */
export const CARPETA_RECEPCION = '.recepcion';
const RE_RECEPCION = /^[0-9a-f-]{36}\.part$/;
const RE_RUTA = /^[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|pdf)$/;
/** Write bits off: the mark of a stored file that an accepted bitácora entry names. */
const MODO_CONFIRMADA = 0o444;
const MODO_PENDIENTE = 0o600;

const esCodigo = (err: unknown, codigo: string) => (err as NodeJS.ErrnoException)?.code === codigo;
const ignorarSiFalta = (err: unknown) => {
  if (!esCodigo(err, 'ENOENT')) throw err;
};

export function rutaDeImagen(sha256: string, tipo: TipoImagen): string {
  return path.posix.join(sha256.slice(0, 2), `${sha256}.${tipo}`);
}

/**
 * Filesystem store: `<raíz>/<sha[0..2]>/<sha>.<ext>`, never overwritten; uploads arrive in
 * `<raíz>/.recepcion/`. colocar hard-links the temporary copy into place (atomic, and `link` fails
 * if the file exists, so exactly one upload is its creator). A file is "pendiente" (mode 0600)
 * until an accepted upload marks it confirmed (0444). Only its creator, refused, removes it, and
 * only while it is still pendiente; see retirar for the race with a concurrent upload of the same
 * bytes to another acta.
 */
export class FilesystemImageStore implements ImageStore {
  constructor(private readonly raiz: string) {}

  async recibir(flujo: Readable): Promise<ImagenRecibida> {
    const dir = path.join(this.raiz, CARPETA_RECEPCION);
    await fs.mkdir(dir, { recursive: true });
    const recepcion = `${randomUUID()}.part`;
    const destino = path.join(dir, recepcion);
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await pipeline(
        flujo,
        async function* (fuente: AsyncIterable<Buffer>) {
          for await (const trozo of fuente) {
            hash.update(trozo);
            bytes += trozo.length;
            yield trozo;
          }
        },
        createWriteStream(destino, { flags: 'wx', mode: MODO_PENDIENTE }),
      );
    } catch (err) {
      await fs.unlink(destino).catch(ignorarSiFalta);
      throw err;
    }
    return { sha256: hash.digest('hex'), bytes, recepcion };
  }

  leerRecibida(r: ImagenRecibida): Promise<Buffer> {
    return fs.readFile(this.temporal(r));
  }

  async colocar(r: ImagenRecibida, tipo: TipoImagen): Promise<ImagenColocada> {
    const ruta = rutaDeImagen(r.sha256, tipo);
    const destino = this.absoluta(ruta);
    await fs.mkdir(path.dirname(destino), { recursive: true });
    try {
      await fs.link(this.temporal(r), destino);
      return { ruta, creada: true };
    } catch (err) {
      if (esCodigo(err, 'EEXIST')) return { ruta, creada: false };
      throw err;
    }
  }

  /** The bitácora names the file: make sure it is there (a refused creator may have just removed it) and mark it. */
  async confirmar(r: ImagenRecibida, c: ImagenColocada): Promise<void> {
    const destino = this.absoluta(c.ruta);
    for (let intento = 1; ; intento++) {
      await fs.link(this.temporal(r), destino).catch((err) => {
        if (!esCodigo(err, 'EEXIST')) throw err;
      });
      try {
        await fs.chmod(destino, MODO_CONFIRMADA);
        break;
      } catch (err) {
        // Removed between link and chmod by a refused creator: link our copy again.
        if (intento >= 5) throw err;
        ignorarSiFalta(err);
      }
    }
    await this.descartar(r);
  }

  /**
   * Refused: nothing in the bitácora names this upload. Its creator moves the file aside first and
   * only then looks at the mark, so a concurrent accepted upload of the same bytes either marked it
   * before (seen here: the file goes back) or finds it missing afterwards (confirmar links its own
   * copy). Either way the file an accepted entry names stays.
   */
  async retirar(r: ImagenRecibida, c: ImagenColocada): Promise<void> {
    await this.descartar(r);
    if (!c.creada) return;
    const destino = this.absoluta(c.ruta);
    const aparte = `${destino}.${randomUUID()}.retirada`;
    try {
      await fs.rename(destino, aparte);
    } catch (err) {
      return ignorarSiFalta(err);
    }
    const { mode } = await fs.stat(aparte);
    if ((mode & 0o222) === 0) {
      await fs.link(aparte, destino).catch((err) => {
        if (!esCodigo(err, 'EEXIST')) throw err;
      });
    }
    await fs.unlink(aparte);
  }

  /**
   * Temporary copies older than `edadMs` belong to no request any more (a process that died while
   * receiving): removed at start-up. Never touches the stored images.
   */
  async purgarRecepciones(edadMs: number): Promise<number> {
    const dir = path.join(this.raiz, CARPETA_RECEPCION);
    const nombres = await fs.readdir(dir).catch((err) => (esCodigo(err, 'ENOENT') ? [] : Promise.reject(err)));
    let borradas = 0;
    for (const nombre of nombres.filter((n) => RE_RECEPCION.test(n))) {
      const archivo = path.join(dir, nombre);
      const st = await fs.stat(archivo).catch(() => null);
      if (st && Date.now() - st.mtimeMs > edadMs) {
        await fs.unlink(archivo).catch(ignorarSiFalta);
        borradas++;
      }
    }
    return borradas;
  }

  async descartar(r: ImagenRecibida): Promise<void> {
    await fs.unlink(this.temporal(r)).catch(ignorarSiFalta);
  }

  async leer(ruta: string): Promise<Buffer> {
    return fs.readFile(this.absoluta(ruta));
  }

  /** SHA-256 of a stored image, streamed; null when missing or when the ruta is not one of the store's. */
  sha256(ruta: string): Promise<string | null> {
    return sha256DeImagenGuardada(this.raiz, ruta);
  }

  private temporal(r: ImagenRecibida): string {
    if (!RE_RECEPCION.test(r.recepcion)) throw new Error(`recepción de imagen no válida: ${r.recepcion}`);
    return path.join(this.raiz, CARPETA_RECEPCION, r.recepcion);
  }

  private absoluta(ruta: string): string {
    if (!RE_RUTA.test(ruta)) throw new Error(`ruta de imagen no válida: ${ruta}`);
    return path.join(this.raiz, ruta);
  }
}

/** A ruta the store could have written (`<sha[0..2]>/<sha>.<ext>`): anything else, e.g. `../…`, is refused. */
export function esRutaDeImagen(ruta: string): boolean {
  return RE_RUTA.test(ruta);
}

/**
 * SHA-256 of the image at `ruta` under the store's folder `raiz`, read as a stream; null when the
 * file is missing or the ruta is not one the store writes. Rutas come from the bitácora, so the
 * auditor's checks never read outside the store.
 */
export async function sha256DeImagenGuardada(raiz: string, ruta: string): Promise<string | null> {
  if (!esRutaDeImagen(ruta)) return null;
  const hash = createHash('sha256');
  try {
    for await (const trozo of createReadStream(path.join(raiz, ruta))) hash.update(trozo as Buffer);
  } catch (err) {
    if (esCodigo(err, 'ENOENT')) return null;
    throw err;
  }
  return hash.digest('hex');
}
