import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { verificarRangoCorte, type BitacoraImmudb } from '@prep/audit';
import { documentoDe, huellaCatalogo } from '@prep/catalogo';
import { armarCorte, guardarCorteInmutable } from '@prep/cortes';
import { DEFAULT_POLITICA_PREP, type Catalogo, type EstadoActa } from '@prep/domain';

/**
 * One corte over every acta the bench seeded, timed by step: the incremental verification of the
 * actas published in the last transactions (each of their entries re-read with a proof), reading
 * every row, and writing the files + zip into place: what a corte costs at that size.
 */
export async function medirCorte(o: {
  orm: MikroORM;
  bitacora: BitacoraImmudb;
  catalogo: Catalogo;
  verificar: boolean;
  log: (m: string) => void;
}): Promise<Record<string, number>> {
  const seg = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const estado = await o.bitacora.currentServerState();
  const r: Record<string, number> = {};
  if (o.verificar) {
    // A 15-minute corte sees a few thousand new actas, not all of them: the verification is timed
    // over the last BENCH_CORTE_TX transactions (default 20: about 1,400 actas as the bench writes them).
    const desdeTx = Math.max(0, estado.txId - Number(process.env.BENCH_CORTE_TX ?? 20));
    const t = Date.now();
    const v = await verificarRangoCorte({ bitacora: o.bitacora, em: o.orm.em.fork(), desdeTx, hastaTx: estado.txId });
    r.corte_verificacion_ms = Date.now() - t;
    r.corte_verificacion_actas = v.publicadas.length;
    if (v.pendientes.length || v.hallazgos.length) {
      throw new Error(
        `el corte encontró ${v.pendientes.length} pendientes y ${v.hallazgos.length} hallazgos en datos sembrados: ${JSON.stringify(v.hallazgos.slice(0, 3))}`,
      );
    }
    o.log(`  verificación del corte: ${v.publicadas.length} actas nuevas, ${v.entradasProbadas} entradas probadas: ${seg(r.corte_verificacion_ms)}`);
  }
  let t = Date.now();
  const filas = await o.orm.em.fork().execute<{ estado: EstadoActa }[]>('select estado from acta where tx_publicacion <= ? order by clave_acta', [estado.txId]);
  r.corte_lectura_ms = Date.now() - t;
  t = Date.now();
  const armado = await armarCorte({
    numero: 1,
    instante: new Date().toISOString(),
    estadoFirmado: { db: estado.db, txId: estado.txId, txHash: estado.txHash, firma: estado.signature ?? null },
    catalogo: o.catalogo,
    catalogoSha256: huellaCatalogo(documentoDe(o.catalogo), o.catalogo.casillas),
    actas: filas.map((f) => f.estado),
    politica: DEFAULT_POLITICA_PREP,
    final: false,
  });
  const raiz = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-bench-cortes-'));
  try {
    await guardarCorteInmutable(raiz, 1, armado.archivos, armado.zip);
    r.corte_escritura_ms = Date.now() - t;
    r.corte_actas = filas.length;
    r.corte_zip_bytes = armado.zip.length;
  } finally {
    fs.rmSync(raiz, { recursive: true, force: true });
  }
  o.log(
    `  corte de ${filas.length} actas: lectura ${seg(r.corte_lectura_ms)}, CSV + LEEME + catálogo + manifiesto + zip escritos ${seg(r.corte_escritura_ms)} (zip de ${(armado.zip.length / 1e6).toFixed(1)} MB)`,
  );
  return r;
}
