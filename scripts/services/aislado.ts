import * as path from 'node:path';
import { compilar, contrasenaAleatoria, crearCuentaCli, entornoDelStack, esperarSalud, migrar, type Procesos } from './arranque';
import type { Profile } from './config';
import { ensureDatabase } from './postgres';
import { isPortOpen } from './proc';
import { down, up, type StackHandle } from './stack';
import { lanzarProcesos } from './replicas';
import { ensureNamespace } from './temporal';
import { prepararNamespaceCluster } from './temporal-cluster';

/**
 * A PREP of its own on the local stack, for `npm run simulacro` and `npm run bench`: the services
 * of `npm start` (reused if running), and for this run its own PostgreSQL database, immudb
 * database, Temporal namespace, task queue and data folder, so runs never mix with each other or
 * with `npm start` data. Then the built API and worker on them, and the run's administrador.
 */
export interface PrepAislado {
  stack: StackHandle;
  apiUrl: string;
  /** Digits of the start time (plus the caller's suffix): names the databases and the namespace. */
  id: string;
  /** Where this run's files go: <PREP_DATA_DIR>/<carpeta>/<fecha>. */
  carpeta: string;
  databaseUrl: string;
  namespace: string;
  env: NodeJS.ProcessEnv;
}

/** `compilado`: the caller already ran tsc (the benchmark, once for several runs). `perfil`: dev, or cluster for the production topology. */
export async function prepararPrepAislado(o: {
  tipo: 'simulacro' | 'bench';
  carpeta: string;
  sufijo?: string;
  compilado?: boolean;
  perfil?: Extract<Profile, 'dev' | 'cluster'>;
}): Promise<PrepAislado> {
  if (!o.compilado) compilar();
  const perfil = o.perfil ?? 'dev';
  const stack = await up(perfil);
  const apiUrl = `http://127.0.0.1:${stack.config.ports.api}`;
  if (await isPortOpen(stack.config.ports.api)) {
    await down(perfil, stack.startedNow);
    throw new Error(`el puerto ${stack.config.ports.api} ya está en uso (¿npm start?): el ${o.tipo} levanta su propia API; elija otro con PORT=…`);
  }
  const fecha = new Date().toISOString().replace(/[:.]/g, '-');
  const id = `${fecha.replace(/\D/g, '').slice(0, 14)}${o.sufijo ?? ''}`;
  const carpeta = path.join(process.env.PREP_DATA_DIR ?? stack.config.dataDir, o.carpeta, `${fecha}${o.sufijo ? `-${o.sufijo}` : ''}`);
  const url = new URL(stack.addresses.databaseUrl);
  url.pathname = `/prep_${o.tipo}_${id}`;
  const namespace = `${o.tipo}-${id}`;
  await ensureDatabase(url.toString());
  // The Temporal server (cluster) learns search attributes per namespace, with a delay: registered and awaited here.
  if (perfil === 'cluster') await prepararNamespaceCluster(stack.addresses.temporalAddress, namespace);
  else await ensureNamespace(stack.addresses.temporalAddress, namespace);
  const env = entornoDelStack(stack, {
    DATABASE_URL: url.toString(),
    IMMUDB_DATABASE: `${o.tipo}${id}`,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: `prep-${o.tipo}-${id}`,
    // Its own data folder: images, the JWT secret and the bitácora clients' trusted state of this immudb database.
    PREP_DATA_DIR: path.join(carpeta, 'datos'),
    // A drill compresses the night: an abandoned task returns to the queue after a minute, not ten.
    PREP_LEASE_SEGUNDOS: process.env.PREP_LEASE_SEGUNDOS ?? '60',
    // A drill is minutes long: a corte every minute (a real night: every 15).
    PREP_CORTE_INTERVALO_MINUTOS: process.env.PREP_CORTE_INTERVALO_MINUTOS ?? '1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  return { stack, apiUrl, id, carpeta, databaseUrl: url.toString(), namespace, env };
}

/**
 * Migrates, creates the run's administrador (usuarios CLI), launches the API and worker and logs
 * the administrador in. `alLanzar` gets the processes as soon as they exist, so the caller can stop
 * them even if the API never becomes healthy.
 */
export async function arrancarPrepAislado(
  p: PrepAislado,
  o: {
    usuarioAdmin: string;
    nombreAdmin: string;
    por: string;
    alFallar: (nombre: string, codigo: string) => void;
    alLanzar: (procesos: Procesos) => void;
    abandonar?: () => boolean;
  },
): Promise<{ admin: { usuario: string; contrasena: string }; tokenAdmin: string }> {
  migrar(p.env);
  const admin = { usuario: o.usuarioAdmin, contrasena: contrasenaAleatoria() };
  crearCuentaCli(p.env, { ...admin, nombre: o.nombreAdmin, roles: 'administrador', por: o.por });
  o.alLanzar(lanzarProcesos(p.env, p.stack.config, o.alFallar));
  if (!(await esperarSalud(p.apiUrl, 90_000, o.abandonar))) throw new Error('la API no reportó salud completa en 90 s; revise los mensajes anteriores');
  const login = await fetch(`${p.apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ usuario: admin.usuario, contrasena: admin.contrasena }),
  });
  if (!login.ok) throw new Error(`el administrador (${admin.usuario}) no pudo iniciar sesión (HTTP ${login.status})`);
  return { admin, tokenAdmin: ((await login.json()) as { token: string }).token };
}
