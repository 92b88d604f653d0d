import * as path from 'node:path';
import { z } from 'zod';
import { LONGITUD_MINIMA_SECRETO_JWT } from './secreto-jwt';

export { asegurarSecretoJwt, leerSecretoJwt, rutaSecretoJwt, LONGITUD_MINIMA_SECRETO_JWT } from './secreto-jwt';

/**
 * The only place environment variables are read. Everything has a safe local
 * default except secrets: the JWT secret has none (see secreto-jwt.ts), and the
 * immudb development password is refused in production.
 */
const DEV_IMMUDB_PASSWORD = 'immudb';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:55432/prep'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('prep-actas'),
  TEMPORAL_UI_URL: z.string().optional(),
  IMMUDB_ADDRESS: z.string().default('127.0.0.1:3322'),
  IMMUDB_USER: z.string().default('immudb'),
  IMMUDB_PASSWORD: z.string().default(DEV_IMMUDB_PASSWORD),
  IMMUDB_DATABASE: z
    .string()
    .regex(/^[a-z0-9]+$/, 'solo minúsculas y dígitos')
    .default('prep'),
  /** PEM file with the immudb server's signing public key: signed states are checked against it. */
  IMMUDB_CLAVE_PUBLICA: z.string().optional(),
  PREP_DATA_DIR: z.string().default(path.resolve(__dirname, '..', '..', '..', '.data', 'dev')),
  /** Overrides the installation's secret file (`<PREP_DATA_DIR>/secretos/jwt.secret`); needed when several API replicas share sessions. */
  JWT_SECRET: z
    .string()
    .min(LONGITUD_MINIMA_SECRETO_JWT, `debe tener al menos ${LONGITUD_MINIMA_SECRETO_JWT} caracteres aleatorios`)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 3600),
  /** Partial PoliticaPrep as JSON (e.g. '{"maxDevoluciones":3}'); defaults in libs/domain/src/politica.ts. */
  PREP_POLITICA: z.string().optional(),
  /** How long a claimed task stays with its taker before returning to the queue. */
  PREP_LEASE_SEGUNDOS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Live task claims one person may hold at once (all task types together). */
  PREP_MAX_TAREAS_TOMADAS: z.coerce.number().int().min(1).max(50).default(1),
  PREP_IMAGEN_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(15 * 1024 * 1024),
  /** Express `trust proxy` (hops, or addresses/subnets of the proxies): only behind a reverse proxy, so req.ip is the client's. */
  PREP_TRUST_PROXY: z
    .string()
    .regex(/^(\d+|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'número de saltos o lista de direcciones/subredes separadas por comas')
    .optional(),
  /** Failed logins one client address may make per 15 minutes before its logins are refused (CATDs share a NAT address). */
  PREP_LOGIN_MAX_FALLOS_DIRECCION: z.coerce.number().int().min(1).max(10_000).default(20),
  /** The commit of an installed copy without .git (a release tarball): recorded with the build hashes. */
  PREP_GIT_COMMIT: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, 'un hash de commit de git en hexadecimal minúsculo')
    .optional(),
  /** Minutes between cortes while publication is open; the rules ask for at least 3 cortes per hour, so never more than 20. */
  PREP_CORTE_INTERVALO_MINUTOS: z.coerce.number().int().min(1).max(20, 'no puede pasar de 20: las reglas piden al menos 3 cortes por hora').default(15),
  /** Tests and drills only (refused in production): the interval in seconds, overriding the minutes. */
  PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA: z.coerce.number().int().min(1).max(1200).optional(),
  /**
   * Idempotency-Key: seconds without a heartbeat after which a request still marked in flight is
   * taken as abandoned (its API process died) and a retry with the same key may run it again.
   */
  PREP_IDEMPOTENCIA_ABANDONO_SEGUNDOS: z.coerce.number().int().min(2).max(600).default(10),
  /** Idempotency-Key: hours a key and its answer are kept (a retry after that runs as a new request). */
  PREP_IDEMPOTENCIA_HORAS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(24),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /** `json` (one object per line, for a log collector) or `texto` (for a person at a terminal); default by NODE_ENV, see formatoDeRegistro. */
  PREP_LOG_FORMATO: z
    .enum(['json', 'texto'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Browser origins allowed to call the API (CORS), comma separated, e.g. `https://captura.prep.example`.
   * None by default: staff clients are not web pages of another origin, so no browser page elsewhere can read an answer.
   */
  PREP_CORS_ORIGENES: z
    .string()
    .optional()
    .transform((s, ctx) => {
      const origenes = (s ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const o of origenes) {
        const problema = problemaDeOrigen(o);
        if (problema) ctx.addIssue({ code: 'custom', message: `'${o.slice(0, 80)}' ${problema}` });
      }
      return origenes;
    }),
});

/** Why `o` is not an exact browser origin (`https://host[:puerto]`), or null when it is. */
function problemaDeOrigen(o: string): string | null {
  if (o === '*' || o === 'null') return 'no se admite: nombre cada origen permitido (p. ej. https://captura.prep.example)';
  let url: URL;
  try {
    url = new URL(o);
  } catch {
    return 'no es un origen: use esquema://host[:puerto], p. ej. https://captura.prep.example';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'debe empezar con https:// (o http:// solo en desarrollo)';
  if (url.origin !== o) return `no es un origen exacto: escriba ${url.origin} (sin ruta, barra final, usuario ni parámetros)`;
  return null;
}

export type PrepConfig = z.infer<typeof schema>;

/** Seconds between cortes: the test-only setting when given, else the minutes. */
export function intervaloCorteSegundos(cfg: Pick<PrepConfig, 'PREP_CORTE_INTERVALO_MINUTOS' | 'PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA'>): number {
  return cfg.PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA ?? cfg.PREP_CORTE_INTERVALO_MINUTOS * 60;
}

/** Log lines as JSON unless asked otherwise; a development machine (`npm start`) gets text for the person reading it. */
export function formatoDeRegistro(cfg: Pick<PrepConfig, 'PREP_LOG_FORMATO' | 'NODE_ENV'>): 'json' | 'texto' {
  return cfg.PREP_LOG_FORMATO ?? (cfg.NODE_ENV === 'development' ? 'texto' : 'json');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PrepConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuración no válida: ${detail}`);
  }
  const cfg = parsed.data;
  if (cfg.NODE_ENV === 'production' && cfg.IMMUDB_PASSWORD === DEV_IMMUDB_PASSWORD) {
    throw new Error('Configuración no válida: IMMUDB_PASSWORD no puede ser la contraseña por omisión en producción');
  }
  if (cfg.NODE_ENV === 'production' && cfg.PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA !== undefined) {
    throw new Error('Configuración no válida: PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA es solo para pruebas; use PREP_CORTE_INTERVALO_MINUTOS');
  }
  return cfg;
}
