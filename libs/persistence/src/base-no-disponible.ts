/**
 * Whether an error means PostgreSQL could not be reached or dropped the connection (a restart, a
 * failover, a network cut) rather than refused the query: the API answers those 503 so callers
 * retry, instead of 500. Read from the error's own code (pg's SQLSTATE, Node's errno), which
 * MikroORM's DriverException copies from the driver's error; pg's few code-less connection errors
 * are recognised by their fixed text.
 */
const CODIGOS_DE_RED = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now (starting up), too_many_connections. */
const CODIGOS_SQL = new Set(['57P01', '57P02', '57P03', '53300']);
const TEXTOS_PG = [/^Connection terminated/, /connection error and is not queryable/, /^Knex: Timeout acquiring a connection/];

export function esBaseNoDisponible(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception.
    if (CODIGOS_DE_RED.has(code) || CODIGOS_SQL.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return typeof message === 'string' && TEXTOS_PG.some((t) => t.test(message));
}
