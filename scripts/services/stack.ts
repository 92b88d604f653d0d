import * as fs from 'node:fs';
import * as path from 'node:path';
import { Profile, serviceAddresses, StackConfig, stackConfig } from './config';
import { startImmudb } from './immudb';
import { ensureDatabase, startPostgres, stopPostgres } from './postgres';
import { isPidAlive, log, stopPid } from './proc';
import { startTemporal } from './temporal';
import { startTemporalCluster, startTemporalUi } from './temporal-cluster';

/**
 * Brings the three services up idempotently and remembers what *this* call
 * started, so `down` stops exactly that and never a server someone else runs.
 */
export interface Started {
  postgres?: boolean;
  temporal?: number;
  immudb?: number;
  /** Cluster profile: the Web UI server (the dev server serves its own UI). */
  temporalUi?: number;
}

const stateFile = (cfg: StackConfig) => path.join(cfg.dataDir, 'started.json');

function readStarted(cfg: StackConfig): Started {
  try {
    return JSON.parse(fs.readFileSync(stateFile(cfg), 'utf8')) as Started;
  } catch {
    return {};
  }
}

function writeStarted(cfg: StackConfig, started: Started): void {
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  fs.writeFileSync(stateFile(cfg), JSON.stringify(started, null, 2));
}

/** Updates the record of what these scripts started (a service restarted under a new pid). */
export function recordStarted(cfg: StackConfig, patch: Started): void {
  writeStarted(cfg, Object.assign(readStarted(cfg), patch));
}

export interface StackHandle {
  config: StackConfig;
  addresses: ReturnType<typeof serviceAddresses>;
  /** What this very call started (the rest was already running or is external). */
  startedNow: Started;
}

export async function up(profile: Profile): Promise<StackHandle> {
  const cfg = stackConfig(profile);
  const started = readStarted(cfg);
  const startedNow: Started = {};
  const remember = (patch: Started) => {
    Object.assign(startedNow, patch);
    writeStarted(cfg, Object.assign(started, patch));
  };
  const addresses = serviceAddresses(cfg);

  if (cfg.external.databaseUrl) log('PostgreSQL externo (DATABASE_URL)');
  else if (await startPostgres(cfg)) remember({ postgres: true });
  await ensureDatabase(addresses.databaseUrl);

  if (cfg.external.immudbAddress) log(`immudb externo en ${cfg.external.immudbAddress}`);
  else {
    const pid = await startImmudb(cfg);
    if (pid) remember({ immudb: pid });
  }

  if (cfg.external.temporalAddress) log(`Temporal externo en ${cfg.external.temporalAddress}`);
  else if (profile === 'cluster') {
    const pid = await startTemporalCluster(cfg, addresses.databaseUrl);
    if (pid) remember({ temporal: pid });
    const ui = await startTemporalUi(cfg);
    if (ui) remember({ temporalUi: ui });
  } else {
    const pid = await startTemporal(cfg);
    if (pid) remember({ temporal: pid });
  }
  return { config: cfg, addresses, startedNow };
}

/** Stops what these scripts started (all of it, or only `only`, e.g. what one test run started). */
export async function down(profile: Profile, only?: Started): Promise<void> {
  const cfg = stackConfig(profile);
  const recorded = readStarted(cfg);
  const started = only ?? recorded;
  if (started.temporalUi) await stopPid(started.temporalUi, 'interfaz de Temporal');
  if (started.temporal) await stopPid(started.temporal, 'Temporal');
  if (started.immudb) await stopPid(started.immudb, 'immudb');
  if (started.postgres) await stopPostgres(cfg);
  if (started.temporal || started.immudb || started.postgres || started.temporalUi) log(`servicios del perfil ${profile} detenidos`);
  else log(`nada que detener en el perfil ${profile} (solo se detiene lo que estos scripts iniciaron)`);
  const remaining: Started = {
    postgres: started.postgres ? undefined : recorded.postgres,
    temporal: started.temporal ? undefined : recorded.temporal,
    immudb: started.immudb ? undefined : recorded.immudb,
    temporalUi: started.temporalUi ? undefined : recorded.temporalUi,
  };
  if (remaining.postgres || remaining.temporal || remaining.immudb || remaining.temporalUi) writeStarted(cfg, remaining);
  else fs.rmSync(stateFile(cfg), { force: true });
}

export function status(profile: Profile): Record<string, string> {
  const cfg = stackConfig(profile);
  const started = readStarted(cfg);
  const pidState = (pid?: number) => (pid ? (isPidAlive(pid) ? `en ejecución (pid ${pid})` : 'terminado') : 'no iniciado aquí');
  return {
    postgres: cfg.external.databaseUrl ? 'externo' : started.postgres ? 'iniciado aquí' : 'no iniciado aquí',
    temporal: cfg.external.temporalAddress ? 'externo' : pidState(started.temporal),
    immudb: cfg.external.immudbAddress ? 'externo' : pidState(started.immudb),
    ...(profile === 'cluster' ? { temporalUi: pidState(started.temporalUi) } : {}),
  };
}
