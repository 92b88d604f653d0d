import { crc32, deflateSync } from 'node:zlib';
import { jpegSintetico } from '@prep/imagenes';
import { PDFDocument } from 'pdf-lib';

/**
 * Small but real acta images for tests, built byte by byte so nothing is downloaded and every label
 * gives different content (hence a different SHA-256). The JPEG is the one drills use too.
 */
export const jpegPrueba = jpegSintetico;

function bloquePng(tipo: string, datos: Buffer): Buffer {
  const largo = Buffer.alloc(4);
  largo.writeUInt32BE(datos.length);
  const cuerpo = Buffer.concat([Buffer.from(tipo, 'latin1'), datos]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(cuerpo));
  return Buffer.concat([largo, cuerpo, crc]);
}

/** An 8-bit grayscale PNG, white, with the label in a tEXt chunk. */
export function pngPrueba({ ancho = 64, alto = 48, etiqueta = '' }: { ancho?: number; alto?: number; etiqueta?: string } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(ancho, 0);
  ihdr.writeUInt32BE(alto, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // bit depth 8, grayscale, deflate, filter 0, no interlace
  const filas = Buffer.alloc((ancho + 1) * alto, 0xff);
  for (let y = 0; y < alto; y++) filas[y * (ancho + 1)] = 0; // filter type None per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    bloquePng('IHDR', ihdr),
    bloquePng('tEXt', Buffer.from(`Comment\0acta ${etiqueta}`, 'latin1')),
    bloquePng('IDAT', deflateSync(filas)),
    bloquePng('IEND', Buffer.alloc(0)),
  ]);
}

/** A PDF made by pdf-lib with `paginas` blank letter-size pages and the label as its title. */
export async function pdfPrueba({ paginas = 1, etiqueta = '' }: { paginas?: number; etiqueta?: string } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`acta ${etiqueta}`);
  for (let p = 0; p < paginas; p++) doc.addPage([612, 792]);
  return Buffer.from(await doc.save());
}
