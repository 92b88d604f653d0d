import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { entradaQuePublica, generarCatalogo, indexarCatalogo } from '@prep/domain';
import { entradaEventoActa, BitacoraImmudb, verificacionCompleta } from '@prep/audit';
import { ormConfig, proyectarActa } from '@prep/persistence';
import { REPO_ROOT } from '../services/config';
import { dropDatabase, ensureDatabase } from '../services/postgres';
import { down, up } from '../services/stack';
import { medirCorte } from './corte';
import { flujoPublicado } from './flujo-publicado';

/**
 * The `verificacion` part of `npm run bench`: the auditor's full check over N published actas
 * (BENCH_ACTAS, default 10,000) on the real services of the test profile. Seeds the bitácora
 * (unverified batch writes), the read model (the real projection) and one image file per acta,
 * then times a corte over all of them (./corte.ts) and the check with and without per-entry
 * proofs (BENCH_VERIFICACION=no skips the check). Compared with bench/baseline.json when present.
 */
const ACTAS = Number(process.env.BENCH_ACTAS ?? 10_000);
const LOTE = 1000;

const seg = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function medirVerificacion(log: (m: string) => void): Promise<Record<string, number | string>> {
  const { addresses, config, startedNow } = await up('test');
  const corrida = `b${Date.now().toString(36)}`;
  const url = new URL(addresses.databaseUrl);
  url.pathname = `/prep_bench_${corrida}`;
  const databaseUrl = url.toString();
  const dirImagenes = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-bench-imagenes-'));
  let orm: MikroORM | undefined;
  let bitacora: BitacoraImmudb | undefined;
  try {
    await ensureDatabase(databaseUrl);
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run.js'), 'scripts/migrate.ts'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: 'ignore',
    });
    orm = await MikroORM.init(ormConfig({ databaseUrl, poolMax: 10 }));
    bitacora = await BitacoraImmudb.connect({
      address: addresses.immudbAddress,
      user: 'immudb',
      password: process.env.IMMUDB_PASSWORD ?? 'immudb',
      database: corrida,
      stateDir: path.join(config.dataDir, 'bench', corrida),
      timeoutMs: 120_000,
    });

    const casillas = Math.ceil(ACTAS / 2);
    const catalogo = generarCatalogo({ semilla: 2021, casillas });
    const actas = [...indexarCatalogo(catalogo).entries()].slice(0, ACTAS);
    log(`sembrando ${actas.length} actas publicadas (7 entradas de bitácora, 1 fila y 1 imagen cada una)…`);
    const t0 = Date.now();
    for (let i = 0; i < actas.length; i += LOTE) {
      const lote = actas.slice(i, i + LOTE);
      const flujos = lote.map(([clave, acta]) => {
        const contenido = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, clave)]);
        const sha256 = createHash('sha256').update(contenido).digest('hex');
        const ruta = `${sha256.slice(0, 2)}/${sha256}.jpg`;
        fs.mkdirSync(path.join(dirImagenes, sha256.slice(0, 2)), { recursive: true });
        fs.writeFileSync(path.join(dirImagenes, ruta), contenido);
        return { clave, acta, ...flujoPublicado(clave, acta, { sha256, ruta }) };
      });
      const entradas = flujos.flatMap((f) => f.eventos.map((e) => ({ ...entradaEventoActa(e), publica: entradaQuePublica(e), clave: f.clave })));
      // immudb caps entries per transaction (1024 by default). The row keeps the tx of its publishing entry.
      const txPublicacion = new Map<string, number>();
      for (let k = 0; k < entradas.length; k += 500) {
        const parte = entradas.slice(k, k + 500);
        const { txId } = await bitacora.setAllSinVerificar(parte.map(({ key, value }) => ({ key, value })));
        for (const e of parte) if (e.publica) txPublicacion.set(e.clave, txId);
      }
      const em = orm.em.fork();
      let j = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (j < flujos.length) {
            const f = flujos[j++];
            await proyectarActa(em.fork(), {
              claveCasilla: f.acta.claveCasilla,
              tipoActa: f.acta.eleccion.tipoActa,
              estado: f.estado,
              txPublicacion: txPublicacion.get(f.clave),
            });
          }
        }),
      );
      log(`  ${Math.min(i + LOTE, actas.length)}/${actas.length} actas sembradas (${seg(Date.now() - t0)})`);
    }
    const siembraMs = Date.now() - t0;

    const resultados: Record<string, number | string> = {
      verificacion_actas: actas.length,
      verificacion_entradas: actas.length * 7,
      verificacion_siembraMs: siembraMs,
    };
    // BENCH_VERIFICACION=no measures only the corte (the full check with proofs takes minutes).
    const verificar = process.env.BENCH_VERIFICACION !== 'no';
    log('corte de publicación…');
    Object.assign(resultados, await medirCorte({ orm, bitacora, catalogo, verificar: true, log }));
    for (const pruebas of verificar ? (['ninguna', 'todas'] as const) : []) {
      log(`verificación completa (pruebas=${pruebas})…`);
      const informe = await verificacionCompleta({
        bitacora,
        em: orm.em.fork(),
        dirImagenes,
        pruebas,
        progreso: (etapa, hechos, total) => log(`  ${etapa}: ${hechos}${total ? `/${total}` : ''}`),
      });
      if (!informe.ok)
        throw new Error(
          `la verificación encontró ${informe.hallazgos.length} hallazgos en datos sembrados consistentes: ${JSON.stringify(informe.hallazgos.slice(0, 3))}`,
        );
      log(
        `  ${informe.actasEnBitacora} actas, ${informe.entradasRevisadas} entradas, ${informe.entradasProbadas} probadas, ${informe.imagenesRevisadas} imágenes: ${seg(informe.duracionMs)}`,
      );
      resultados[`verificacion_${pruebas}_ms`] = informe.duracionMs;
    }

    compararConBaseline(resultados, log);
    return resultados;
  } finally {
    bitacora?.close();
    await orm?.close(true);
    await dropDatabase(databaseUrl).catch(() => undefined);
    fs.rmSync(dirImagenes, { recursive: true, force: true });
    await down('test', startedNow);
  }
}

/** The full check's times against bench/baseline.json (the check's own baseline, 2026-11-26). */
function compararConBaseline(resultados: Record<string, number | string>, log: (m: string) => void): void {
  const baseline = path.join(REPO_ROOT, 'bench', 'baseline.json');
  if (fs.existsSync(baseline)) {
    const base = JSON.parse(fs.readFileSync(baseline, 'utf8')) as Record<string, number>;
    // Only the same size compares (the baseline is 10,000 actas).
    if (base.actas !== resultados.verificacion_actas) return;
    for (const k of ['verificacion_ninguna_ms', 'verificacion_todas_ms']) {
      if (resultados[k] === undefined || base[k] === undefined) continue;
      const cambio = ((Number(resultados[k]) - base[k]) / base[k]) * 100;
      log(`${k}: ${resultados[k]} ms (línea base ${base[k]} ms, ${cambio >= 0 ? '+' : ''}${cambio.toFixed(0)} %)`);
    }
  }
}
