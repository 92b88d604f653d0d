import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { jpegPrueba } from '../../../test/support/imagenes';
import { CARPETA_RECEPCION, FilesystemImageStore } from './image-store';

/** Every file under the store, temporary copies included. */
function archivos(raiz: string): string[] {
  return (fs.readdirSync(raiz, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(raiz, f)).isFile()).sort();
}

describe('filesystem image store', () => {
  let raiz: string;
  let store: FilesystemImageStore;
  const contenido = jpegPrueba({ etiqueta: 'almacén' });
  const sha = createHash('sha256').update(contenido).digest('hex');
  const ruta = `${sha.slice(0, 2)}/${sha}.jpg`;
  const recibir = () => store.recibir(Readable.from([contenido.subarray(0, 10), contenido.subarray(10)]));

  beforeEach(() => {
    raiz = fs.mkdtempSync(path.join(os.tmpdir(), 'imagenes-'));
    store = new FilesystemImageStore(raiz);
  });

  it('hashes while receiving, places content-addressed, and reads it back', async () => {
    const r = await recibir();
    expect(r).toMatchObject({ sha256: sha, bytes: contenido.length });
    expect(archivos(raiz)).toEqual([path.join(CARPETA_RECEPCION, r.recepcion)]);
    expect((await store.leerRecibida(r)).equals(contenido)).toBe(true);
    const c = await store.colocar(r, 'jpg');
    expect(c).toEqual({ ruta, creada: true });
    await store.confirmar(r, c);
    expect(archivos(raiz)).toEqual([ruta]);
    expect(fs.statSync(path.join(raiz, ruta)).mode & 0o777).toBe(0o444);
    expect((await store.leer(ruta)).equals(contenido)).toBe(true);
    await expect(store.leer('../../etc/passwd')).rejects.toThrow(/no válida/);
  });

  it('a refused upload leaves nothing behind', async () => {
    const r = await recibir();
    await store.retirar(r, await store.colocar(r, 'jpg'));
    expect(archivos(raiz)).toEqual([]);
  });

  it('never removes a file it did not create, nor one an accepted upload confirmed', async () => {
    const aceptada = await recibir();
    await store.confirmar(aceptada, await store.colocar(aceptada, 'jpg'));
    const rechazada = await recibir();
    const c = await store.colocar(rechazada, 'jpg');
    expect(c.creada).toBe(false);
    await store.retirar(rechazada, c);
    expect(archivos(raiz)).toEqual([ruta]);

    // Same bytes for two actas at once: the creator is refused after the other was accepted.
    fs.rmSync(path.join(raiz, ruta), { force: true });
    const creador = await recibir();
    const otro = await recibir();
    const cCreador = await store.colocar(creador, 'jpg');
    const cOtro = await store.colocar(otro, 'jpg');
    expect([cCreador.creada, cOtro.creada]).toEqual([true, false]);
    await store.confirmar(otro, cOtro);
    await store.retirar(creador, cCreador);
    expect(archivos(raiz)).toEqual([ruta]);
  });

  it('an accepted upload puts the file back if a refused creator removed it first', async () => {
    const creador = await recibir();
    const otro = await recibir();
    const cCreador = await store.colocar(creador, 'jpg');
    const cOtro = await store.colocar(otro, 'jpg');
    await store.retirar(creador, cCreador);
    expect(archivos(raiz)).toEqual([path.join(CARPETA_RECEPCION, otro.recepcion)]);
    await store.confirmar(otro, cOtro);
    expect(archivos(raiz)).toEqual([ruta]);
    expect((await store.leer(ruta)).equals(contenido)).toBe(true);
  });

  it('a failed receipt leaves no temporary file; old leftovers are purged', async () => {
    const roto = new Readable({
      read() {
        this.push(Buffer.from('medio archivo'));
        this.destroy(new Error('conexión cortada'));
      },
    });
    await expect(store.recibir(roto)).rejects.toThrow(/conexión cortada/);
    expect(archivos(raiz)).toEqual([]);

    const vieja = await recibir();
    const nueva = await recibir();
    const archivoViejo = path.join(raiz, CARPETA_RECEPCION, vieja.recepcion);
    fs.utimesSync(archivoViejo, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    expect(await store.purgarRecepciones(3_600_000)).toBe(1);
    expect(archivos(raiz)).toEqual([path.join(CARPETA_RECEPCION, nueva.recepcion)]);
  });
});
