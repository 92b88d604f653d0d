import { crc32 } from 'node:zlib';
import { imageSize } from 'image-size';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';

import type { TipoImagen } from '@prep/imagenes';

export type { TipoImagen };

/** What the content check learnt about an acta image; recorded in the bitácora entry. */
export interface ImagenRevisada {
  tipo: TipoImagen;
  /** Pixels; null for a PDF (its pages have no pixel size). */
  ancho: number | null;
  alto: number | null;
  /** Pages of a PDF; null for JPEG and PNG. */
  paginas: number | null;
}

export type ResultadoRevision = { ok: true; imagen: ImagenRevisada } | { ok: false; motivo: string };

const FIRMA_PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** First guess by magic bytes, never by file name or declared type. Not a validation: see revisarImagen. */
export function detectarTipoImagen(buf: Buffer): TipoImagen | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(FIRMA_PNG)) return 'png';
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return null;
}

/**
 * Checks that the bytes really are a JPEG, PNG or PDF and not something wearing its first bytes.
 * image-size reads the dimensions but is lenient (its JPEG reader skips bytes until something looks
 * like a marker), so the structure is walked here too: a JPEG from SOI through its segments to the
 * scan and an EOI, a PNG chunk by chunk with each CRC up to IEND; a PDF needs its header, a
 * `startxref … %%EOF` trailer and a document pdf-lib can open with at least one page. Pixels are
 * never decoded, so a small file that claims huge dimensions costs nothing here.
 */
export async function revisarImagen(buf: Buffer): Promise<ResultadoRevision> {
  const tipo = detectarTipoImagen(buf);
  if (!tipo) return no('no es JPEG, PNG ni PDF');
  if (tipo === 'pdf') return revisarPdf(buf);
  const falla = tipo === 'jpg' ? estructuraJpeg(buf) : estructuraPng(buf);
  if (falla) return no(`${tipo === 'jpg' ? 'JPEG' : 'PNG'} no válido: ${falla}`);
  let medida: { width?: number; height?: number; type?: string };
  try {
    medida = imageSize(buf);
  } catch (err) {
    return no(`${tipo === 'jpg' ? 'JPEG' : 'PNG'} no válido: ${(err as Error).message}`);
  }
  const { width, height } = medida;
  if (medida.type !== tipo || !enteroPositivo(width) || !enteroPositivo(height)) {
    return no('no se pudieron leer el ancho y el alto de la imagen');
  }
  return { ok: true, imagen: { tipo, ancho: width, alto: height, paginas: null } };
}

function no(motivo: string): ResultadoRevision {
  return { ok: false, motivo };
}

function enteroPositivo(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

// ─── JPEG ─────────────────────────────────────────────────────────────────────────────────────

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function esSof(m: number): boolean {
  return m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
}

/** null when the segments from SOI to the scan are well formed and an EOI follows; the fault otherwise. */
function estructuraJpeg(buf: Buffer): string | null {
  let i = 2;
  let marco = false;
  while (i < buf.length) {
    if (buf[i] !== 0xff) return `se esperaba un marcador en el byte ${i}`;
    while (i < buf.length && buf[i] === 0xff) i++; // fill bytes
    if (i >= buf.length) break;
    const m = buf[i++];
    if (m === 0x00 || m === 0xd8) return `marcador inesperado 0xFF${m.toString(16).toUpperCase().padStart(2, '0')} en el byte ${i - 2}`;
    if (m === 0xd9) return 'termina antes de los datos de la imagen';
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) continue; // markers without a length
    if (i + 2 > buf.length) break;
    const largo = buf.readUInt16BE(i);
    if (largo < 2 || i + largo > buf.length) return `el segmento 0xFF${m.toString(16).toUpperCase()} está truncado`;
    if (esSof(m)) {
      // precision, height, width, components, then 3 bytes per component
      if (largo < 8 || buf.readUInt16BE(i + 3) === 0 || buf.readUInt16BE(i + 5) === 0 || largo !== 8 + 3 * buf[i + 7]) {
        return 'el encabezado de la imagen (SOF) no es válido';
      }
      marco = true;
    }
    if (m === 0xda) {
      if (!marco) return 'los datos de la imagen llegan antes de su encabezado (SOF)';
      // Entropy-coded data cannot contain FF D9 (an FF there is stuffed as FF 00), so the last EOI
      // after the scan header ends it; phones may append data after it (motion photos).
      const fin = buf.lastIndexOf(Buffer.from([0xff, 0xd9]));
      return fin >= i + largo ? null : 'el archivo está truncado: falta el marcador de fin (EOI)';
    }
    i += largo;
  }
  return 'el archivo está truncado: no llega a los datos de la imagen';
}

// ─── PNG ──────────────────────────────────────────────────────────────────────────────────────

/** null when IHDR comes first, every chunk is complete with a matching CRC, and IEND ends the file. */
function estructuraPng(buf: Buffer): string | null {
  let i = FIRMA_PNG.length;
  let hayDatos = false;
  for (let n = 0; i + 12 <= buf.length; n++) {
    const largo = buf.readUInt32BE(i);
    const tipo = buf.toString('latin1', i + 4, i + 8);
    if (!/^[A-Za-z]{4}$/.test(tipo)) return `bloque con nombre no válido en el byte ${i}`;
    if (largo > 0x7fffffff || i + 12 + largo > buf.length) return `el bloque ${tipo} está truncado`;
    const crc = buf.readUInt32BE(i + 8 + largo);
    if (crc32(buf.subarray(i + 4, i + 8 + largo)) !== crc) return `el bloque ${tipo} no coincide con su CRC (archivo dañado)`;
    if (n === 0 && (tipo !== 'IHDR' || largo !== 13)) return 'no empieza con el encabezado IHDR';
    if (tipo === 'IDAT') hayDatos = true;
    i += 12 + largo;
    if (tipo === 'IEND') {
      if (!hayDatos) return 'no tiene datos de imagen (IDAT)';
      return i === buf.length ? null : 'tiene datos después del bloque final IEND';
    }
  }
  return 'el archivo está truncado: falta el bloque final IEND';
}

// ─── PDF ──────────────────────────────────────────────────────────────────────────────────────

async function revisarPdf(buf: Buffer): Promise<ResultadoRevision> {
  if (!/^%PDF-(1\.[0-7]|2\.0)\s/.test(buf.subarray(0, 16).toString('latin1'))) {
    return no('PDF no válido: la cabecera debe ser %PDF-1.0 a %PDF-2.0');
  }
  // Readers look for the trailer in the last 1024 bytes; a truncated upload has none.
  const cola = buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1');
  if (!/startxref\s+\d+\s+%%EOF\s*$/.test(cola)) return no('PDF no válido: falta el final del archivo (startxref y %%EOF); ¿se cortó la transferencia?');
  try {
    const doc = await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: true });
    const paginas = doc.getPageCount();
    if (paginas < 1) return no('el PDF no tiene páginas');
    return { ok: true, imagen: { tipo: 'pdf', ancho: null, alto: null, paginas } };
  } catch (err) {
    if (err instanceof EncryptedPDFError) return no('el PDF está cifrado; envíe el escaneo sin contraseña ni cifrado');
    return no(`PDF no válido: ${(err as Error).message}`);
  }
}
