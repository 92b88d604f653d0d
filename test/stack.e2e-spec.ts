import request from 'supertest';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ormConfig, Usuario } from '@prep/persistence';
import { TemporalService } from '@prep/api';
import { Harness, startHarness } from './support/harness';

describe('the real stack (PostgreSQL, Temporal, immudb) behind the API', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('GET /health reports PostgreSQL, Temporal and immudb up', async () => {
    const res = await request(h.app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.info.temporal.status).toBe('up');
    expect(res.body.info.immudb.status).toBe('up');
    expect(res.body.info.immudb.version).toBeTruthy();
  });

  it('a workflow started by the API client is completed by the worker', async () => {
    const temporal = h.app.get(TemporalService);
    const result = await temporal.client.workflow.execute('diagnostico', {
      taskQueue: temporal.taskQueue,
      workflowId: `diagnostico-${randomUUID()}`,
      args: ['hola PREP'],
    });
    expect(result).toBe('eco: hola PREP');
  });

  it('serves the OpenAPI document', async () => {
    const res = await request(h.app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(res.body.paths['/health']).toBeDefined();
  });

  it('the Temporal Web UI answers HTTP 200', async () => {
    const ui = process.env.TEMPORAL_UI_URL;
    if (!ui) return; // external Temporal: the UI is not ours to check
    const res = await fetch(ui);
    expect(res.status).toBe(200);
  });

  it('unknown routes get a Spanish JSON error, not a stack trace', async () => {
    const res = await request(h.app.getHttpServer()).get('/no-existe').expect(404);
    expect(res.body).toEqual({ codigo: 'NO_ENCONTRADO', mensaje: expect.stringMatching(/no existe/) });
  });
});

describe('PostgreSQL after the project migrations', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig({ databaseUrl: process.env.DATABASE_URL!, poolMax: 2 }));
  });
  afterAll(async () => {
    await orm?.close(true);
  });

  it('has applied every migration and the schema matches the entities exactly', async () => {
    const pending = await orm.getMigrator().getPendingMigrations();
    expect(pending).toEqual([]);
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('writes and reads an entity, and enforces the unique user name', async () => {
    const em = orm.em.fork();
    const nombreUsuario = `capturista-${randomUUID().slice(0, 8)}`;
    em.create(Usuario, {
      id: randomUUID(),
      nombreUsuario,
      nombreCompleto: 'Persona de Prueba',
      passwordHash: 'x'.repeat(60),
      roles: ['capturista'],
      catd: 'CATD-01',
    });
    await em.flush();
    const read = await orm.em.fork().findOneOrFail(Usuario, { nombreUsuario });
    expect(read.roles).toEqual(['capturista']);
    expect(read.activo).toBe(true);
    const dup = orm.em.fork();
    dup.create(Usuario, { id: randomUUID(), nombreUsuario, nombreCompleto: 'Otra', passwordHash: 'y', roles: [] });
    await expect(dup.flush()).rejects.toThrow(/unique|duplicate/i);
  });
});
