import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/** The Idempotency-Key of the staff action being answered, for whatever it reaches downstream. */
const contexto = new AsyncLocalStorage<{ usuarioId: string; clave: string; retomada: boolean }>();

/** `retomada`: this request took over a key whose first attempt was abandoned (its process died). */
export function conClaveIdempotencia<T>(usuarioId: string, clave: string, retomada: boolean, fn: () => T): T {
  return contexto.run({ usuarioId, clave, retomada }, fn);
}

/** True when a first attempt of this very request may already have reached Temporal. */
export function esSolicitudRetomada(): boolean {
  return contexto.getStore()?.retomada ?? false;
}

/**
 * The Temporal Update id of this request's staff action: derived from (user, key), so a retry
 * after the API died re-attaches to the Update the first attempt sent (Temporal answers it with
 * that Update's outcome) instead of applying the action twice. Undefined outside a keyed request
 * (CLI, schedules): the SDK then picks a random id, as before.
 */
export function updateIdDeSolicitud(): string | undefined {
  const c = contexto.getStore();
  if (!c) return undefined;
  return `idem-${createHash('sha256').update(`${c.usuarioId}\n${c.clave}`).digest('hex')}`;
}
