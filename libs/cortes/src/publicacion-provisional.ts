/**
 * PROVISIONAL stand-in for `@prep/publicacion` (the published CSV, LEEME and manifest, built on
 * the branch publicacion-csv). Same signatures as that library's contract, minimal content; this
 * file is deleted and index.ts re-exports '@prep/publicacion' once that branch is merged.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import canonicalize from 'canonicalize';
import {
  aplicarEvento,
  formatearObservaciones,
  parseClaveActa,
  entradaQuePublica,
  type Catalogo,
  type Eleccion,
  type EstadoActa,
  type EventoActa,
  type Fase,
  type PoliticaPrep,
} from '@prep/domain';

export interface EntradaCorteEleccion {
  catalogo: Catalogo;
  tipoActa: string;
  actas: EstadoActa[];
  /** ISO UTC */
  instante: string;
  politica: PoliticaPrep;
  final: boolean;
}

export interface ArchivoManifiesto {
  nombre: string;
  sha256: string;
  bytes: number;
}

export interface ManifiestoCorte {
  formato: 'prep-corte';
  version: 1;
  numero: number;
  instante: string;
  estadoFirmado: { db: string; txId: number; txHash: string; firma: { signature: string; publicKey: string } | null };
  catalogoSha256: string;
  archivos: ArchivoManifiesto[];
}

export function nombreArchivoCsv(eleccion: Pick<Eleccion, 'tipoActa' | 'nombre'>): string {
  return `${eleccion.nombre
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()}_${eleccion.tipoActa}.csv`;
}

function csvBytes(e: EntradaCorteEleccion): Buffer {
  const eleccion = e.catalogo.elecciones.find((x) => x.tipoActa === e.tipoActa)!;
  const columnas = ['CLAVE_ACTA', ...eleccion.columnasVoto, 'TOTAL_VOTOS_CALCULADO', 'OBSERVACIONES', 'CONTABILIZADA', 'CODIGO_INTEGRIDAD'];
  const filas = [...e.actas]
    .filter((a) => parseClaveActa(a.claveActa).tipoActa === e.tipoActa)
    .sort((a, b) => a.claveActa.localeCompare(b.claveActa))
    .map((a) => {
      const r = a.resultado;
      const datos = eleccion.columnasVoto.map((c) => String(r?.datos?.[c] ?? '-'));
      return [
        `'${a.claveActa}'`,
        ...datos,
        String(r?.totalVotosCalculado ?? '-'),
        formatearObservaciones(r?.observaciones ?? []),
        String(r?.contabilizada ?? ''),
        r?.imagenSha256 ?? '',
      ]
        .map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
        .join(',');
    });
  return Buffer.from(`\ufeff${eleccion.nombre}\r${e.instante}\r\r${columnas.join(',')}\r${filas.map((f) => `${f}\r`).join('')}`, 'utf8');
}

export async function escribirCsvEleccion(e: EntradaCorteEleccion, destino: string): Promise<void> {
  await fs.promises.writeFile(destino, csvBytes(e));
}

export function textoLeemeCorte(catalogo: Catalogo): string {
  return `PREP ${catalogo.entidad.nombre}: corte de publicación.\r\nmanifiesto.json lista cada archivo con su SHA-256.\r\n`;
}

export function manifiestoCorteJson(m: ManifiestoCorte): string {
  return `${canonicalize(m)!}\n`;
}

/** The actas a corte at txCorte carries, rebuilt from bundle entries ({key, value, txId}, sorted by key). */
export function actasAlCorte(entradas: { key: string; value: string; txId: number }[], txCorte: number): EstadoActa[] {
  const porActa = new Map<string, { estado: EstadoActa | null; tx: number | null }>();
  for (const en of entradas) {
    if (!en.key.startsWith('acta/') || en.txId > txCorte) continue;
    const ev = JSON.parse(en.value) as EventoActa;
    const a = porActa.get(ev.claveActa) ?? { estado: null, tx: null };
    a.estado = aplicarEvento(a.estado, ev);
    if (a.tx === null && entradaQuePublica({ faseAnterior: ev.faseAnterior as Fase | null, faseNueva: ev.faseNueva as Fase })) a.tx = en.txId;
    porActa.set(ev.claveActa, a);
  }
  return [...porActa.values()].filter((a) => a.tx !== null).map((a) => a.estado!);
}

export interface ProblemaCorte {
  archivo: string;
  fila?: string;
  campo?: string;
  mensaje: string;
}

/** Rebuilds every CSV from the bundle's entries and names the first differing row and field of each file. */
export function verificarArchivosCorte(o: {
  archivos: Map<string, Buffer>;
  entradas: { key: string; value: string; txId: number }[];
  catalogo: Catalogo;
  politica: PoliticaPrep;
}): ProblemaCorte[] {
  const problemas: ProblemaCorte[] = [];
  const m = JSON.parse(o.archivos.get('manifiesto.json')!.toString('utf8')) as ManifiestoCorte;
  const actas = actasAlCorte(o.entradas, m.estadoFirmado.txId);
  for (const eleccion of o.catalogo.elecciones) {
    const nombre = nombreArchivoCsv(eleccion);
    const real = o.archivos.get(nombre);
    if (!real) {
      problemas.push({ archivo: nombre, mensaje: 'falta el archivo' });
      continue;
    }
    const esperado = csvBytes({ catalogo: o.catalogo, tipoActa: eleccion.tipoActa, actas, instante: m.instante, politica: o.politica, final: false });
    if (esperado.equals(real)) continue;
    const le = esperado.toString('utf8').split('\r');
    const lr = real.toString('utf8').split('\r');
    const cab = le[3].split(',');
    for (let i = 0; i < Math.max(le.length, lr.length); i++) {
      if (le[i] === lr[i]) continue;
      const ce = (le[i] ?? '').split(',');
      const cr = (lr[i] ?? '').split(',');
      const j = ce.findIndex((v, k) => v !== cr[k]);
      problemas.push({
        archivo: nombre,
        fila: ce[0] || cr[0],
        campo: i > 3 ? cab[j] : undefined,
        mensaje: `línea ${i + 1}: se esperaba ${JSON.stringify(ce[j])} y el archivo dice ${JSON.stringify(cr[j])}`,
      });
    }
  }
  return problemas;
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
