import * as os from 'node:os';
import * as path from 'node:path';
import { Client as ClientePg } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { BitacoraImmudb } from '@prep/audit';
import { plantillaDeCorrida, porcentajeOcupado, redondear, repartoCpu, type Corrida, type MedidaOperacion } from '@prep/bench';
import { crearPolitica } from '@prep/domain';
import { NOMBRES_TASAS, percentil, planSimulacro, type TasasSimulacro } from '@prep/simulacro';
import type { Procesos } from '../services/arranque';
import type { PrepAislado } from '../services/aislado';
import { ejecutarSimulacro } from '../simulacro/nucleo';
import { HZ, muestraCpu, pidQueEscucha, statMaquina } from './procesos';

/**
 * The operation part: the simulacro's virtual staff drive the real HTTP API of a PREP of its own
 * (scripts/services/aislado.ts) with every injected fault off — acopio, a CATD scan, two equal
 * captures, CONFIRMAR, publication — at a fixed size and staff. Around the night (first acta sent
 * to last acta final) it samples the CPU of each process tree, the bitácora's transactions and
 * PostgreSQL's written rows; afterwards it reads each corte's time from Temporal.
 */
const SIN_FALLAS = Object.fromEntries(NOMBRES_TASAS.map((t) => [t, 0])) as unknown as TasasSimulacro;

interface Muestra {
  t: number;
  cpu: Record<string, number | null>;
  bench: NodeJS.CpuUsage;
  maquina: ReturnType<typeof statMaquina>;
  txId: number;
  filasPg: number;
}

