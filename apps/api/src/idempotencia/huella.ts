import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { HuellaSolicitud } from '@prep/domain';

interface ArchivoEnSolicitud {
  fieldname: string;
  /** Streamed uploads (RecepcionMulter) were hashed on arrival; in-memory ones carry their bytes. */
  recibida?: { sha256: string };
  buffer?: Buffer;
}

const sha256 = (datos: string | Buffer) => createHash('sha256').update(datos).digest('hex');

/**
 * What a request is, for comparing a retry with the first request of its key: method and concrete
 * path, and the SHA-256 of the canonical JSON (RFC 8785) of its query, body fields and, for
 * multipart, each file's SHA-256 by field. Key order, whitespace and the multipart boundary do
 * not change it; any value or byte does.
 */
export function huellaDeSolicitud(req: Request): HuellaSolicitud {
  const archivos: ArchivoEnSolicitud[] = [];
  const r = req as Request & { file?: ArchivoEnSolicitud; files?: ArchivoEnSolicitud[] | Record<string, ArchivoEnSolicitud[]> };
  if (r.file) archivos.push(r.file);
  if (Array.isArray(r.files)) archivos.push(...r.files);
  else if (r.files) for (const lista of Object.values(r.files)) archivos.push(...lista);
  const contenido = {
    query: req.query ?? {},
    cuerpo: req.body ?? null,
    archivos: archivos.map((a) => ({ campo: a.fieldname, sha256: a.recibida?.sha256 ?? (a.buffer ? sha256(a.buffer) : null) })),
  };
  return { metodoRuta: `${req.method} ${req.baseUrl}${req.path}`, huella: sha256(canonicalize(contenido) ?? '') };
}
