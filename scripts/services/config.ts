import * as path from 'node:path';

/**
 * Where each local service listens and keeps its data, per profile. `dev` is what
 * `npm start` runs; `test` is what jest's global setup runs, on other ports so a
 * running dev stack never receives test data. `cluster` is the production topology
 * on this machine: the Temporal server on PostgreSQL with its Web UI, two workers,
 * two API replicas behind a balancer (built and started only on request).
 */
export const PROFILES = ['dev', 'test', 'cluster'] as const;
export type Profile = (typeof PROFILES)[number];

export function esPerfil(valor: string | undefined): valor is Profile {
  return (PROFILES as readonly string[]).includes(valor ?? '');
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS_BIN = path.join(REPO_ROOT, '.tools', 'bin');

/** Pinned server versions; the binary name carries the version so a bump rebuilds. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
export const IMMUDB_VERSION = '1.1.0';
/** The server inside TEMPORAL_CLI_VERSION, and the Web UI server of the same CLI release. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
export const TEMPORAL_UI_VERSION = '2.42.1';

export interface ServicePorts {
  postgres: number;
  temporal: number;
  temporalHttp: number;
  temporalUi: number;
  temporalMetrics: number;
  immudb: number;
  /** The API; in the cluster profile the balancer, with the replicas on the next ports. */
  api: number;
  /** Cluster only: first of the 7 ports the Temporal server's inner services use (gRPC and membership). */
  temporalInterno: number;
}

const DEFAULT_PORTS: Record<Profile, ServicePorts> = {
  dev: { postgres: 55432, temporal: 7233, temporalHttp: 7243, temporalUi: 8233, temporalMetrics: 7253, immudb: 3322, api: 3000, temporalInterno: 0 },
  test: { postgres: 55442, temporal: 7235, temporalHttp: 7245, temporalUi: 8235, temporalMetrics: 7255, immudb: 3332, api: 0, temporalInterno: 0 },
  cluster: {
    postgres: 55452,
    temporal: 7263,
    temporalHttp: 7273,
    temporalUi: 8263,
    temporalMetrics: 7283,
    immudb: 3352,
    api: 3100,
    temporalInterno: 7290,
  },
};

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}=${raw} no es un puerto válido (0–65535)`);
  }
  return port;
}

export interface StackConfig {
  profile: Profile;
  dataDir: string;
  ports: ServicePorts;
  /** Set when the service lives elsewhere: the scripts then start nothing for it. */
  external: { databaseUrl?: string; temporalAddress?: string; immudbAddress?: string };
  databaseName: string;
  /** Worker processes and API replicas (1 and 1 except in the cluster profile). */
  replicas: { workers: number; apis: number };
}

export function stackConfig(profile: Profile): StackConfig {
  const defaults = DEFAULT_PORTS[profile];
  const prefix = profile === 'test' ? 'PREP_TEST_' : 'PREP_';
  return {
    profile,
    dataDir: path.join(REPO_ROOT, '.data', profile),
    ports: {
      postgres: envPort(`${prefix}PG_PORT`, defaults.postgres),
      temporal: envPort(`${prefix}TEMPORAL_PORT`, defaults.temporal),
      temporalHttp: envPort(`${prefix}TEMPORAL_HTTP_PORT`, defaults.temporalHttp),
      temporalUi: envPort(`${prefix}TEMPORAL_UI_PORT`, defaults.temporalUi),
      temporalMetrics: envPort(`${prefix}TEMPORAL_METRICS_PORT`, defaults.temporalMetrics),
      immudb: envPort(`${prefix}IMMUDB_PORT`, defaults.immudb),
      api: envPort('PORT', defaults.api),
      temporalInterno: envPort(`${prefix}TEMPORAL_INTERNAL_PORT`, defaults.temporalInterno),
    },
    external: {
      databaseUrl: process.env.DATABASE_URL || undefined,
      temporalAddress: process.env.TEMPORAL_ADDRESS || undefined,
      immudbAddress: process.env.IMMUDB_ADDRESS || undefined,
    },
    databaseName: profile === 'test' ? 'prep_test' : 'prep',
    replicas: profile === 'cluster' ? { workers: envReplicas('PREP_CLUSTER_WORKERS'), apis: envReplicas('PREP_CLUSTER_APIS') } : { workers: 1, apis: 1 },
  };
}

/** Two of each by default: the fewest that show a replica dying while the other carries on. */
function envReplicas(name: string): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return 2;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`${name}=${raw} no es válido: indique de 1 a 8 réplicas`);
  return n;
}

/** The API replicas' ports: the balancer's (ports.api) plus 1..n in the cluster profile, ports.api alone otherwise. */
export function puertosApi(cfg: StackConfig): number[] {
  if (cfg.profile !== 'cluster') return [cfg.ports.api];
  return Array.from({ length: cfg.replicas.apis }, (_, i) => cfg.ports.api + 1 + i);
}

/** The addresses clients should use, whether the service is ours or external. */
export function serviceAddresses(cfg: StackConfig) {
  return {
    databaseUrl: cfg.external.databaseUrl ?? `postgres://postgres@127.0.0.1:${cfg.ports.postgres}/${cfg.databaseName}`,
    temporalAddress: cfg.external.temporalAddress ?? `127.0.0.1:${cfg.ports.temporal}`,
    immudbAddress: cfg.external.immudbAddress ?? `127.0.0.1:${cfg.ports.immudb}`,
    temporalUiUrl: cfg.external.temporalAddress ? undefined : `http://127.0.0.1:${cfg.ports.temporalUi}`,
  };
}
