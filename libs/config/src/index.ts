import * as path from 'node:path';
import { z } from 'zod';

/**
 * The only place environment variables are read. Everything has a safe local
 * default except secrets, which are refused outside development and tests.
 */
const DEV_JWT_SECRET = 'solo-para-desarrollo-local-no-usar-en-produccion';
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
  IMMUDB_DATABASE: z.string().regex(/^[a-z0-9]+$/, 'solo minúsculas y dígitos').default('prep'),
  /** PEM file with the immudb server's signing public key: signed states are checked against it. */
  IMMUDB_CLAVE_PUBLICA: z.string().optional(),
  PREP_DATA_DIR: z.string().default(path.resolve(__dirname, '..', '..', '..', '.data', 'dev')),
  JWT_SECRET: z.string().optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  /** Partial PoliticaPrep as JSON (e.g. '{"maxDevoluciones":3}'); defaults in libs/domain/src/politica.ts. */
  PREP_POLITICA: z.string().optional(),
  /** How long a claimed task stays with its taker before returning to the queue. */
  PREP_LEASE_SEGUNDOS: z.coerce.number().int().min(1).max(86_400).default(600),
  /** Live task claims one person may hold at once (all task types together). */
  PREP_MAX_TAREAS_TOMADAS: z.coerce.number().int().min(1).max(50).default(1),
  PREP_IMAGEN_MAX_BYTES: z.coerce.number().int().min(1024).default(15 * 1024 * 1024),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

export type PrepConfig = Omit<z.infer<typeof schema>, 'JWT_SECRET'> & { JWT_SECRET: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PrepConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Configuración no válida: ${detail}`);
  }
  const cfg = parsed.data;
  const relaxed = cfg.NODE_ENV !== 'production';
  if (!cfg.JWT_SECRET) {
    if (!relaxed) throw new Error('Configuración no válida: JWT_SECRET es obligatorio en producción');
    cfg.JWT_SECRET = DEV_JWT_SECRET;
  } else if (!relaxed && (cfg.JWT_SECRET === DEV_JWT_SECRET || cfg.JWT_SECRET.length < 32)) {
    throw new Error('Configuración no válida: JWT_SECRET debe tener al menos 32 caracteres y no ser el de desarrollo');
  }
  if (!relaxed && cfg.IMMUDB_PASSWORD === DEV_IMMUDB_PASSWORD) {
    throw new Error('Configuración no válida: IMMUDB_PASSWORD no puede ser la contraseña por omisión en producción');
  }
  return cfg as PrepConfig;
}
