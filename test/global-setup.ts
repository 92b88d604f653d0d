import * as fs from 'node:fs';
import * as path from 'node:path';
import { up } from '../scripts/services/stack';
import { dropDatabase, ensureDatabase } from '../scripts/services/postgres';
import { ensureNamespace } from '../scripts/services/temporal';
import { ensureSigningKey } from '../scripts/services/immudb';
import { execFileSync } from 'node:child_process';
import { asegurarSecretoJwt } from '../libs/config/src/secreto-jwt';

/**
 * Starts (or reuses) the real PostgreSQL, immudb and Temporal of the `test`
 * profile, gives this run a fresh database, bitácora database and task queue, and
 * hands their addresses to the tests through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const { addresses, config, startedNow } = await up('test');
  process.env.PREP_TEST_STARTED = JSON.stringify(startedNow);
  const run = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  // One database per run, so concurrent runs against a shared server never collide.
  const url = new URL(addresses.databaseUrl);
  url.pathname = `/prep_test_${run}`;
  const databaseUrl = url.toString();
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  process.env.PREP_TEST_DATABASE_URL = databaseUrl;
  // Each test file works on copies named after these (test/support/bases.ts).
  process.env.PREP_TEST_IMMUDB_DATABASE = run;
  process.env.PREP_TEST_TEMPORAL_TASK_QUEUE = `prep-pruebas-${run}`;
  // In a child process: MikroORM keeps metadata in globals, and loading it in
  // jest's outer realm would poison the test realm (Map receiver errors).
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'run.js'), 'scripts/migrate.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'inherit',
  });
  // A Temporal namespace per run: workflow ids are acta claves, and a reused server remembers them.
  const namespace = `prep-pruebas-${run}`;
  await ensureNamespace(addresses.temporalAddress, namespace);
  const dataDir = path.join(config.dataDir, 'runs', run);
  fs.mkdirSync(dataDir, { recursive: true });
  // Each run signs sessions with its own random secret, read from the file exactly as `npm start`
  // makes the API do; a JWT_SECRET inherited from the shell must not replace it.
  delete process.env.JWT_SECRET;
  asegurarSecretoJwt(dataDir);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: addresses.temporalAddress,
    TEMPORAL_UI_URL: addresses.temporalUiUrl ?? '',
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: `prep-pruebas-${run}`,
    IMMUDB_ADDRESS: addresses.immudbAddress,
    IMMUDB_DATABASE: run,
    PREP_DATA_DIR: dataDir,
    ...(config.external.immudbAddress ? {} : { IMMUDB_CLAVE_PUBLICA: ensureSigningKey(config).publica }),
    LOG_LEVEL: 'warn',
    BCRYPT_COST: '4',
  });
}
