import * as fs from 'node:fs';
import * as path from 'node:path';
import { Pool } from 'pg';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { enVuelo, trabajoDeReferencia, type Corrida, type MedidaReferencia } from '@prep/bench';
import { resumirTiempos } from '@prep/simulacro';
import { PASOS_DESNUDOS, pasoDesnudo, type ActividadesDesnudas } from './workflow-desnudo';

/**
 * The floors measured in the same run as the operation, on the same servers and at the same
 * concurrency: a bare Temporal workflow of the acta's shape (regular and local activities), a bare
 * immudb verifiedSet loop and a bare PostgreSQL upsert loop. What the project cannot beat without
 * changing the servers; its rates divided by these say how far from them it is.
 */
interface Lugar {
  temporalAddress: string;
  namespace: string;
  immudbAddress: string;
  databaseUrl: string;
  /** Names the bare workflow's task queue and the immudb database of the floor. */
  id: string;
  carpeta: string;
}

/** `total` calls of `f`, `concurrencia` at a time; each failure is counted, the first one kept. */
async function enParalelo(
  total: number,
  concurrencia: number,
  f: (i: number) => Promise<void>,
): Promise<{ segundos: number; errores: number; primerError?: string }> {
  let siguiente = 0;
  let errores = 0;
  let primerError: string | undefined;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrencia, total) }, async () => {
      while (siguiente < total) {
        const i = siguiente++;
        try {
          await f(i);
        } catch (err) {
          errores++;
          primerError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { segundos: (performance.now() - t0) / 1000, errores, primerError };
}

class Tiempos {
  private readonly m = new Map<string, number[]>();
  async medir<T>(nombre: string, f: () => Promise<T>): Promise<T> {
    const t = performance.now();
    const r = await f();
    let l = this.m.get(nombre);
    if (!l) this.m.set(nombre, (l = []));
    l.push(performance.now() - t);
    return r;
  }
  resumen() {
    return Object.fromEntries([...this.m].map(([k, v]) => [k, resumirTiempos(v)]));
  }
}

function medida(
  nombre: string,
  unidad: string,
  operaciones: number,
  r: Awaited<ReturnType<typeof enParalelo>>,
  t: Tiempos,
  log: (m: string) => void,
): MedidaReferencia {
  const porSegundo = r.segundos > 0 ? Math.round(((operaciones - r.errores) / r.segundos) * 100) / 100 : 0;
  log(
    `  ${nombre}: ${operaciones} ${unidad} en ${r.segundos.toFixed(1)} s (${porSegundo}/s)${r.errores ? `, ${r.errores} errores; el primero: ${r.primerError}` : ''}`,
  );
  return { nombre, unidad, operaciones, segundos: Math.round(r.segundos * 10) / 10, porSegundo, latencias: t.resumen(), errores: r.errores };
}

let runtimeInstalado = false;

/** The acta's shape on bare Temporal: a worker of this process on its own task queue, both activity kinds. */
async function referenciasTemporal(l: Lugar, actas: number, concurrencia: number, log: (m: string) => void): Promise<MedidaReferencia[]> {
  if (!runtimeInstalado) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalado = true;
  }
  const taskQueue = `bench-desnudo-${l.id}`;
  const actividades: ActividadesDesnudas = { transicionDesnuda: async () => undefined };
  const nativa = await NativeConnection.connect({ address: l.temporalAddress });
  const conexion = await Connection.connect({ address: l.temporalAddress });
  const client = new Client({ connection: conexion, namespace: l.namespace });
  try {
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflow-desnudo'), logger: new DefaultLogger('WARN') });
    const worker = await Worker.create({ connection: nativa, namespace: l.namespace, taskQueue, workflowBundle: { code }, activities: actividades });
    const medidas: MedidaReferencia[] = [];
    await worker.runUntil(async () => {
      for (const [nombre, tipo] of [
        ['temporal', 'actaDesnuda'],
        ['temporalLocal', 'actaDesnudaLocal'],
      ] as const) {
        const t = new Tiempos();
        const r = await enParalelo(actas, concurrencia, async (i) => {
          const inicio = new WithStartWorkflowOperation(tipo, { workflowId: `${tipo}-${l.id}-${i}`, taskQueue, workflowIdConflictPolicy: 'FAIL' });
          await t.medir('inicio + paso 1 (update-with-start)', () =>
            client.workflow.executeUpdateWithStart(pasoDesnudo, { args: [1], startWorkflowOperation: inicio }),
          );
          const handle = await inicio.workflowHandle();
          for (let n = 2; n <= PASOS_DESNUDOS; n++) await t.medir('paso 2–5 (update)', () => handle.executeUpdate(pasoDesnudo, { args: [n] }));
          await handle.result();
        });
        medidas.push(medida(nombre, 'actas', actas, r, t, log));
      }
    });
    return medidas;
  } finally {
    await conexion.close();
    await nativa.close();
  }
}

/**
 * One bitácora-sized JSON value per call, immudb-node's own verifiedSet on one client (as the worker
 * shares one): the bare floor. Not BitacoraImmudb, whose group commit batches concurrent writes into
 * one transaction — the floor must be what a plain client gets, one proven transaction per write.
 */
async function referenciaImmudb(l: Lugar, operaciones: number, concurrencia: number, log: (m: string) => void): Promise<MedidaReferencia> {
  const [host, port] = l.immudbAddress.split(':');
  fs.mkdirSync(path.join(l.carpeta, 'estado-referencia'), { recursive: true });
  // immudb-node's state store installs exit/SIGINT/uncaughtException handlers; the bench keeps its own.
  const antes = new Map(EVENTOS_PROCESO.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings are empty
  const ImmudbClient = require('immudb-node').default;
  // A database and trusted state of each pass's own: the floor runs before and after the night.
  const database = `benchref${l.id}${Date.now().toString(36)}`;
  const cliente = new ImmudbClient({ host, port, rootPath: path.join(l.carpeta, 'estado-referencia', `${database}.json`) });
  for (const e of EVENTOS_PROCESO) for (const f of process.listeners(e as 'exit')) if (!antes.get(e)!.has(f)) process.removeListener(e, f);
  try {
    await cliente.login({ user: process.env.IMMUDB_USER ?? 'immudb', password: process.env.IMMUDB_PASSWORD ?? 'immudb' });
    await cliente.createDatabase({ databasename: database });
    await cliente.useDatabase({ databasename: database });
    await cliente.health();
    const relleno = 'x'.repeat(400);
    const t = new Tiempos();
    const r = await enParalelo(operaciones, concurrencia, async (i) => {
      await t.medir('verifiedSet', async () => {
        const hecho = await cliente.verifiedSet({
          key: `referencia/${i}`,
          value: JSON.stringify({ i, tipo: 'REFERENCIA', fechaHora: new Date().toISOString(), relleno }),
        });
        // immudb-node resolves undefined (or never) when a proof fails: a floor must not count those.
        if (!hecho) throw new Error('verifiedSet sin prueba');
      });
    });
    return medida('immudb', 'verifiedSet', operaciones, r, t, log);
  } finally {
    cliente.client?.close?.();
  }
}

const EVENTOS_PROCESO = ['exit', 'SIGINT', 'uncaughtException'] as const;

/** An acta-row-sized jsonb upsert per call, every key written `operaciones / actas` times as the projection does. */
async function referenciaPostgres(l: Lugar, operaciones: number, actas: number, concurrencia: number, log: (m: string) => void): Promise<MedidaReferencia> {
  const pool = new Pool({ connectionString: l.databaseUrl, max: concurrencia });
  const tabla = `bench_referencia_${l.id}`;
  try {
    await pool.query(`create table ${tabla} (clave text primary key, estado jsonb not null, version int not null)`);
    const estado = JSON.stringify({ valores: Object.fromEntries(Array.from({ length: 40 }, (_, k) => [`CAMPO_${k}`, k])), relleno: 'x'.repeat(600) });
    const t = new Tiempos();
    const r = await enParalelo(operaciones, concurrencia, async (i) => {
      await t.medir('upsert', () =>
        pool.query(
          `insert into ${tabla} (clave, estado, version) values ($1, $2, 1) on conflict (clave) do update set estado = excluded.estado, version = ${tabla}.version + 1`,
          [`acta-${i % actas}`, estado],
        ),
      );
    });
    return medida('postgres', 'upsert', operaciones, r, t, log);
  } finally {
    await pool.query(`drop table if exists ${tabla}`).catch(() => undefined);
    await pool.end();
  }
}

/** The four floors in sequence, each alone on the servers (how much work each does: trabajoDeReferencia). */
export async function medirReferencias(l: Lugar, c: Corrida, log: (m: string) => void): Promise<MedidaReferencia[]> {
  const { actas, escrituras } = trabajoDeReferencia(c);
  const concurrencia = enVuelo(c);
  log(`líneas base: ${actas} actas, ${escrituras} escrituras, ${concurrencia} en vuelo…`);
  const temporal = await referenciasTemporal(l, actas, concurrencia, log);
  const immudb = await referenciaImmudb(l, escrituras, concurrencia, log);
  const postgres = await referenciaPostgres(l, escrituras, actas, concurrencia, log);
  return [...temporal, immudb, postgres];
}
