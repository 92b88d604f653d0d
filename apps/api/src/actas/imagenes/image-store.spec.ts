import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { detectarTipoImagen, FilesystemImageStore } from './image-store';

describe('image store', () => {
  it('recognises JPEG, PNG and PDF by content and nothing else', () => {
    expect(detectarTipoImagen(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpg');
    expect(detectarTipoImagen(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]))).toBe('png');
    expect(detectarTipoImagen(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(detectarTipoImagen(Buffer.from('<html>hola</html>'))).toBeNull();
    expect(detectarTipoImagen(Buffer.from('GIF89a'))).toBeNull();
    expect(detectarTipoImagen(Buffer.alloc(0))).toBeNull();
  });

  it('stores content-addressed by SHA-256 and reads it back', async () => {
    const raiz = fs.mkdtempSync(path.join(os.tmpdir(), 'imagenes-'));
    const store = new FilesystemImageStore(raiz);
    const contenido = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('acta')]);
    const g = await store.guardar(contenido, 'jpg');
    expect(g.sha256).toBe(createHash('sha256').update(contenido).digest('hex'));
    expect(g.ruta).toBe(`${g.sha256.slice(0, 2)}/${g.sha256}.jpg`);
    expect((await store.guardar(contenido, 'jpg')).ruta).toBe(g.ruta);
    expect((await store.leer(g.ruta)).equals(contenido)).toBe(true);
    await expect(store.leer('../../etc/passwd')).rejects.toThrow(/no válida/);
  });
});
