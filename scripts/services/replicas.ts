import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { lanzarApiYWorker, nodeArgsExtra, type Procesos } from './arranque';
import { puertosApi, REPO_ROOT, type StackConfig } from './config';
import { log } from './proc';

/**
 * The PREP's own processes for a profile: one API and one worker (dev), or the cluster topology:
 * `replicas.workers` workers on the same task queue, `replicas.apis` API replicas on the ports after
 * the balancer's, and the balancer on ports.api. In the cluster a replica that dies is started again
 * after a moment, as systemd or an orchestrator would, and the others carry on meanwhile: that is
 * what the topology is for, so it does not stop the run.
 */
export function lanzarProcesos(env: NodeJS.ProcessEnv, cfg: StackConfig, alFallar: (nombre: string, codigo: string) => void): Procesos {
  return cfg.profile === 'cluster' ? lanzarCluster(env, cfg, alFallar) : lanzarApiYWorker(env, alFallar);
}

const REINICIO_MS = 2_000;

function lanzarCluster(env: NodeJS.ProcessEnv, cfg: StackConfig, alFallar: (nombre: string, codigo: string) => void): Procesos {
  const vivos = new Map<string, ChildProcess>();
  const relanzables = new Map<string, () => void>();
  const pids: Record<string, number | undefined> = {};
  // Killed on purpose by a failure drill: the drill decides whether it comes back, not the restart below.
  const matados = new Set<ChildProcess>();
  let stopping = false;
  const apis = puertosApi(cfg);

  const lanzar = (nombre: string, entry: string, extra: NodeJS.ProcessEnv, reiniciable: boolean) => {
    const child = spawn(
      process.execPath,
      [...nodeArgsExtra(env), '-r', path.join(REPO_ROOT, 'scripts', 'register-dist.js'), path.join(REPO_ROOT, 'dist', entry)],
      {
        env: { ...env, ...extra },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    vivos.set(nombre, child);
    relanzables.set(nombre, () => lanzar(nombre, entry, extra, reiniciable));
    pids[nombre] = child.pid;
    child.once('exit', (code, signal) => {
      if (stopping || matados.has(child)) return;
      const codigo = String(code ?? signal);
      if (!reiniciable) return alFallar(nombre, codigo);
      log(`${nombre} terminó (código ${codigo}); las demás réplicas siguen y se reinicia en ${REINICIO_MS / 1000} s`);
      setTimeout(() => !stopping && lanzar(nombre, entry, extra, reiniciable), REINICIO_MS);
    });
  };

  for (let i = 1; i <= cfg.replicas.workers; i++) lanzar(i === 1 ? 'worker' : `worker-${i}`, 'apps/worker/src/main.js', {}, true);
  // Behind the balancer the API sees every client as 127.0.0.1 unless it trusts the balancer's
  // X-Forwarded-For; `loopback` trusts only a proxy on this machine (the login limits need the real address).
  apis.forEach((port, i) =>
    lanzar(i === 0 ? 'api' : `api-${i + 1}`, 'apps/api/src/main.js', { PORT: String(port), PREP_TRUST_PROXY: env.PREP_TRUST_PROXY ?? 'loopback' }, true),
  );
  // Without the balancer nobody reaches the APIs: its death stops the run like a dev process's.
  lanzar(
    'balanceador',
    'scripts/services/balanceador.js',
    { PREP_BALANCEADOR_PUERTO: String(cfg.ports.api), PREP_BALANCEADOR_DESTINOS: apis.map((p) => `http://127.0.0.1:${p}`).join(',') },
    false,
  );
  log(`clúster: ${cfg.replicas.workers} workers, ${apis.length} réplicas de la API (${apis.join(', ')}) detrás del balanceador en ${cfg.ports.api}`);

  const estaVivo = (c: ChildProcess | undefined): c is ChildProcess => !!c && c.exitCode === null && c.signalCode === null;
  return {
    deteniendo: () => stopping,
    pids,
    lanzarWorker(nombre) {
      // The cluster already runs several workers: a drill asking for one that is alive gets that one.
      if (!estaVivo(vivos.get(nombre))) lanzar(nombre, 'apps/worker/src/main.js', {}, true);
    },
    relanzar(nombre) {
      const relanzar = relanzables.get(nombre);
      if (!relanzar) throw new Error(`no hubo un proceso '${nombre}' que relanzar`);
      if (!estaVivo(vivos.get(nombre))) relanzar();
    },
    async matar(nombre) {
      const child = vivos.get(nombre);
      if (!estaVivo(child)) throw new Error(`no hay un proceso '${nombre}' en ejecución que detener`);
      matados.add(child);
      const salio = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await salio;
      pids[nombre] = undefined;
    },
    async detener() {
      stopping = true;
      log('deteniendo balanceador, API y workers…');
      const hijos = [...vivos.values()];
      for (const c of hijos) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
      await Promise.all(hijos.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    },
  };
}
