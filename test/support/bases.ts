import { randomBytes } from 'node:crypto';
import { runMigrations } from '@prep/persistence';
import { ensureDatabase } from '../../scripts/services/postgres';

/**
 * Runs before every integration test file (jest setupFilesAfterEnv): the file gets a PostgreSQL
 * database and an immudb database of its own, named after the run's (jest gives each file its own
 * copy of process.env, so the API, workers and CLIs it starts use them too; the global teardown
 * drops the databases). The catálogo freezes once any acta exists, so files that each load a
 * catálogo and acopio actas cannot share one read model; and the auditor's full check compares all
 * of the read model with all of the bitácora. A describe that needs a second, empty pair calls
 * startHarness({ basesNuevas: true }).
 */
export async function basesPropias(): Promise<void> {
  const base = process.env.PREP_TEST_DATABASE_URL ?? process.env.DATABASE_URL!;
  const sufijo = randomBytes(4).toString('hex');
  const url = new URL(base);
  url.pathname = `${url.pathname}_${sufijo}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await runMigrations(databaseUrl, { silencioso: true });
  process.env.DATABASE_URL = databaseUrl;
  process.env.IMMUDB_DATABASE = `${process.env.PREP_TEST_IMMUDB_DATABASE ?? process.env.IMMUDB_DATABASE}${sufijo}`;
  // A task queue of its own too: a workflow an earlier file left open (a retention timer, a retried
  // activity) must not be run by this file's worker, which would project it into this file's
  // databases (seen: the puesta en ceros refused with SISTEMA_NO_VACIO by another file's acta).
  process.env.TEMPORAL_TASK_QUEUE = `${process.env.PREP_TEST_TEMPORAL_TASK_QUEUE ?? process.env.TEMPORAL_TASK_QUEUE}-${sufijo}`;
}
