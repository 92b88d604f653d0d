import * as fs from 'node:fs';
import * as path from 'node:path';
import Long from 'long';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_NAMES } from '../../workflows/src/search-attributes';
import { StackConfig } from './config';
import { ensureTemporalCli } from './go-build';
import { isPidAlive, isPortOpen, log, spawnDetached, tail, waitFor } from './proc';

/** Answers only when the frontend serves requests, not merely when the port is bound. */
export async function temporalAnswers(address: string, namespace = 'default'): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

export async function startTemporal(cfg: StackConfig): Promise<number | undefined> {
  const { temporal, temporalHttp, temporalUi, temporalMetrics } = cfg.ports;
  const address = `127.0.0.1:${temporal}`;
  if (await isPortOpen(temporal)) {
    log(`Temporal ya responde en ${address}: se reutiliza`);
    return undefined;
  }
  const binary = await ensureTemporalCli();
  const dir = path.join(cfg.dataDir, 'temporal');
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(cfg.dataDir, 'logs', 'temporal.log');
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(temporal),
    '--http-port',
    String(temporalHttp),
    '--ui-port',
    String(temporalUi),
    '--metrics-port',
    String(temporalMetrics),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    // Keyword attributes operators filter by in the Web UI.
    ...SEARCH_ATTRIBUTE_NAMES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
  ];
  // The dev profile keeps its history across restarts; tests start from nothing. Write-ahead log with
  // synchronous=NORMAL: one fsync per checkpoint instead of several per transaction; a process crash
  // loses nothing, a power cut may lose the last moments but never corrupts the file. (Production runs
  // Temporal on PostgreSQL: the cluster profile.)
  if (cfg.profile === 'dev') {
    args.push('--db-filename', path.join(dir, 'temporal.db'), '--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  const pid = spawnDetached(binary, args, logFile);
  try {
    await waitFor('Temporal', () => temporalAnswers(address), { isAlive: () => isPidAlive(pid) });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`, { cause: err });
  }
  log(`Temporal en ${address}, interfaz web en http://127.0.0.1:${temporalUi}`);
  return pid;
}

/** Registers a namespace if missing and waits until it serves requests (tests get one per run). */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(24 * 3600) },
      });
    } catch (err) {
      if (!/already exists|AlreadyExists/i.test((err as Error).message)) throw err;
    }
    await waitFor(
      `espacio de nombres ${namespace}`,
      async () => {
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return true;
      },
      { timeoutMs: 30_000 },
    );
  } finally {
    await connection.close();
  }
}
