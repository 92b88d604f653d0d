import { imageSize } from 'image-size';
import { jpegPrueba, pdfPrueba, pngPrueba } from '../../../../../test/support/imagenes';
import { detectarTipoImagen, revisarImagen, type ResultadoRevision } from './revision-imagen';

const rechazada = (r: ResultadoRevision) => (r.ok ? null : r.motivo);

describe('revisarImagen: JPEG, PNG and PDF by structure, not by their first bytes', () => {
  it('accepts real JPEG, PNG and PDF files and reads their size', async () => {
    expect(await revisarImagen(jpegPrueba({ ancho: 1700, alto: 2200, etiqueta: 'a' }))).toEqual({
      ok: true,
      imagen: { tipo: 'jpg', ancho: 1700, alto: 2200, paginas: null },
    });
    expect(await revisarImagen(pngPrueba({ ancho: 31, alto: 17 }))).toEqual({ ok: true, imagen: { tipo: 'png', ancho: 31, alto: 17, paginas: null } });
    expect(await revisarImagen(await pdfPrueba({ paginas: 2 }))).toEqual({ ok: true, imagen: { tipo: 'pdf', ancho: null, alto: null, paginas: 2 } });
  });

  it('accepts a JPEG with data after its end marker (phones append it)', async () => {
    const r = await revisarImagen(Buffer.concat([jpegPrueba(), Buffer.from('MotionPhoto_Data')]));
    expect(r.ok).toBe(true);
  });

  it('refuses JPEG magic bytes followed by text', async () => {
    expect(rechazada(await revisarImagen(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('hola, no soy una imagen')])))).toMatch(/JPEG no válido/);
    // What the old tests used as a "JPEG": an APP0 marker, then text.
    expect(rechazada(await revisarImagen(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('acta 14 ')])))).toMatch(/JPEG no válido/);
  });

  it('refuses a JPEG header followed by text, which image-size alone accepts', async () => {
    // SOI, an APP0 holding "abc", a 10×10 frame header (SOF0), then text instead of the scan.
    const falso = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x05]),
      Buffer.from('abc'),
      Buffer.from([0xff, 0xc0, 0x00, 0x0b, 8, 0, 10, 0, 10, 1, 1, 0x11, 0]),
      Buffer.from('y aquí solo hay texto'),
    ]);
    expect(imageSize(falso)).toMatchObject({ width: 10, height: 10 });
    expect(rechazada(await revisarImagen(falso))).toMatch(/se esperaba un marcador/);
  });

  it('refuses a JPEG cut before its end, or with a malformed frame header', async () => {
    const jpg = jpegPrueba({ etiqueta: 'cortado' });
    expect(rechazada(await revisarImagen(jpg.subarray(0, jpg.length - 2)))).toMatch(/truncado.*EOI/);
    expect(rechazada(await revisarImagen(jpg.subarray(0, 40)))).toMatch(/truncado/);
    expect(rechazada(await revisarImagen(jpegPrueba({ ancho: 0 })))).toMatch(/SOF/);
  });

  it('refuses a truncated PNG, a damaged chunk and data after IEND', async () => {
    const png = pngPrueba({ etiqueta: 'x' });
    expect(rechazada(await revisarImagen(png.subarray(0, png.length - 12)))).toMatch(/falta el bloque final IEND/);
    expect(rechazada(await revisarImagen(png.subarray(0, 40)))).toMatch(/truncado/);
    const danado = Buffer.from(png);
    danado[20] ^= 0x01; // a bit of the width, inside IHDR
    expect(rechazada(await revisarImagen(danado))).toMatch(/IHDR no coincide con su CRC/);
    expect(rechazada(await revisarImagen(Buffer.concat([png, Buffer.from('<script>')])))).toMatch(/después del bloque final/);
    expect(rechazada(await revisarImagen(Buffer.concat([png.subarray(0, 8), Buffer.from('texto cualquiera que no es PNG')])))).toMatch(/PNG no válido/);
  });

  it('refuses a PDF without trailer, with a bad header, or with no document inside', async () => {
    const pdf = await pdfPrueba({ etiqueta: 'p' });
    expect(rechazada(await revisarImagen(pdf.subarray(0, pdf.length - 200)))).toMatch(/startxref y %%EOF/);
    expect(rechazada(await revisarImagen(Buffer.from('%PDF-1.7\nhola\n')))).toMatch(/startxref y %%EOF/);
    expect(rechazada(await revisarImagen(Buffer.from('%PDF-9.9\n' + pdf.subarray(9).toString('latin1'), 'latin1')))).toMatch(/cabecera/);
    expect(rechazada(await revisarImagen(Buffer.from('%PDF-1.7\nno hay objetos aquí\nstartxref\n0\n%%EOF\n')))).toMatch(/PDF no válido/);
  });

  it('refuses anything else, whatever its name', async () => {
    for (const contenido of [Buffer.from('<html>hola</html>'), Buffer.from('GIF89a'), Buffer.alloc(0)]) {
      expect(rechazada(await revisarImagen(contenido))).toMatch(/no es JPEG, PNG ni PDF/);
    }
  });

  it('detectarTipoImagen only sniffs the magic bytes', () => {
    expect(detectarTipoImagen(jpegPrueba())).toBe('jpg');
    expect(detectarTipoImagen(pngPrueba())).toBe('png');
    expect(detectarTipoImagen(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(detectarTipoImagen(Buffer.from('GIF89a'))).toBeNull();
  });
});
