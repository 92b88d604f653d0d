/**
 * Problems found while reading the catálogo files. Kept structured until the end so they can be
 * sorted by file and line and capped, then shown as one Spanish sentence each.
 */
export const ARCHIVO_JSON = 'catalogo.json';
export const ARCHIVO_CSV = 'casillas.csv';
export type NombreArchivo = typeof ARCHIVO_JSON | typeof ARCHIVO_CSV;

export interface ErrorArchivo {
  archivo: NombreArchivo;
  /** 1-based line in the file, when known. */
  linea?: number;
  columna?: number;
  /** Where inside the file when there is no line (e.g. 'catds #3'). */
  ubicacion?: string;
  mensaje: string;
}

export function formatearErrorArchivo(e: ErrorArchivo): string {
  if (e.linea !== undefined) return `${e.archivo} línea ${e.linea}${e.columna !== undefined ? `, columna ${e.columna}` : ''}: ${e.mensaje}`;
  if (e.ubicacion) return `${e.archivo}, ${e.ubicacion}: ${e.mensaje}`;
  return `${e.archivo}: ${e.mensaje}`;
}

/** A received value inside a message: quoted and cut short, so a stray binary line stays readable. */
export function recibido(valor: string, max = 40): string {
  const corto = valor.length > max ? `${valor.slice(0, max)}…` : valor;
  return `'${corto}'`;
}

/**
 * Decodes a file as UTF-8, refusing invalid bytes instead of silently turning them into U+FFFD:
 * a file saved as Latin-1 / "ANSI" by a spreadsheet would otherwise load with broken ñ and accents.
 * A leading BOM is dropped.
 */
export function decodificarUtf8(contenido: string | Buffer, archivo: NombreArchivo): { texto: string } | { error: ErrorArchivo } {
  if (typeof contenido === 'string') return { texto: contenido.replace(/^\uFEFF/, '') };
  try {
    return { texto: new TextDecoder('utf-8', { fatal: true }).decode(contenido) };
  } catch {
    return {
      error: {
        archivo,
        mensaje: 'el archivo no está codificado en UTF-8 (¿se guardó como ANSI o Latin-1?); guárdelo como "CSV UTF-8" o "UTF-8" y envíelo de nuevo.',
      },
    };
  }
}
