import type { OpenAPIObject } from '@nestjs/swagger';
import { CABECERA_IDEMPOTENCIA, CABECERA_REPETIDA, RE_CLAVE_IDEMPOTENCIA } from '@prep/domain';
import { respuestaDeError as respuestaError } from '../common/respuestas-error';
import { EXTENSION_SIN_IDEMPOTENCIA } from './idempotencia.metadatos';

/**
 * Adds the Idempotency-Key header (required) and its answers to every POST of the document that
 * is not marked @SinIdempotencia, from the same metadata the interceptor obeys: the document
 * cannot drift from what the API enforces.
 */
export function documentarIdempotencia(doc: OpenAPIObject): OpenAPIObject {
  for (const ruta of Object.values(doc.paths)) {
    const op = ruta.post;
    if (!op || (op as unknown as Record<string, unknown>)[EXTENSION_SIN_IDEMPOTENCIA]) continue;
    op.parameters = [
      ...(op.parameters ?? []),
      {
        name: CABECERA_IDEMPOTENCIA,
        in: 'header',
        required: true,
        description:
          'Clave nueva por cada acción (por ejemplo un UUID), la MISMA en cada reintento de esa acción. Un reintento con la misma clave y el mismo contenido recibe la respuesta de la primera vez ' +
          `(con el encabezado ${CABECERA_REPETIDA}: true) sin repetir la acción. Se conserva 24 h por usuario.`,
        schema: { type: 'string', pattern: RE_CLAVE_IDEMPOTENCIA.source, minLength: 8, maxLength: 128 },
      },
    ];
    op.responses = {
      ...op.responses,
      '400':
        op.responses['400'] ??
        respuestaError('Solicitud no válida (IDEMPOTENCY_KEY_FALTANTE o IDEMPOTENCY_KEY_INVALIDA si falta o no es válido el encabezado Idempotency-Key)'),
      '409': op.responses['409'] ?? respuestaError('IDEMPOTENCIA_EN_CURSO: la primera solicitud con esta clave aún no termina; reintente con la misma clave'),
      '422': op.responses['422'] ?? respuestaError('IDEMPOTENCIA_CLAVE_REUTILIZADA: la clave ya se usó para otra solicitud'),
    };
  }
  return doc;
}
