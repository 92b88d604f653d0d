import { ensureTemporalTestServer } from '../../scripts/services/temporal-test-server';

/** Resolves (on first use) the time-skipping test server the workflow tests start for themselves. */
export default async function globalSetup(): Promise<void> {
  process.env.PREP_TEMPORAL_TEST_SERVER = await ensureTemporalTestServer();
}
