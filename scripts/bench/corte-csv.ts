import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLITICA_PREP, generarCatalogo, indexarCatalogo, type EstadoActa } from '@prep/domain';
import { escribirCsvEleccion } from '@prep/publicacion';
import { flujoPublicado } from './flujo-publicado';

/** A state PREP's election (DOMAIN.md "Scale": 10k–25k actas; Estado de México 2023: 20,442). */
export const ACTAS_CORTE = Number(process.env.BENCH_ACTAS_CORTE ?? 20_000);

/**
 * "corte CSV 20,000 actas": one election's CSV of ACTAS_CORTE published actas (each driven through
 * the real acta machine) streamed to a file. Times escribirCsvEleccion only.
 */
export async function benchCorteCsv(log: (m: string) => void): Promise<{ actas: number; ms: number; bytes: number; prepararMs: number }> {
  const t0 = Date.now();
  const catalogo = generarCatalogo({ semilla: 2027, casillas: ACTAS_CORTE });
  const eleccion = catalogo.elecciones.find((e) => e.ambito === 'MUNICIPIO')!;
  const actas: EstadoActa[] = [];
  for (const [clave, acta] of indexarCatalogo(catalogo)) {
    if (acta.eleccion.tipoActa !== eleccion.tipoActa) continue;
    const sha256 = createHash('sha256').update(clave).digest('hex');
    actas.push(flujoPublicado(clave, acta, { sha256, ruta: `${sha256}.jpg` }).estado);
  }
  const prepararMs = Date.now() - t0;
  log(`  ${actas.length} actas publicadas por la máquina del acta en ${(prepararMs / 1000).toFixed(1)} s`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-bench-corte-'));
  const archivo = path.join(dir, 'corte.csv');
  try {
    const t1 = process.hrtime.bigint();
    await escribirCsvEleccion(
      { catalogo, tipoActa: eleccion.tipoActa, actas, instante: '2027-06-07T03:30:00Z', politica: DEFAULT_POLITICA_PREP, final: false },
      fs.createWriteStream(archivo),
    );
    const ms = Number((process.hrtime.bigint() - t1) / 1_000_000n);
    return { actas: actas.length, ms, bytes: fs.statSync(archivo).size, prepararMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The `corte` part of `npm run bench`, as the result's figures. */
export async function medirCorteCsv(log: (m: string) => void): Promise<Record<string, number>> {
  log(`corte CSV ${ACTAS_CORTE.toLocaleString('en-US')} actas…`);
  const corte = await benchCorteCsv(log);
  log(
    `  corte CSV ${corte.actas} actas: ${corte.ms} ms (${(corte.bytes / 2 ** 20).toFixed(1)} MiB; preparar las actas: ${(corte.prepararMs / 1000).toFixed(1)} s)`,
  );
  return { corte_csv_actas: corte.actas, corte_csv_ms: corte.ms, corte_csv_bytes: corte.bytes };
}
