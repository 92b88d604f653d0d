import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { StackConfig } from './config';
import { isPortOpen, log, run, tail } from './proc';

/** Debian's PostgreSQL 15 server binaries; installed with apt when missing and we are root. */
export const PG_BIN = process.env.PREP_PG_BIN ?? '/usr/lib/postgresql/15/bin';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensurePgBinaries(): void {
  if (fs.existsSync(path.join(PG_BIN, 'initdb'))) return;
  if (!isRoot()) {
    throw new Error(`no se encontró PostgreSQL 15 en ${PG_BIN}: instale el paquete postgresql-15 o defina DATABASE_URL`);
  }
  log('PostgreSQL 15 no está instalado: instalando el paquete de Debian postgresql-15…');
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', 'postgresql-15'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** When root, the cluster runs as the unprivileged `postgres` user (initdb refuses root). */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function serverUserCanReach(dir: string): boolean {
  if (!isRoot()) return true;
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir]).status === 0;
}

/**
 * The cluster lives in .data/<profile>/postgres; if the server user cannot reach
 * that folder (a clone under /root, say), it lives under the system temp folder
 * instead, in a folder named after this checkout.
 */
export function clusterDir(cfg: StackConfig): string {
  return path.join(serverBaseDir(cfg), 'data');
}

/** Holds the cluster's data and its log, both written by the server user. */
function serverBaseDir(cfg: StackConfig): string {
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  if (serverUserCanReach(cfg.dataDir)) return path.join(cfg.dataDir, 'postgres');
  const hash = crypto.createHash('sha256').update(cfg.dataDir).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `prep-postgres-${cfg.profile}-${hash}`);
}

export async function startPostgres(cfg: StackConfig): Promise<boolean> {
  const port = cfg.ports.postgres;
  if (await isPortOpen(port)) {
    log(`PostgreSQL ya responde en 127.0.0.1:${port}: se reutiliza`);
    return false;
  }
  ensurePgBinaries();
  const dir = clusterDir(cfg);
  const base = serverBaseDir(cfg);
  const logFile = path.join(base, 'postgres.log');
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`creando el clúster de PostgreSQL en ${dir}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (isRoot()) run('chown', ['-R', 'postgres:postgres', base]);
    const [cmd, args] = asServerUser(path.join(PG_BIN, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    run(cmd, args, { cwd: base });
  }
  const [cmd, args] = asServerUser(path.join(PG_BIN, 'pg_ctl'), [
    '-D',
    dir,
    '-l',
    logFile,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${os.tmpdir()} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
  try {
    run(cmd, args, { cwd: base });
  } catch (err) {
    throw new Error(`PostgreSQL no arrancó: ${(err as Error).message}\n${tail(logFile)}`, { cause: err });
  }
  log(`PostgreSQL 15 en 127.0.0.1:${port} (datos: ${dir}, registro: ${logFile})`);
  return true;
}

export async function stopPostgres(cfg: StackConfig): Promise<void> {
  const dir = clusterDir(cfg);
  if (!fs.existsSync(path.join(dir, 'postmaster.pid'))) return;
  const [cmd, args] = asServerUser(path.join(PG_BIN, 'pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop']);
  run(cmd, args, { cwd: serverBaseDir(cfg) });
  log('PostgreSQL detenido');
}

/** Creates the database named in the URL if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`nombre de base de datos no válido: ${name}`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      log(`base de datos ${name} creada`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`nombre de base de datos no válido: ${name}`);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
