import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { asegurarSecretoJwt } from '@prep/config';
import * as path from 'node:path';
import { REPO_ROOT } from './services/config';
import { log } from './services/proc';
import { ensureSigningKey } from './services/immudb';
import { down, up } from './services/stack';

type Arranque = Awaited<ReturnType<typeof up>>;

/**
 * `npm start`: the whole PREP on this machine. Brings up PostgreSQL, immudb and
 * Temporal (or uses the external ones given by DATABASE_URL, IMMUDB_ADDRESS,
 * TEMPORAL_ADDRESS), applies migrations, builds, and runs the API and the worker
 * until Ctrl-C, then stops what it started.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  // Compile first: a build error must not leave services running or an account created.
  log('compilando TypeScript (tsc)…');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const { addresses, config, startedNow } = await up('dev');
  try {
    await arrancar(t0, addresses, config, startedNow);
  } catch (err) {
    log('el arranque falló; deteniendo los servicios que este comando inició…');
    await down('dev', startedNow);
    throw err;
  }
}

async function arrancar(t0: number, addresses: Arranque['addresses'], config: Arranque['config'], startedNow: Arranque['startedNow']): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: String(config.ports.api),
    DATABASE_URL: addresses.databaseUrl,
    TEMPORAL_ADDRESS: addresses.temporalAddress,
    IMMUDB_ADDRESS: addresses.immudbAddress,
    PREP_DATA_DIR: process.env.PREP_DATA_DIR ?? config.dataDir,
    IMMUDB_CLAVE_PUBLICA: process.env.IMMUDB_CLAVE_PUBLICA ?? (config.external.immudbAddress ? undefined : ensureSigningKey(config).publica),
  };
  // The API signs sessions with JWT_SECRET when given, else with this installation's own random
  // secret, made here once (like the immudb signing key) and read by the API from the data folder.
  if (!env.JWT_SECRET) {
    const { ruta, creado } = asegurarSecretoJwt(env.PREP_DATA_DIR!);
    if (creado) log(`secreto JWT de esta instalación creado en ${ruta}`);
  }

  log('aplicando migraciones…');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run.js'), 'scripts/migrate.ts'], { env, stdio: 'inherit' });
  const primerAdmin = await crearPrimerAdministrador(env);

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('deteniendo API y worker…');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await down('dev', startedNow);
    process.exit(code);
  };
  const launch = (name: string, entry: string) => {
    const child = spawn(process.execPath, ['-r', path.join(REPO_ROOT, 'scripts', 'register-dist.js'), path.join(REPO_ROOT, 'dist', entry)], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code, signal) => {
      if (!stopping) {
        log(`${name} terminó inesperadamente (código ${code ?? signal}); deteniendo todo`);
        void stopAll(1);
      }
    });
    children.push(child);
  };
  launch('worker', 'apps/worker/src/main.js');
  launch('api', 'apps/api/src/main.js');
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const apiUrl = `http://127.0.0.1:${config.ports.api}`;
  const deadline = Date.now() + 60_000;
  let healthy = false;
  while (!healthy && Date.now() < deadline && !stopping) {
    healthy = await fetch(`${apiUrl}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!healthy) await new Promise((r) => setTimeout(r, 500));
  }
  if (!healthy) {
    log('la API no reportó salud completa en 60 s; revise los mensajes anteriores');
    return void stopAll(1);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    [
      '',
      `  PREP en marcha (${secs} s)`,
      `  API ............ ${apiUrl}`,
      `  OpenAPI ........ ${apiUrl}/docs`,
      `  Salud .......... ${apiUrl}/health`,
      `  Temporal UI .... ${addresses.temporalUiUrl ?? `(Temporal externo en ${addresses.temporalAddress})`}`,
      `  PostgreSQL ..... ${addresses.databaseUrl}`,
      `  immudb ......... ${addresses.immudbAddress}`,
      ...(primerAdmin ? [`  Administrador .. usuario 'admin', contraseña '${primerAdmin}' (se muestra solo esta vez; cámbiela)`] : []),
      '  Ctrl-C detiene todo lo que este comando inició.',
      '',
    ].join('\n'),
  );
}

/**
 * A brand-new local database has nobody who can log in: in development only, create
 * the first administrador with a random password shown once. Production creates its
 * accounts with `npm run usuarios`.
 */
async function crearPrimerAdministrador(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.NODE_ENV !== 'development') return null;
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query('select count(*)::int as n from usuario');
    if (rows[0].n > 0) return null;
  } finally {
    await db.end();
  }
  const contrasena = randomBytes(12).toString('base64url');
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'scripts', 'run.js'),
      'scripts/usuarios.ts',
      'crear',
      '--usuario',
      'admin',
      '--nombre',
      'Administración local',
      '--roles',
      'administrador,auditor',
      '--por',
      'npm-start',
    ],
    { env: { ...env, PREP_CONTRASENA: contrasena }, stdio: 'ignore' },
  );
  return contrasena;
}

main().catch(async (err) => {
  console.error(`[inicio] error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
