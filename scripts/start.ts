import { compilar, crearPrimerAdministrador, entornoDelStack, esperarSalud, lineasEnMarcha, migrar } from './services/arranque';
import { log } from './services/proc';
import { lanzarProcesos } from './services/replicas';
import { down, up, type StackHandle } from './services/stack';

/**
 * `npm start`: the whole PREP on this machine. Brings up PostgreSQL, immudb and
 * Temporal (or uses the external ones given by DATABASE_URL, IMMUDB_ADDRESS,
 * TEMPORAL_ADDRESS), applies migrations, builds, and runs the API and the worker
 * until Ctrl-C, then stops what it started. `npm start -- --perfil cluster` runs the production
 * topology instead (Temporal server on PostgreSQL, its UI, 2 workers, 2 APIs behind a balancer).
 */
function perfilPedido(): 'dev' | 'cluster' {
  const args = process.argv.slice(2);
  const i = args.indexOf('--perfil');
  const perfil = i >= 0 ? args[i + 1] : 'dev';
  if (perfil !== 'dev' && perfil !== 'cluster') throw new Error(`--perfil ${perfil} no existe: use dev o cluster`);
  return perfil;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const perfil = perfilPedido();
  compilar();
  const stack = await up(perfil);
  try {
    await arrancar(t0, stack);
  } catch (err) {
    log('el arranque falló; deteniendo los servicios que este comando inició…');
    await down(perfil, stack.startedNow);
    throw err;
  }
}

async function arrancar(t0: number, stack: StackHandle): Promise<void> {
  const env = entornoDelStack(stack);
  migrar(env);
  const primerAdmin = await crearPrimerAdministrador(env);

  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await procesos.detener();
    await down(stack.config.profile, stack.startedNow);
    process.exit(code);
  };
  const procesos = lanzarProcesos(env, stack.config, (name, codigo) => {
    log(`${name} terminó inesperadamente (código ${codigo}); deteniendo todo`);
    void stopAll(1);
  });
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const apiUrl = `http://127.0.0.1:${stack.config.ports.api}`;
  if (!(await esperarSalud(apiUrl, 60_000, () => stopping))) {
    log('la API no reportó salud completa en 60 s; revise los mensajes anteriores');
    return void stopAll(1);
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(
    lineasEnMarcha(`PREP en marcha (${secs} s)`, apiUrl, stack, [
      ...(primerAdmin ? [`  Administrador .. usuario 'admin', contraseña '${primerAdmin}' (se muestra solo esta vez; cámbiela)`] : []),
    ]),
  );
}

main().catch(async (err) => {
  console.error(`[inicio] error: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
