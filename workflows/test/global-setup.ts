import { ensureTemporalCli } from '../../scripts/services/go-build';

/** The workflow tests start their own Temporal dev server from the project's CLI build (made on first use). */
export default async function globalSetup(): Promise<void> {
  process.env.PREP_TEMPORAL_CLI = await ensureTemporalCli();
}
