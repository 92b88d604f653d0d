import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  corridasDe,
  enVuelo,
  ErrorOpcionesBench,
  PARTES,
  parsearPartes,
  TAMANOS,
  combinarPasadas,
  textoComparacion,
  textoResultado,
  type Maquina,
  type MedidaReferencia,
  type Parte,
  type ResultadoBench,
  type ResultadoCorrida,
} from '@prep/bench';
import { medirCorteCsv } from './bench/corte-csv';
import { medirOperacion } from './bench/operacion';
import { medirReferencias } from './bench/referencias';
import { medirVerificacion } from './bench/verificacion';
import { ejecutarCli, ErrorDeUso } from './cli';
import type { Procesos } from './services/arranque';
import { arrancarPrepAislado, prepararPrepAislado } from './services/aislado';
import { compilar } from './services/arranque';
import { REPO_ROOT } from './services/config';
import { down, type Started } from './services/stack';

/**
 * `npm run bench`: the benchmark of the whole operation. Its parts: `operacion` (the simulacro's
 * virtual staff over the real HTTP API of a PREP of its own, faults off), `referencias` (the floors
 * on the same servers at the same concurrency: bare Temporal workflow with regular and local
 * activities, bare immudb verifiedSet, bare PostgreSQL upsert), and the earlier ones, `corte` (the
 * CSV of 20,000 actas, no services) and `verificacion` (the auditor's full check over seeded actas).
 */
const AYUDA = `Uso:
  npm run bench -- [--partes ${PARTES.join(',')}] [--tamano chico|grande] [--actas N --concurrencia C] [--linea-base]

  --partes        partes a medir, separadas por comas (por omisión: operacion,referencias)
                    operacion    personal virtual del simulacro sobre la API real, sin fallas inyectadas
                    referencias  líneas base en el mismo servidor y a la misma concurrencia
                    corte        el CSV de un corte de 20,000 actas (sin servicios; BENCH_ACTAS_CORTE)
                    verificacion la verificación completa del auditor sobre actas sembradas (BENCH_ACTAS)
  --tamano        chico (${TAMANOS.chico.map((c) => `${c.actas} actas × ${c.concurrencia}`).join(', ')}; por omisión)
                  grande (${TAMANOS.grande.map((c) => `${c.actas} actas × ${c.concurrencia}`).join(', ')})
  --actas         actas de una sola corrida (en lugar de --tamano)
  --concurrencia  CATD de la corrida: por CATD un acopiador, un digitalizador, 2 capturistas y 1 verificador
  --linea-base    además escribe bench/linea-base.json (la referencia que se versiona)

Usa los servicios de npm start (puertos PREP_PG_PORT, PREP_TEMPORAL_PORT, PREP_IMMUDB_PORT, PORT para la
API) y da a cada corrida su propia base de PostgreSQL, base de immudb y namespace de Temporal.
El resultado queda en .data/bench/resultado-<fecha>.json.`;

const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);

function maquina(): Maquina {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'desconocida',
    nucleos: cpus.length,
    memoriaGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sistema: `${os.type()} ${os.release()}`,
  };
}

