export const SIN_IDEMPOTENCIA = 'prep:sin-idempotencia';
export const IDEMPOTENCIA_TRAS_ARCHIVOS = 'prep:idempotencia-tras-archivos';
/** OpenAPI extension naming why an operation takes no Idempotency-Key (read by documentarIdempotencia). */
export const EXTENSION_SIN_IDEMPOTENCIA = 'x-sin-idempotencia';
