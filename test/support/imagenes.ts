import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';

/**
 * Small but real acta images for tests, built byte by byte so nothing is downloaded and every label
 * gives different content (hence a different SHA-256).
 */

function segmento(marcador: number, datos: Buffer): Buffer {
  const cabeza = Buffer.alloc(4);
  cabeza.writeUInt16BE(0xff00 | marcador, 0);
  cabeza.writeUInt16BE(datos.length + 2, 2);
  return Buffer.concat([cabeza, datos]);
}

/**
 * A baseline grayscale JPEG that decoders display as a flat grey picture: one quantisation table,
 * a one-symbol Huffman table each for DC (difference 0) and AC (end of block), so every 8×8 block
 * is the two bits `00`. The label goes in a COM segment.
 */
export function jpegPrueba({ ancho = 64, alto = 48, etiqueta = '' }: { ancho?: number; alto?: number; etiqueta?: string } = {}): Buffer {
  const sof = Buffer.alloc(9);
  sof.writeUInt8(8, 0); // precision
  sof.writeUInt16BE(alto, 1);
  sof.writeUInt16BE(ancho, 3);
  sof.writeUInt8(1, 5); // one component: Y, id 1, no subsampling, quantisation table 0
  sof.set([1, 0x11, 0], 6);
  const tablaHuffman = (claseYId: number, simbolo: number) => {
    const conteos = Buffer.alloc(16);
    conteos[0] = 1; // one code of length 1
    return Buffer.concat([Buffer.from([claseYId]), conteos, Buffer.from([simbolo])]);
  };
  const bloques = Math.ceil(ancho / 8) * Math.ceil(alto / 8);
  const datos = Buffer.alloc(Math.ceil((bloques * 2) / 8));
  // Each block is `00`; the last byte is padded with 1 bits, as the standard requires.
  const bitsUsados = (bloques * 2) % 8;
  if (bitsUsados) datos[datos.length - 1] = 0xff >> bitsUsados;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segmento(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])), // JFIF 1.1
    segmento(0xfe, Buffer.from(`acta ${etiqueta}`, 'utf8')),
    segmento(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    segmento(0xc0, sof),
    segmento(0xc4, tablaHuffman(0x00, 0)),
    segmento(0xc4, tablaHuffman(0x10, 0)),
    segmento(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
    datos,
    Buffer.from([0xff, 0xd9]),
  ]);
}

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
