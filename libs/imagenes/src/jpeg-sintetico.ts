/**
 * A small but real JPEG built byte by byte, different for every label (hence a different SHA-256):
 * what drills and tests upload as an acta image without shipping or downloading pictures.
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
export function jpegSintetico({ ancho = 64, alto = 48, etiqueta = '' }: { ancho?: number; alto?: number; etiqueta?: string } = {}): Buffer {
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
