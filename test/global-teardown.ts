import * as fs from 'node:fs';
import { down } from '../scripts/services/stack';
import { dropDatabase } from '../scripts/services/postgres';

/** Drops this run's database and stops exactly the services its global setup started. */
export default async function globalTeardown(): Promise<void> {
  const startedNow = JSON.parse(process.env.PREP_TEST_STARTED ?? '{}');
  if (process.env.PREP_TEST_DATABASE_URL) await dropDatabase(process.env.PREP_TEST_DATABASE_URL).catch(() => undefined);
  if (process.env.PREP_DATA_DIR?.includes(`${'runs'}`)) fs.rmSync(process.env.PREP_DATA_DIR, { recursive: true, force: true });
  await down('test', startedNow);
}
