import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export function log(message: string): void {
  process.stdout.write(`[servicios] ${message}\n`);
}

export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 90_000, intervalMs = 250, isAlive }: { timeoutMs?: number; intervalMs?: number; isAlive?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (isAlive && !isAlive()) throw new Error(`${what}: el proceso terminó antes de responder`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what}: no respondió en ${Math.round(timeoutMs / 1000)} s`);
}

export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a long-running server detached from this process (its own process group,
 * output to a log file) so it survives the caller and can be stopped by pid later.
 */
export function spawnDetached(command: string, args: string[], logFile: string, opts: { cwd?: string } = {}): number {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, { cwd: opts.cwd, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`no se pudo iniciar ${command}`);
  child.unref();
  return child.pid;
}

export async function stopPid(pid: number, name: string, graceMs = 15_000): Promise<void> {
  if (!isPidAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM'); // the whole group: servers may fork helpers
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isPidAlive(pid)) await new Promise((r) => setTimeout(r, 100));
  if (isPidAlive(pid)) {
    log(`${name} no terminó con SIGTERM; enviando SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
  }
}

export function run(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} falló (código ${result.status}):\n${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

export function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(sin registro)';
  }
}
