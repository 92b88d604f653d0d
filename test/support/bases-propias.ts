import { randomBytes } from 'node:crypto';
import { runMigrations } from '@prep/persistence';
import { ensureDatabase } from '../../scripts/services/postgres';

/**
 * Runs before every integration test file (jest setupFilesAfterEnv): the file gets a PostgreSQL
 * database and an immudb database of its own, named after the run's (jest gives each file its own
 * copy of process.env, so the API, workers and CLIs it starts use them too; the global teardown
 * drops the databases). The catálogo freezes once any acta exists, so files that each load a
 * catálogo and acopio actas cannot share one read model; and the auditor's full check compares all
 * of the read model with all of the ledger.
 */
beforeAll(async () => {
  const sufijo = randomBytes(4).toString('hex');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `${url.pathname}_${sufijo}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  // The migrator reports each step with console.log: noise in every file's output.
  const log = console.log;
  console.log = () => undefined;
  try {
    await runMigrations(databaseUrl);
  } finally {
    console.log = log;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.IMMUDB_DATABASE = `${process.env.IMMUDB_DATABASE}${sufijo}`;
});
