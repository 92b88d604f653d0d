import * as fs from 'node:fs';
import { down } from '../scripts/services/stack';
import { Client } from 'pg';
import { dropDatabase } from '../scripts/services/postgres';

/** The run's database and every per-file copy of it (test/support/bases-propias.ts). */
async function basesDeLaCorrida(databaseUrl: string): Promise<string[]> {
  const url = new URL(databaseUrl);
  const nombre = url.pathname.slice(1);
  url.pathname = '/postgres';
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    const { rows } = await db.query<{ datname: string }>("select datname from pg_database where datname like $1 || '\\_%'", [nombre]);
    return rows.map((r) => {
      const u = new URL(databaseUrl);
      u.pathname = `/${r.datname}`;
      return u.toString();
    });
  } finally {
    await db.end();
  }
}

/** Drops this run's database and stops exactly the services its global setup started. */
export default async function globalTeardown(): Promise<void> {
  const startedNow = JSON.parse(process.env.PREP_TEST_STARTED ?? '{}');
  if (process.env.PREP_TEST_DATABASE_URL) {
    const copias = await basesDeLaCorrida(process.env.PREP_TEST_DATABASE_URL).catch(() => []);
    for (const url of [...copias, process.env.PREP_TEST_DATABASE_URL]) await dropDatabase(url).catch(() => undefined);
  }
  if (process.env.PREP_DATA_DIR?.includes(`${'runs'}`)) fs.rmSync(process.env.PREP_DATA_DIR, { recursive: true, force: true });
  await down('test', startedNow);
}
