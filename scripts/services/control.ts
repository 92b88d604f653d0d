import * as fs from 'node:fs';
import * as path from 'node:path';
import { startImmudb } from './immudb';
import { startPostgres, stopPostgres } from './postgres';
import { isPortOpen, log, stopPid, waitFor } from './proc';
import { recordStarted, type StackHandle } from './stack';
import { startTemporal } from './temporal';

/**
 * Stopping and starting ONE service of a running stack, for the failure drills (`npm run simulacro --
 * --fallas`) and the tests that restart a service. Only a service this very stack handle started
 * may be stopped: a server someone else runs, or an external one, is never touched. Data is kept:
 * PostgreSQL's cluster, immudb's folder (also in the test profile) and, in the dev profile,
 * Temporal's SQLite file (the test profile's Temporal keeps its history in memory, so a restart
 * there would lose every workflow: refused).
 */
export type ServicioDelStack = 'postgres' | 'temporal' | 'immudb';

export class ErrorControlServicio extends Error {}

function comprobarPropio(stack: StackHandle, servicio: ServicioDelStack): void {
  if (!stack.startedNow[servicio]) {
    throw new ErrorControlServicio(
      `${servicio} no lo inició este comando (ya corría o es externo): un simulacro de fallas solo detiene servicios propios; use puertos libres (PREP_*_PORT)`,
    );
  }
  if (servicio === 'temporal' && stack.config.profile !== 'dev') {
    throw new ErrorControlServicio('el Temporal del perfil test guarda su historia en memoria: reiniciarlo perdería todos los workflows');
  }
}

/** Where the dev profile's Temporal keeps its history (the drills check it is on disk before restarting). */
export function archivoTemporal(stack: StackHandle): string {
  return path.join(stack.config.dataDir, 'temporal', 'temporal.db');
}

export async function detenerServicio(stack: StackHandle, servicio: ServicioDelStack): Promise<void> {
  comprobarPropio(stack, servicio);
  const { ports } = stack.config;
  if (servicio === 'postgres') await stopPostgres(stack.config);
  else {
    if (servicio === 'temporal' && !fs.existsSync(archivoTemporal(stack))) {
      throw new ErrorControlServicio(`Temporal no tiene su historia en disco (${archivoTemporal(stack)}): reiniciarlo la perdería`);
    }
    await stopPid(stack.startedNow[servicio] as number, servicio === 'temporal' ? 'Temporal' : 'immudb');
  }
  const puerto = servicio === 'postgres' ? ports.postgres : servicio === 'temporal' ? ports.temporal : ports.immudb;
  await waitFor(`${servicio} detenido`, async () => !(await isPortOpen(puerto)), { timeoutMs: 30_000 });
  log(`${servicio} detenido (simulacro de falla)`);
}

export async function iniciarServicio(stack: StackHandle, servicio: ServicioDelStack): Promise<void> {
  comprobarPropio(stack, servicio);
  if (servicio === 'postgres') await startPostgres(stack.config);
  else {
    const pid = servicio === 'temporal' ? await startTemporal(stack.config) : await startImmudb(stack.config, { conservar: true });
    if (!pid) throw new ErrorControlServicio(`otro proceso tomó el puerto de ${servicio} mientras estaba detenido`);
    stack.startedNow[servicio] = pid;
    recordStarted(stack.config, { [servicio]: pid });
  }
  log(`${servicio} de nuevo en marcha (simulacro de falla)`);
}
