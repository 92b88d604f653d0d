import type { StackConfig } from './config';

/**
 * The configuration files of the cluster profile's Temporal server and Web UI server, as plain
 * objects (written as YAML by temporal-cluster.ts). Pure, so a unit test can read the topology.
 */

/**
 * History shards are Temporal's unit of history ownership and locking, fixed when the cluster's
 * database is created (changing them means a new cluster). Each shard polls its queues in PostgreSQL
 * even when idle, so on a 2-core box few is better: 8 lets up to 8 history processes share the work
 * later and is far below what a state PREP's ~50 workflow transitions/s need per shard. A national
 * deployment picks 512+ up front (see the README's scaling notes).
 */
export const HISTORY_SHARDS = 8;

/** The databases Temporal keeps on the project's PostgreSQL, apart from the PREP's own. */
export const TEMPORAL_DATABASES = { historia: 'temporal', visibilidad: 'temporal_visibility' } as const;

export interface PostgresDeTemporal {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The 7 inner ports from ports.temporalInterno: history/matching/worker gRPC, then the 4 membership ports. */
export function puertosInternos(base: number) {
  return {
    historyGrpc: base,
    matchingGrpc: base + 1,
    workerGrpc: base + 2,
    frontendMembership: base + 3,
    historyMembership: base + 4,
    matchingMembership: base + 5,
    workerMembership: base + 6,
  };
}

function almacen(pg: PostgresDeTemporal, databaseName: string, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${pg.host}:${pg.port}`,
      connectProtocol: 'tcp',
      user: pg.user,
      password: pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/**
 * One process runs frontend, history, matching and worker (Temporal's own single-binary mode):
 * on one machine separate processes only add gRPC hops and memory; the services still talk through
 * their own ports and membership ring, so a larger deployment runs the same file per service with
 * `--service history` and so on. Every port binds to 127.0.0.1.
 */
export function configuracionServidorTemporal(cfg: StackConfig, pg: PostgresDeTemporal, dynamicConfigPath: string) {
  const ip = '127.0.0.1';
  const p = puertosInternos(cfg.ports.temporalInterno);
  const frontend = `${ip}:${cfg.ports.temporal}`;
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      // Per service and store: 4 services × (10 + 4) stays well under PostgreSQL's max_connections (200).
      datastores: {
        'postgres-default': almacen(pg, TEMPORAL_DATABASES.historia, 10),
        'postgres-visibility': almacen(pg, TEMPORAL_DATABASES.visibilidad, 4),
      },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: ip },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `${ip}:${cfg.ports.temporalMetrics}` } },
    },
    services: {
      frontend: { rpc: { grpcPort: cfg.ports.temporal, membershipPort: p.frontendMembership, bindOnIP: ip, httpPort: cfg.ports.temporalHttp } },
      history: { rpc: { grpcPort: p.historyGrpc, membershipPort: p.historyMembership, bindOnIP: ip } },
      matching: { rpc: { grpcPort: p.matchingGrpc, membershipPort: p.matchingMembership, bindOnIP: ip } },
      worker: { rpc: { grpcPort: p.workerGrpc, membershipPort: p.workerMembership, bindOnIP: ip } },
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend, httpAddress: `${ip}:${cfg.ports.temporalHttp}` },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigPath, pollInterval: '10s' },
  };
}

/**
 * What the PREP relies on, stated even where 1.29's default already agrees: Updates (every staff
 * action) and update-with-start (acopio) must stay on whatever a later default says.
 */
export function configuracionDinamica() {
  const activo = [{ value: true, constraints: {} }];
  return {
    'frontend.enableUpdateWorkflowExecution': activo,
    'frontend.enableExecuteMultiOperation': activo,
  };
}

/** The Web UI server, on its own port, talking gRPC to the frontend; read-write for the operador. */
export function configuracionUi(cfg: StackConfig) {
  return {
    temporalGrpcAddress: `127.0.0.1:${cfg.ports.temporal}`,
    host: '127.0.0.1',
    port: cfg.ports.temporalUi,
    enableUi: true,
    publicPath: '',
    defaultNamespace: 'default',
    refreshInterval: '1m',
    notifyOnNewVersion: false,
    showTemporalSystemNamespace: false,
    cors: { cookieInsecure: true, allowOrigins: [`http://127.0.0.1:${cfg.ports.temporalUi}`, `http://localhost:${cfg.ports.temporalUi}`] },
    auth: { enabled: false },
  };
}
