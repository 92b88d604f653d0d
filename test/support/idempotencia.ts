import { randomUUID } from 'node:crypto';
import { CABECERA_IDEMPOTENCIA } from '@prep/domain';

/**
 * The Idempotency-Key header of one staff action, for supertest's `.set(…)`: a fresh key per call
 * (a new logical action). Pass the same object again to retry that action.
 */
export const claveNueva = (clave: string = randomUUID()): Record<string, string> => ({ [CABECERA_IDEMPOTENCIA]: clave });