async function filasEscritas(pg: ClientePg): Promise<number> {
  const r = await pg.query<{ n: string }>(
    'select (tup_inserted + tup_updated + tup_deleted)::text as n from pg_stat_database where datname = current_database()',
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Entries written by the transactions after `desde` up to `hasta` (a transaction may hold several). */
async function entradasEntre(bitacora: BitacoraImmudb, desde: number, hasta: number): Promise<number> {
  let n = 0;
  for (let tx = desde + 1; tx <= hasta;) {
    const txs = await bitacora.txScan(tx, 1000);
    if (!txs.length) break;
    for (const t of txs) if (t.txId <= hasta) n += t.keys.length;
    tx = txs.at(-1)!.txId + 1;
  }
  return n;
}

/** Each corte workflow's time from start to close, as Temporal's visibility recorded it. */
async function tiemposDeCortes(client: Client): Promise<number[]> {
  const ms: number[] = [];
  for await (const w of client.workflow.list({ query: `WorkflowType = 'corteWorkflow' AND ExecutionStatus = 'Completed'` })) {
    if (w.closeTime) ms.push(w.closeTime.getTime() - w.startTime.getTime());
  }
  return ms.sort((a, b) => a - b);
}

export async function medirOperacion(
  c: Corrida,
  prep: PrepAislado,
  procesos: Procesos,
  tokenAdmin: string,
  log: (m: string) => void,
): Promise<MedidaOperacion> {
  const { stack, env } = prep;
  const pids: Record<string, number | null> = {
    API: procesos.pids.api ?? null,
    worker: procesos.pids.worker ?? null,
    Temporal: stack.config.external.temporalAddress ? null : pidQueEscucha(stack.config.ports.temporal),
    PostgreSQL: stack.config.external.databaseUrl ? null : pidQueEscucha(stack.config.ports.postgres),
    immudb: stack.config.external.immudbAddress ? null : pidQueEscucha(stack.config.ports.immudb),
  };
  for (const [k, v] of Object.entries(pids)) if (v === null) log(`  no se mide la CPU de ${k}: externo o sin proceso que escuche en su puerto`);

  const bitacora = await BitacoraImmudb.connect({
    address: env.IMMUDB_ADDRESS!,
    user: env.IMMUDB_USER ?? 'immudb',
    password: env.IMMUDB_PASSWORD ?? 'immudb',
    database: env.IMMUDB_DATABASE!,
    stateDir: path.join(prep.carpeta, 'estado-bench'),
    timeoutMs: 60_000,
  });
  const pg = new ClientePg({ connectionString: prep.databaseUrl });
  await pg.connect();
  const conexion = await Connection.connect({ address: stack.addresses.temporalAddress });
  try {
    const muestra = async (): Promise<Muestra> => ({
      t: performance.now(),
      cpu: muestraCpu(pids),
      bench: process.cpuUsage(),
      maquina: statMaquina(),
      txId: (await bitacora.currentServerState()).txId,
      filasPg: await filasEscritas(pg),
    });
    let inicio: Muestra | undefined;
    let fin: Muestra | undefined;
    const plan = planSimulacro({
      actas: c.actas,
      catds: c.concurrencia,
      semilla: 'bench',
      tasas: SIN_FALLAS,
      politica: crearPolitica(JSON.parse(env.PREP_POLITICA ?? '{}')),
    });
    let ultimoLog = 0;
    const resumen = await ejecutarSimulacro({
      baseUrl: prep.apiUrl,
      tokenAdmin,
      plan,
      // Every acta is at its CATD from the start: the staff, not the arrivals, set the pace.
      ritmo: 1e9,
      personal: plantillaDeCorrida(c),
      dirSalida: prep.carpeta,
      entornoAuditoria: null,
      auditoria: false,
      log: (m) => log(`  ${m}`),
      alProgreso: (p) => {
        if (p.transcurridoMs - ultimoLog < 15_000) return;
        ultimoLog = p.transcurridoMs;
        const k = p.contadores;
        log(
          `  ${Math.round(p.transcurridoMs / 1000)} s: ${k.acopiadas} acopiadas, ${k.digitalizadas} digitalizadas, ${k.capturas} capturas, ${k.decisiones} verificadas, ${k.publicadas} publicadas (${p.fase})`,
        );
      },
      alIniciarJornada: async () => void (inicio = await muestra()),
      alTerminarJornada: async () => void (fin = await muestra()),
    });
    if (!inicio || !fin) throw new Error('el simulacro no llegó a la jornada; revise los mensajes anteriores');
    // pg_stat_database is fed by each backend at most about every 10 s: read the rows again once they have reported.
    await new Promise((r) => setTimeout(r, 11_000));
    const filasFin = await filasEscritas(pg);
    const wallMs = fin.t - inicio.t;
    const segundos = resumen.segundosJornada;
    const entradas = await entradasEntre(bitacora, inicio.txId, fin.txId);
    const msBench = (u: NodeJS.CpuUsage) => ((u.user + u.system) / 1000) * (HZ / 1000);
    const cpu = repartoCpu({
      inicio: { ...inicio.cpu, 'bench (personal virtual)': msBench(inicio.bench) },
      fin: { ...fin.cpu, 'bench (personal virtual)': msBench(fin.bench) },
      hz: HZ,
      wallMs,
      nucleos: os.cpus().length,
      actas: resumen.contadores.publicadas,
    });
    const cortes = await tiemposDeCortes(new Client({ connection: conexion, namespace: prep.namespace }));
    const errores = resumen.errores.total;
    return {
      segundos,
      publicadas: resumen.contadores.publicadas,
      actasPorSegundo: resumen.actasPorSegundo,
      latencias: resumen.tiempos,
      bitacora: {
        transacciones: fin.txId - inicio.txId,
        entradas,
        entradasPorSegundo: segundos > 0 ? redondear(entradas / segundos, 1) : 0,
        entradasPorActa: resumen.contadores.publicadas ? redondear(entradas / resumen.contadores.publicadas, 1) : 0,
      },
      postgres: { filasEscritas: filasFin - inicio.filasPg, filasPorSegundo: segundos > 0 ? redondear((filasFin - inicio.filasPg) / segundos, 1) : 0 },
      cortes: {
        n: cortes.length,
        p50Ms: Math.round(percentil(cortes, 50)),
        maxMs: Math.round(cortes.at(-1) ?? 0),
        totalMs: Math.round(cortes.reduce((a, b) => a + b, 0)),
      },
      cpu,
      maquinaOcupadaPorcentaje: inicio.maquina && fin.maquina ? porcentajeOcupado(inicio.maquina, fin.maquina) : null,
      errores,
      limpio: resumen.contadores.publicadas === plan.actas.length && errores === 0 && resumen.comprobacion?.totalDiferencias === 0,
    };
  } finally {
    bitacora.close();
    await pg.end();
    await conexion.close();
  }
}
