import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { down, up, type StackHandle } from '../scripts/services/stack';
import { SEARCH_ATTRIBUTE_NAMES } from '../workflows/src/search-attributes';

/**
 * The cluster profile's services, for real: opt-in (PREP_PRUEBA_CLUSTER=1), because its first run
 * compiles the Temporal server from the Go module proxy (minutes of CPU) and CI has 30 minutes.
 * The 300-acta `npm run simulacro -- --perfil cluster` is the end-to-end proof; this checks the parts.
 */
const describir = process.env.PREP_PRUEBA_CLUSTER === '1' ? describe : describe.skip;

describir('the cluster profile (PREP_PRUEBA_CLUSTER=1)', () => {
  let stack: StackHandle;
  const externos = ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'IMMUDB_ADDRESS'] as const;
  const antes = Object.fromEntries(externos.map((k) => [k, process.env[k]]));
  beforeAll(async () => {
    // The test run points these at the test profile's services; the cluster profile must start its own.
    for (const k of externos) delete process.env[k];
    stack = await up('cluster');
  }, 900_000);
  afterAll(async () => {
    if (stack) await down('cluster', stack.startedNow);
    for (const k of externos) if (antes[k] !== undefined) process.env[k] = antes[k];
  });

  it('runs the Temporal server 1.29.1 (not the dev server) with the default namespace and the PREP search attributes', async () => {
    const connection = await Connection.connect({ address: stack.addresses.temporalAddress });
    try {
      // The dev server embeds the same version but keeps everything in SQLite.
      const info = await connection.workflowService.getClusterInfo({});
      expect(info).toMatchObject({ serverVersion: '1.29.1', persistenceStore: 'postgres12', visibilityStore: 'postgres12' });
      const sa = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(sa.customAttributes ?? {})).toEqual(expect.arrayContaining([...SEARCH_ATTRIBUTE_NAMES]));
    } finally {
      await connection.close();
    }
  });

  it("keeps Temporal's history and visibility on the project's PostgreSQL, at the schema versions its SQL tool applied", async () => {
    for (const database of ['temporal', 'temporal_visibility']) {
      const url = new URL(stack.addresses.databaseUrl);
      url.pathname = `/${database}`;
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const { rows } = await db.query<{ curr_version: string }>('SELECT curr_version FROM schema_version');
        expect(rows[0].curr_version).toMatch(/^1\.\d+$/);
      } finally {
        await db.end();
      }
    }
  });

  it('serves the Temporal Web UI, which lists the default namespace', async () => {
    const res = await fetch(`${stack.addresses.temporalUiUrl}/api/v1/namespaces`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('"name":"default"');
  });
});
