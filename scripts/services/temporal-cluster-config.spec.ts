import { puertosApi, stackConfig } from './config';
import { configuracionDinamica, configuracionServidorTemporal, configuracionUi, HISTORY_SHARDS, puertosInternos } from './temporal-cluster-config';

describe('the cluster profile (Temporal server on PostgreSQL, replicas behind a balancer)', () => {
  const pg = { host: '127.0.0.1', port: 55452, user: 'postgres', password: '' };

  it('runs frontend, history, matching and worker on PostgreSQL with a few history shards, every port distinct', () => {
    const cfg = stackConfig('cluster');
    const c = configuracionServidorTemporal(cfg, pg, '/x/dynamicconfig.yaml');
    expect(c.persistence.numHistoryShards).toBe(HISTORY_SHARDS);
    expect(HISTORY_SHARDS).toBeGreaterThanOrEqual(4);
    expect(HISTORY_SHARDS).toBeLessThanOrEqual(16);
    expect(Object.keys(c.services).sort()).toEqual(['frontend', 'history', 'matching', 'worker']);
    expect(c.persistence.datastores['postgres-default'].sql).toMatchObject({
      pluginName: 'postgres12',
      databaseName: 'temporal',
      connectAddr: '127.0.0.1:55452',
    });
    expect(c.persistence.datastores['postgres-visibility'].sql).toMatchObject({ pluginName: 'postgres12', databaseName: 'temporal_visibility' });
    for (const s of Object.values(c.services)) expect(s.rpc.bindOnIP).toBe('127.0.0.1');

    const usados = [
      ...Object.values(cfg.ports).filter((p) => p !== cfg.ports.temporalInterno),
      ...Object.values(puertosInternos(cfg.ports.temporalInterno)),
      ...puertosApi(cfg),
    ];
    expect(new Set(usados).size).toBe(usados.length);
  });

  it('keeps Updates and update-with-start on, which every staff action and the acopio use', () => {
    expect(configuracionDinamica()).toMatchObject({
      'frontend.enableUpdateWorkflowExecution': [{ value: true }],
      'frontend.enableExecuteMultiOperation': [{ value: true }],
    });
  });

  it('points the Web UI at the frontend, on its own port', () => {
    const cfg = stackConfig('cluster');
    expect(configuracionUi(cfg)).toMatchObject({ temporalGrpcAddress: `127.0.0.1:${cfg.ports.temporal}`, port: cfg.ports.temporalUi, enableUi: true });
  });

  it('puts two API replicas on the ports after the balancer, and refuses a replica count out of range', () => {
    const antes = { ...process.env };
    try {
      process.env.PORT = '3744';
      expect(puertosApi(stackConfig('cluster'))).toEqual([3745, 3746]);
      expect(puertosApi(stackConfig('dev'))).toEqual([3744]);
      process.env.PREP_CLUSTER_WORKERS = '0';
      expect(() => stackConfig('cluster')).toThrow('PREP_CLUSTER_WORKERS=0 no es válido');
    } finally {
      process.env = antes;
    }
  });
});
