import type { Request } from 'express';
import { huellaDeSolicitud } from './huella';

const solicitud = (partes: Partial<Request> & Record<string, unknown>) =>
  ({ method: 'POST', baseUrl: '', path: '/actas/acopio', query: {}, body: {}, ...partes }) as unknown as Request;

describe('huellaDeSolicitud', () => {
  it('is the same for the same content whatever the key order', () => {
    const a = huellaDeSolicitud(solicitud({ body: { claveActa: 'X', mecanismoTraslado: 'F' } }));
    const b = huellaDeSolicitud(solicitud({ body: { mecanismoTraslado: 'F', claveActa: 'X' } }));
    expect(a).toEqual(b);
    expect(a.metodoRuta).toBe('POST /actas/acopio');
    expect(a.huella).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, the path or the query', () => {
    const base = huellaDeSolicitud(solicitud({ body: { claveActa: 'X' } }));
    expect(huellaDeSolicitud(solicitud({ body: { claveActa: 'Y' } })).huella).not.toBe(base.huella);
    expect(huellaDeSolicitud(solicitud({ body: { claveActa: 'X' }, query: { pruebas: 'ninguna' } as never })).huella).not.toBe(base.huella);
    expect(huellaDeSolicitud(solicitud({ body: { claveActa: 'X' }, path: '/usuarios' })).metodoRuta).toBe('POST /usuarios');
  });

  it('for multipart, compares the files by their bytes (streamed uploads by the SHA-256 taken on arrival)', () => {
    const campos = { origen: 'CATD', medio: 'ESCANER' };
    const con = (file: unknown, files?: unknown) => huellaDeSolicitud(solicitud({ body: campos, file, files } as never)).huella;
    const uno = con({ fieldname: 'imagen', recibida: { sha256: 'a'.repeat(64) } });
    expect(con({ fieldname: 'imagen', recibida: { sha256: 'a'.repeat(64) } })).toBe(uno);
    expect(con({ fieldname: 'imagen', recibida: { sha256: 'b'.repeat(64) } })).not.toBe(uno);
    const enMemoria = (texto: string) => con(undefined, { catalogo: [{ fieldname: 'catalogo', buffer: Buffer.from(texto) }] });
    expect(enMemoria('{"a":1}')).toBe(enMemoria('{"a":1}'));
    expect(enMemoria('{"a":1}')).not.toBe(enMemoria('{"a":2}'));
  });
});
