import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { stringify } from 'yaml';
import { Connection } from '@temporalio/client';
import { registrarSearchAttributes } from '../../workflows/src/registro-search-attributes';
import { SEARCH_ATTRIBUTE_NAMES } from '../../workflows/src/search-attributes';
import { StackConfig } from './config';
import { ensureTemporalServer, ensureTemporalUi } from './go-build';
import { isPidAlive, isPortOpen, log, run, spawnDetached, tail, waitFor } from './proc';
import { configuracionDinamica, configuracionServidorTemporal, configuracionUi, PostgresDeTemporal, TEMPORAL_DATABASES } from './temporal-cluster-config';
import { ensureNamespace, temporalAnswers } from './temporal';

/**
 * The cluster profile's Temporal: the server (not the dev server) on the project's PostgreSQL, its
 * schema laid by Temporal's own SQL tool from the versioned files embedded in that tool, the
 * `default` namespace with the PREP's search attributes, and the Web UI server beside it.
 */

function postgresDeTemporal(databaseUrl: string): PostgresDeTemporal {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

async function consultar<T>(pg: PostgresDeTemporal, database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Creates both databases and brings their schema to the tool's newest version; a second run changes nothing. */
async function prepararEsquema(sqlTool: string, pg: PostgresDeTemporal): Promise<void> {
  const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, ...(pg.password ? ['--pw', pg.password] : [])];
  for (const [database, schemaName] of [
    [TEMPORAL_DATABASES.historia, 'postgresql/v12/temporal'],
    [TEMPORAL_DATABASES.visibilidad, 'postgresql/v12/visibility'],
  ] as const) {
    const existe = await consultar(pg, 'postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existe.length === 0) run(sqlTool, [...base, '--db', database, 'create-database']);
    const versionada = await consultar(pg, database, "SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_version'");
    if (versionada.length === 0) run(sqlTool, [...base, '--db', database, 'setup-schema', '-v', '0.0']);
    // Applies only the versioned steps missing since the last run (the tool records each in schema_version).
    run(sqlTool, [...base, '--db', database, 'update-schema', '--schema-name', schemaName]);
    const [{ curr_version }] = await consultar<{ curr_version: string }>(pg, database, 'SELECT curr_version FROM schema_version');
    log(`esquema de Temporal en la base ${database}: versión ${curr_version}`);
  }
}

/**
 * SQL visibility learns a namespace's search attributes through its namespace cache (refreshed every
 * ~10 s): wait until a query naming them is accepted, so no workflow start is refused in between.
 */
async function esperarSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    await registrarSearchAttributes(connection, namespace);
    const query = SEARCH_ATTRIBUTE_NAMES.map((n) => `${n} = 'x'`).join(' AND ');
    await waitFor(
      `atributos de búsqueda en ${namespace}`,
      async () => {
        await connection.workflowService.countWorkflowExecutions({ namespace, query });
        return true;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  } finally {
    await connection.close();
  }
}

/** A namespace ready for the PREP's workers on this server: registered, with its search attributes usable. */
export async function prepararNamespaceCluster(address: string, namespace: string): Promise<void> {
  await ensureNamespace(address, namespace);
  await esperarSearchAttributes(address, namespace);
}

export async function startTemporalCluster(cfg: StackConfig, databaseUrl: string): Promise<number | undefined> {
  const address = `127.0.0.1:${cfg.ports.temporal}`;
  if (await isPortOpen(cfg.ports.temporal)) {
    log(`Temporal ya responde en ${address}: se reutiliza`);
    return undefined;
  }
  const { server, sqlTool } = await ensureTemporalServer();
  const pg = postgresDeTemporal(databaseUrl);
  await prepararEsquema(sqlTool, pg);

  const root = path.join(cfg.dataDir, 'temporal-server');
  fs.mkdirSync(path.join(root, 'config'), { recursive: true });
  const dynamicConfig = path.join(root, 'config', 'dynamicconfig.yaml');
  fs.writeFileSync(dynamicConfig, stringify(configuracionDinamica()));
  fs.writeFileSync(path.join(root, 'config', 'cluster.yaml'), stringify(configuracionServidorTemporal(cfg, pg, dynamicConfig)));
  const logFile = path.join(cfg.dataDir, 'logs', 'temporal-server.log');
  // No authorizer: every port binds to 127.0.0.1 here; a real deployment adds mTLS and an authorizer.
  const pid = spawnDetached(server, ['--root', root, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'], logFile);
  try {
    await waitFor('servidor de Temporal', () => temporalAnswers(address, 'temporal-system'), { isAlive: () => isPidAlive(pid), timeoutMs: 180_000 });
    await prepararNamespaceCluster(address, 'default');
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`, { cause: err });
  }
  log(`servidor de Temporal ${path.basename(server)} en ${address} (PostgreSQL ${pg.host}:${pg.port}, registro: ${logFile})`);
  return pid;
}

/** The Web UI server; if it cannot be built or started the cluster still runs, without the UI. */
export async function startTemporalUi(cfg: StackConfig): Promise<number | undefined> {
  if (await isPortOpen(cfg.ports.temporalUi)) {
    log(`la interfaz de Temporal ya responde en el puerto ${cfg.ports.temporalUi}: se reutiliza`);
    return undefined;
  }
  const logFile = path.join(cfg.dataDir, 'logs', 'temporal-ui.log');
  try {
    const binary = await ensureTemporalUi();
    const root = path.join(cfg.dataDir, 'temporal-ui');
    fs.mkdirSync(path.join(root, 'config'), { recursive: true });
    fs.writeFileSync(path.join(root, 'config', 'cluster.yaml'), stringify(configuracionUi(cfg)));
    const pid = spawnDetached(binary, ['--root', root, '--config', 'config', '--env', 'cluster', 'start'], logFile);
    await waitFor('interfaz de Temporal', () => isPortOpen(cfg.ports.temporalUi), { isAlive: () => isPidAlive(pid), timeoutMs: 30_000 });
    log(`interfaz de Temporal en http://127.0.0.1:${cfg.ports.temporalUi}`);
    return pid;
  } catch (err) {
    log(`la interfaz de Temporal no arrancó (el resto del clúster sigue): ${(err as Error).message}\n${tail(logFile)}`);
    return undefined;
  }
}
