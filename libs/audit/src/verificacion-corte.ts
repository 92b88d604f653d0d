import { enParalelo } from './en-paralelo';
import { leerClaveEventoActa, prefijoEventosActa } from './esquema';
import type { BitacoraImmudb, EntradaLeida } from './bitacora-immudb';
import { filaDeSql, SELECT_FILA_ACTA, type FilaSql, type ModeloDeLectura } from './verificacion-completa';
import { compararConModelo, reconstruirActa, type Hallazgo } from './verificacion';

/**
 * A corte's check, the incremental cousin of the full check: only the actas with bitácora entries
 * in (desdeTx, hastaTx] are read, so its cost follows what changed since the previous corte.
 * - `pendientes`: actas whose newest entry in the range is not projected yet (retry later);
 * - `hallazgos`: every acta published in the range, re-read with proofs and compared with its row
 *   by the full check's own comparison, and every row that claims a publication in the range the
 *   bitácora does not show (or misses one it shows).
 */
export interface ResultadoVerificacionCorte {
  pendientes: string[];
  hallazgos: Hallazgo[];
  /** Actas the bitácora published in the range (what the corte adds to the previous one). */
  publicadas: string[];
  entradasProbadas: number;
}

export async function verificarRangoCorte(o: {
  bitacora: BitacoraImmudb;
  em: ModeloDeLectura;
  desdeTx: number;
  hastaTx: number;
  concurrencia?: number;
}): Promise<ResultadoVerificacionCorte> {
  const { bitacora, em, desdeTx, hastaTx } = o;
  const ultimaEnRango = new Map<string, number>();
  // A page of transactions must fit gRPC's 4 MB: one-entry transactions (the workflows') fit by
  // hundreds, batch-written ones (seeding, drills) may not, so the page halves when refused.
  let pagina = 250;
  for (let tx = desdeTx + 1; tx <= hastaTx;) {
    let lote: Awaited<ReturnType<BitacoraImmudb['txScan']>>;
    try {
      lote = await bitacora.txScan(tx, pagina);
    } catch (err) {
      if (pagina > 1 && /RESOURCE_EXHAUSTED/.test((err as Error).message)) {
        pagina = Math.max(1, Math.floor(pagina / 2));
        continue;
      }
      throw err;
    }
    if (lote.length === 0) break;
    for (const t of lote) {
      if (t.txId > hastaTx) break;
      for (const key of t.keys) {
        const k = leerClaveEventoActa(key);
        if (k) ultimaEnRango.set(k.claveActa, Math.max(ultimaEnRango.get(k.claveActa) ?? 0, k.secuencia));
      }
    }
    const ultima = lote[lote.length - 1].txId;
    // A page that does not name its transactions would end the listing early and hide actas.
    if (!Number.isSafeInteger(ultima) || ultima < tx) throw new Error(`txScan devolvió una página sin número de transacción válido desde la tx ${tx}`);
    tx = ultima + 1;
  }

  const claves = [...ultimaEnRango.keys()];
  const filas = claves.length ? ((await em.execute(`${SELECT_FILA_ACTA} where clave_acta = any(?::text[])`, [`{${claves.join(',')}}`])) as FilaSql[]) : [];
  const porClave = new Map(filas.map((f) => [f.clave_acta, f]));
  const pendientes = claves.filter((c) => (porClave.get(c)?.secuencia ?? 0) < ultimaEnRango.get(c)!);
  if (pendientes.length > 0) return { pendientes, hallazgos: [], publicadas: [], entradasProbadas: 0 };

  const hallazgos: Hallazgo[] = [];
  const publicadas: { clave: string; fila: FilaSql; entradas: EntradaLeida[] }[] = [];
  const concurrencia = o.concurrencia ?? 8;
  await enParalelo(claves, concurrencia, async (clave) => {
    const fila = porClave.get(clave)!;
    // The row may already show entries after the corte (a late image): compare it with the
    // bitácora up to the row's own secuencia, which is what it claims to reflect.
    const escritas = await bitacora.scan(prefijoEventosActa(clave));
    const hastaFila = escritas.filter((e) => (leerClaveEventoActa(e.key)?.secuencia ?? Infinity) <= fila.secuencia);
    const previa = reconstruirActa(clave, hastaFila);
    const tx = previa.acta?.txPublicacion ?? null;
    if (tx === null || tx <= desdeTx || tx > hastaTx) {
      if (previa.acta === null) hallazgos.push(...previa.hallazgos);
      return;
    }
    publicadas.push({ clave, fila, entradas: hastaFila });
  });

  // Published in this corte: every entry re-read with an inclusion and consistency proof, all of
  // them in flight together (an acta's entries do not wait for each other).
  const todas = publicadas.flatMap((p) => p.entradas.map((e) => ({ clave: p.clave, e })));
  const probados = new Map<string, string>();
  await enParalelo(todas, concurrencia * 2, async ({ clave, e }) => {
    const v = await bitacora.verifiedGetAt(e.key, e.txId);
    if (v.value !== e.value) {
      hallazgos.push({ tipo: 'ENTRADA_NO_VERIFICADA', claveActa: clave, detalle: `${e.key}: el valor listado no coincide con la lectura verificada` });
    }
    probados.set(e.key, v.value);
  });
  for (const p of publicadas) {
    const { acta, hallazgos: cadena } = reconstruirActa(
      p.clave,
      p.entradas.map((e) => ({ key: e.key, value: probados.get(e.key)!, txId: e.txId })),
    );
    hallazgos.push(...cadena);
    if (acta) hallazgos.push(...compararConModelo(acta, filaDeSql(p.fila)));
  }

  // A row that claims a publication in this range must be one the bitácora shows, and vice versa.
  const enRango = (await em.execute('select clave_acta from acta where tx_publicacion > ? and tx_publicacion <= ?', [desdeTx, hastaTx])) as {
    clave_acta: string;
  }[];
  const respaldadas = new Set(publicadas.map((p) => p.clave));
  for (const { clave_acta } of enRango) {
    if (!respaldadas.has(clave_acta)) {
      hallazgos.push({
        tipo: 'DIFERENCIA_CAMPO',
        claveActa: clave_acta,
        campo: 'txPublicacion',
        detalle: `el modelo de lectura dice que el acta se publicó entre las transacciones ${desdeTx + 1} y ${hastaTx}, y la bitácora no lo muestra`,
      });
    }
  }
  const filasEnRango = new Set(enRango.map((f) => f.clave_acta));
  for (const clave of respaldadas) {
    if (!filasEnRango.has(clave) && !hallazgos.some((h) => h.claveActa === clave && h.campo === 'txPublicacion')) {
      hallazgos.push({ tipo: 'DIFERENCIA_CAMPO', claveActa: clave, campo: 'txPublicacion', detalle: 'la bitácora publicó el acta y su fila no lo dice' });
    }
  }
  hallazgos.sort((a, b) => a.claveActa.localeCompare(b.claveActa) || (a.campo ?? '').localeCompare(b.campo ?? ''));
  return { pendientes: [], hallazgos, publicadas: [...respaldadas].sort(), entradasProbadas: todas.length };
}
