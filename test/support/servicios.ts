import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serviceAddresses, stackConfig } from '../../scripts/services/config';
import type { Started, StackHandle } from '../../scripts/services/stack';
import { startTemporal } from '../../scripts/services/temporal';
import { stopPid } from '../../scripts/services/proc';

/**
 * The test profile's stack as this run's global setup brought it up (what it started is in
 * PREP_TEST_STARTED), so a test can stop and start one of its services with scripts/services/control.ts.
 */
export function stackDePruebas(): StackHandle {
  const config = stackConfig('test');
  const startedNow = JSON.parse(process.env.PREP_TEST_STARTED ?? '{}') as Started;
  return { config, addresses: serviceAddresses(config), startedNow };
}

async function puertoLibre(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A Temporal dev server of the test's own that keeps its history on disk, as the dev profile's does
 * (the test profile's keeps it in memory, so restarting that one would lose every workflow): a test
 * restarts it with scripts/services/control.ts. `cerrar` stops it and removes its folder.
 */
export async function temporalPropioConDisco(): Promise<{ stack: StackHandle; direccion: string; cerrar: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-temporal-propio-'));
  const base = stackConfig('test');
  const config = {
    ...base,
    profile: 'dev' as const,
    dataDir,
    ports: {
      ...base.ports,
      temporal: await puertoLibre(),
      temporalHttp: await puertoLibre(),
      temporalUi: await puertoLibre(),
      temporalMetrics: await puertoLibre(),
    },
    external: {},
  };
  const pid = await startTemporal(config);
  const stack: StackHandle = { config, addresses: serviceAddresses(config), startedNow: { temporal: pid } };
  return {
    stack,
    direccion: stack.addresses.temporalAddress,
    async cerrar() {
      if (stack.startedNow.temporal) await stopPid(stack.startedNow.temporal, 'Temporal');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
