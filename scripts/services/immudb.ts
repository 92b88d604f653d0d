import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackConfig } from './config';
import { ensureImmudb } from './go-build';
import { isPidAlive, isPortOpen, log, spawnDetached, tail, waitFor } from './proc';

export async function startImmudb(cfg: StackConfig): Promise<number | undefined> {
  const port = cfg.ports.immudb;
  if (await isPortOpen(port)) {
    log(`immudb ya responde en 127.0.0.1:${port}: se reutiliza`);
    return undefined;
  }
  const { server } = await ensureImmudb();
  const dir = path.join(cfg.dataDir, 'immudb');
  // Tests always start from an empty ledger so a run never depends on the last one.
  if (cfg.profile === 'test') fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(cfg.dataDir, 'logs', 'immudb.log');
  const args = [
    '--dir', dir,
    '--address', '127.0.0.1',
    '--port', String(port),
    '--pgsql-server=false',
    '--web-server=false',
    '--devmode=false',
    '--pidfile', '',
  ];
  const pid = spawnDetached(server, args, logFile, { cwd: dir });
  try {
    await waitFor('immudb', () => isPortOpen(port), { isAlive: () => isPidAlive(pid) });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`);
  }
  log(`immudb en 127.0.0.1:${port} (datos: ${dir})`);
  return pid;
}
