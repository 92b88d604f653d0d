import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { Client } from 'pg';
import { asegurarSecretoJwt } from '@prep/config';
import { REPO_ROOT } from './config';
import { ensureSigningKey } from './immudb';
import { log } from './proc';
import type { StackHandle } from './stack';

/**
 * The steps of bringing the PREP up on this machine, shared by `npm start` and `npm run simulacro`:
 * build, the environment of the API and worker, migrations, the first administrador, launching
 * the two processes and waiting for the API's health.
 */

/** Compile first: a build error must not leave services running or an account created. */
export function compilar(): void {
  log('compilando TypeScript (tsc)…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

/** The environment the API, the worker and the CLIs run with, pointed at the stack `up` brought. */
export function entornoDelStack({ addresses, config }: Pick<StackHandle, 'addresses' | 'config'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: String(config.ports.api),
    DATABASE_URL: addresses.databaseUrl,
    TEMPORAL_ADDRESS: addresses.temporalAddress,
    IMMUDB_ADDRESS: addresses.immudbAddress,
    PREP_DATA_DIR: process.env.PREP_DATA_DIR ?? config.dataDir,
    IMMUDB_CLAVE_PUBLICA: process.env.IMMUDB_CLAVE_PUBLICA ?? (config.external.immudbAddress ? undefined : ensureSigningKey(config).publica),
    ...extra,
  };
  // The API signs sessions with JWT_SECRET when given, else with this installation's own random
  // secret, made here once (like the immudb signing key) and read by the API from the data folder.
  if (!env.JWT_SECRET) {
    const { ruta, creado } = asegurarSecretoJwt(env.PREP_DATA_DIR!);
    if (creado) log(`secreto JWT de esta instalación creado en ${ruta}`);
  }
  return env;
}

export function migrar(env: NodeJS.ProcessEnv): void {
  log('aplicando migraciones…');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run.js'), 'scripts/migrate.ts'], { env, stdio: 'inherit' });
}

/** Creates an account with the usuarios CLI (the same library code and bitácora record as POST /usuarios). */
export function crearCuentaCli(env: NodeJS.ProcessEnv, c: { usuario: string; nombre: string; roles: string; por: string; contrasena: string }): void {
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts', 'run.js'),
      'scripts/usuarios.ts',
      'crear',
      '--usuario',
      c.usuario,
      '--nombre',
      c.nombre,
      '--roles',
      c.roles,
      '--por',
      c.por,
    ],
    { env: { ...env, PREP_CONTRASENA: c.contrasena }, stdio: 'ignore' },
  );
}

export const contrasenaAleatoria = (): string => randomBytes(12).toString('base64url');

/**
 * A brand-new local database has nobody who can log in: in development only, create
 * the first administrador with a random password shown once. Production creates its
 * accounts with `npm run usuarios`.
 */
export async function crearPrimerAdministrador(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.NODE_ENV !== 'development') return null;
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query('select count(*)::int as n from usuario');
    if (rows[0].n > 0) return null;
  } finally {
    await db.end();
  }
  const contrasena = contrasenaAleatoria();
  crearCuentaCli(env, { usuario: 'admin', nombre: 'Administración local', roles: 'administrador,auditor', por: 'npm-start', contrasena });
  return contrasena;
}

export interface Procesos {
  /** Stops the API and the worker (SIGTERM) and waits for both. */
  detener(): Promise<void>;
  deteniendo(): boolean;
  /** Process ids by name ('api', 'worker'): the benchmark samples their CPU. */
  readonly pids: Readonly<Record<string, number | undefined>>;
  /** One more worker on the same task queue, named `nombre` (the failure drills run two). */
  lanzarWorker(nombre: string): void;
  /** Starts again a process `matar` stopped ('api', 'worker', …), with the same program and environment. */
  relanzar(nombre: string): void;
  /** SIGKILL to one process, as a crash would (the failure drills): its exit is expected, so `alFallar` stays quiet. */
  matar(nombre: string): Promise<void>;
}

/**
 * PREP_NODE_ARGS: extra flags for the API's and worker's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/perfiles`
 * to profile them under load; node refuses --cpu-prof in NODE_OPTIONS).
 */
export function nodeArgsExtra(env: NodeJS.ProcessEnv): string[] {
  return (env.PREP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** Launches the built worker and API; `alFallar` runs if either exits while not being stopped. */
export function lanzarApiYWorker(env: NodeJS.ProcessEnv, alFallar: (nombre: string, codigo: string) => void): Procesos {
  const children: ChildProcess[] = [];
  const pids: Record<string, number | undefined> = {};
  const byName = new Map<string, ChildProcess>();
  const killed = new Set<ChildProcess>();
  const entries = new Map<string, string>();
  let stopping = false;
  const launch = (name: string, entry: string) => {
    entries.set(name, entry);
    const child = spawn(
      process.execPath,
      [...nodeArgsExtra(env), '-r', path.join(REPO_ROOT, 'scripts', 'register-dist.js'), path.join(REPO_ROOT, 'dist', entry)],
      {
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('exit', (code, signal) => {
      if (!stopping && !killed.has(child)) alFallar(name, String(code ?? signal));
    });
    children.push(child);
    byName.set(name, child);
    pids[name] = child.pid;
  };
  launch('worker', 'apps/worker/src/main.js');
  launch('api', 'apps/api/src/main.js');
  return {
    deteniendo: () => stopping,
    pids,
    lanzarWorker: (nombre) => launch(nombre, 'apps/worker/src/main.js'),
    relanzar(nombre) {
      const entry = entries.get(nombre);
      if (!entry) throw new Error(`no hubo un proceso '${nombre}' que relanzar`);
      launch(nombre, entry);
    },
    async matar(nombre) {
      const child = byName.get(nombre);
      if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`no hay un proceso '${nombre}' en ejecución que detener`);
      killed.add(child);
      const salio = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await salio;
      pids[nombre] = undefined;
    },
    async detener() {
      stopping = true;
      log('deteniendo API y worker…');
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    },
  };
}

/** true once GET /health answers 2xx, false after `ms` or when `abandonar()` says so. */
export async function esperarSalud(apiUrl: string, ms = 60_000, abandonar: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !abandonar()) {
    const ok = await fetch(`${apiUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** The lines `npm start` prints once the PREP serves (the simulacro prints the same). */
export function lineasEnMarcha(titulo: string, apiUrl: string, { addresses }: Pick<StackHandle, 'addresses'>, extra: string[] = []): string {
  return [
    '',
    `  ${titulo}`,
    `  API ............ ${apiUrl}`,
    `  OpenAPI ........ ${apiUrl}/docs`,
    `  Salud .......... ${apiUrl}/health`,
    `  Temporal UI .... ${addresses.temporalUiUrl ?? `(Temporal externo en ${addresses.temporalAddress})`}`,
    `  PostgreSQL ..... ${addresses.databaseUrl}`,
    `  immudb ......... ${addresses.immudbAddress}`,
    ...extra,
    '  Ctrl-C detiene todo lo que este comando inició.',
    '',
  ].join('\n');
}