function commit(): string | null {
  try {
    const id = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const sucio = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return sucio ? `${id}+cambios` : id;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      partes: { type: 'string' },
      tamano: { type: 'string' },
      actas: { type: 'string' },
      concurrencia: { type: 'string' },
      'linea-base': { type: 'boolean' },
      ayuda: { type: 'boolean', short: 'h' },
    },
  });
  if (values.ayuda) {
    console.log(AYUDA);
    return 0;
  }
  if (positionals.length) throw new ErrorDeUso(`argumento no reconocido: '${positionals.join(' ')}'`);
  let partes: Parte[];
  let corridas;
  try {
    partes = parsearPartes(values.partes);
    corridas = corridasDe(values);
  } catch (err) {
    if (err instanceof ErrorOpcionesBench) throw new ErrorDeUso(err.message);
    throw err;
  }

  const resultado: ResultadoBench = { version: 1, fecha: new Date().toISOString(), maquina: maquina(), commit: commit(), partes, corridas: [], otras: {} };
  const cargaInicio = os.loadavg()[0];
  if (partes.includes('corte')) Object.assign(resultado.otras, await medirCorteCsv(log));
  if (partes.includes('verificacion')) Object.assign(resultado.otras, await medirVerificacion(log));

  if (partes.includes('operacion') || partes.includes('referencias')) {
    compilar();
    // What the first corrida's `up` started is what the bench stops at the end (later ones reuse it).
    let iniciados: Started | undefined;
    let procesos: Procesos | null = null;
    let saliendo = false;
    const salir = async (codigo: number) => {
      if (saliendo) return;
      saliendo = true;
      await procesos?.detener();
      if (iniciados) await down('dev', iniciados);
      process.exit(codigo);
    };
    process.once('SIGINT', () => void salir(130));
    process.once('SIGTERM', () => void salir(143));
    try {
      for (const [i, c] of corridas.entries()) {
        log(`corrida ${i + 1} de ${corridas.length}: ${c.actas} actas, concurrencia ${c.concurrencia} (${enVuelo(c)} en vuelo)`);
        const prep = await prepararPrepAislado({ tipo: 'bench', carpeta: 'bench', sufijo: `c${i + 1}`, compilado: true });
        iniciados ??= prep.stack.startedNow;
        const r: ResultadoCorrida = { ...c, enVuelo: enVuelo(c), operacion: null, referencias: [] };
        // The floors run alone on the servers, before and after the operation: a change of load on a
        // shared box during the run then weighs on both sides of the ratio.
        const pasadas: MedidaReferencia[][] = [];
        const referencias = async (n: number) => {
          const lugar = {
            temporalAddress: prep.stack.addresses.temporalAddress,
            namespace: prep.namespace,
            immudbAddress: prep.stack.addresses.immudbAddress,
            databaseUrl: prep.databaseUrl,
            id: `${prep.id}p${n}`,
            carpeta: prep.carpeta,
          };
          if (partes.includes('referencias')) pasadas.push(await medirReferencias(lugar, c, log));
        };
        await referencias(1);
        if (partes.includes('operacion')) {
          const { tokenAdmin } = await arrancarPrepAislado(prep, {
            usuarioAdmin: 'bench.admin',
            nombreAdmin: 'Administración del benchmark',
            por: 'bench',
            alLanzar: (p) => (procesos = p),
            alFallar: (nombre, codigo) => {
              log(`${nombre} terminó inesperadamente (código ${codigo}); deteniendo todo`);
              void salir(1);
            },
            abandonar: () => saliendo,
          });
          r.operacion = await medirOperacion(c, prep, procesos!, tokenAdmin, log);
          await (procesos as Procesos | null)?.detener();
          procesos = null;
          await referencias(2);
        }
        r.referencias = combinarPasadas(pasadas);
        resultado.corridas.push(r);
      }
    } finally {
      await (procesos as Procesos | null)?.detener();
      if (iniciados) await down('dev', iniciados);
    }
  }

  resultado.carga = { inicio: Math.round(cargaInicio * 10) / 10, fin: Math.round(os.loadavg()[0] * 10) / 10 };
  const dir = path.join(REPO_ROOT, '.data', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const archivo = path.join(dir, `resultado-${resultado.fecha.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(archivo, `${JSON.stringify(resultado, null, 2)}\n`);
  if (values['linea-base']) fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'linea-base.json'), `${JSON.stringify(resultado, null, 2)}\n`);
  console.log(`\n${textoResultado(resultado)}\n`);
  // Before/after: the same sizes of the committed baseline, when this run did not just replace it.
  const lineaBase = path.join(REPO_ROOT, 'bench', 'linea-base.json');
  if (!values['linea-base'] && fs.existsSync(lineaBase)) {
    const comparacion = textoComparacion(resultado, JSON.parse(fs.readFileSync(lineaBase, 'utf8')) as ResultadoBench);
    if (comparacion) console.log(`${comparacion}\n`);
  }
  log(`resultado en ${path.relative(REPO_ROOT, archivo)}${values['linea-base'] ? ' y en bench/linea-base.json' : ''}`);
  const sucias = resultado.corridas.filter((c) => c.operacion && !c.operacion.limpio);
  if (sucias.length) {
    log(`${sucias.length} corrida(s) no terminaron limpias (actas sin publicar o errores HTTP): sus cifras no son comparables`);
    return 1;
  }
  return 0;
}

ejecutarCli('bench', AYUDA, main);
