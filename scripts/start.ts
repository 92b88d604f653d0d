import { compilar, crearPrimerAdministrador, entornoDelStack, esperarSalud, lanzarApiYWorker, lineasEnMarcha, migrar } from './services/arranque';
import { log } from './services/proc';
import { down, up, type StackHandle } from './services/stack';

/**
 * `npm start`: the whole PREP on this machine. Brings up PostgreSQL, immudb and
 * Temporal (or uses the external ones given by DATABASE_URL, IMMUDB_ADDRESS,
 * TEMPORAL_ADDRESS), applies migrations, builds, and runs the API and the worker
 * until Ctrl-C, then stops what it started.
 */
async function main(): Promise<void> {
  const t0 = Date.now();
  compilar();
  const stack = await up('dev');
  try {
    await arrancar(t0, stack);
  } catch (err) {
    log('el arranque falló; deteniendo los servicios que este comando inició…');
    await down('dev', stack.startedNow);
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
    await down('dev', stack.startedNow);
    process.exit(code);
  };
  const procesos = lanzarApiYWorker(env, (name, codigo) => {
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
