import { down } from '../scripts/services/stack';

/** Stops exactly the services this run's global setup started (a reused server keeps running). */
export default async function globalTeardown(): Promise<void> {
  const startedNow = JSON.parse(process.env.PREP_TEST_STARTED ?? '{}');
  await down('test', startedNow);
}
