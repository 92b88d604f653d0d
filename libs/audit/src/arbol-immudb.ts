import { createHash } from 'node:crypto';

/**
 * How immudb 1.1.0 hashes what it stores, written from its Go source (embedded/store/tx.go,
 * embedded/htree/htree.go, pkg/database/meta.go) so the audit bundle can be checked with no
 * server and no immudb library. Pure functions over bytes.
 *
 * - A `set` stores key 0x00‖key and value 0x00‖value (a reference would store 0x01‖…, and the
 *   SQL catalogue uses key prefix 0x02); the bitácora only ever does plain sets.
 * - Entry digest: SHA-256(storedKey ‖ SHA-256(storedValue)).
 * - eH, the root of a transaction's entries: a binary tree with leaves SHA-256(0x00‖digest) and
 *   nodes SHA-256(0x01‖left‖right); an odd node at the end of a level moves up unchanged.
 * - Alh of transaction N: SHA-256(u64 N ‖ prevAlh ‖ SHA-256(u64 ts ‖ u32 nentries ‖ eH ‖ u64 blTxId ‖ blRoot)),
 *   and prevAlh of transaction 1 is SHA-256 of nothing. The server signs (db, txId, Alh).
 */

export const PREFIJO_CLAVE = 0x00;
export const PREFIJO_VALOR_PLANO = 0x00;
const HOJA = 0x00;
const NODO = 0x01;

/** Alh before the first transaction (immudb starts its chain from SHA-256 of nothing). */
export const ALH_INICIAL = createHash('sha256').digest();

const sha256 = (...partes: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of partes) h.update(p);
  return h.digest();
};

const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** The key as the store holds it. */
export const claveGuardada = (key: string) => Buffer.concat([Buffer.from([PREFIJO_CLAVE]), Buffer.from(key, 'utf8')]);

/** SHA-256 of the value as the store holds it (what txScan returns as hValue). */
export const hashValorGuardado = (value: string) => sha256(Buffer.from([PREFIJO_VALOR_PLANO]), Buffer.from(value, 'utf8'));

/** The digest of a stored entry from its stored key and the hash of its stored value. */
export const digestoEntradaGuardada = (claveBytes: Buffer, hValue: Buffer) => sha256(claveBytes, hValue);

/** The digest immudb 1.1.0 computed for a plain `set(key, value)`. */
export const digestoEntrada = (key: string, value: string) => digestoEntradaGuardada(claveGuardada(key), hashValorGuardado(value));

/** A transaction header (immudb 1.1.0 TxMetadata), hashes as 32-byte buffers. */
export interface EncabezadoTx {
  id: number;
  prevAlh: Buffer;
  ts: number;
  nentries: number;
  eH: Buffer;
  blTxId: number;
  blRoot: Buffer;
}

export function alhDe(tx: EncabezadoTx): Buffer {
  const interno = sha256(u64(tx.ts), u32(tx.nentries), tx.eH, u64(tx.blTxId), tx.blRoot);
  return sha256(u64(tx.id), tx.prevAlh, interno);
}

/** A transaction as the server lists it (txScan / txById): header and stored keys with hValue. */
export interface TxLeida {
  encabezado: EncabezadoTx;
  entradas: { key: Buffer; hValue: Buffer }[];
}

/** An entry's inclusion proof in its transaction's tree (immudb's InclusionProof). */
export interface PruebaInclusion {
  leaf: number;
  width: number;
  terms: Buffer[];
}

const hoja = (digesto: Buffer) => sha256(Buffer.from([HOJA]), digesto);
const nodo = (izq: Buffer, der: Buffer) => sha256(Buffer.from([NODO]), izq, der);

/** Whether `digesto` is leaf `prueba.leaf` of a tree of `prueba.width` leaves whose root is `raiz`. */
export function verificarInclusion(prueba: PruebaInclusion, digesto: Buffer, raiz: Buffer): boolean {
  let calculada = hoja(digesto);
  let i = prueba.leaf;
  let r = prueba.width - 1;
  if (!(i >= 0 && i <= r)) return false;
  for (const t of prueba.terms) {
    calculada = i % 2 === 0 && i !== r ? nodo(calculada, t) : nodo(t, calculada);
    i = Math.floor(i / 2);
    r = Math.floor(r / 2);
  }
  return i === r && calculada.equals(raiz);
}

/** A transaction's tree over its entry digests, in the order the transaction holds them. */
export class ArbolTx {
  private readonly niveles: Buffer[][];

  constructor(digestos: Buffer[]) {
    if (digestos.length === 0) throw new Error('una transacción de immudb tiene al menos una entrada');
    this.niveles = [digestos.map(hoja)];
    for (let nivel = this.niveles[0]; nivel.length > 1;) {
      const siguiente: Buffer[] = [];
      for (let i = 0; i + 1 < nivel.length; i += 2) siguiente.push(nodo(nivel[i], nivel[i + 1]));
      if (nivel.length % 2 === 1) siguiente.push(nivel[nivel.length - 1]);
      this.niveles.push(siguiente);
      nivel = siguiente;
    }
  }

  get ancho(): number {
    return this.niveles[0].length;
  }

  get raiz(): Buffer {
    return this.niveles[this.niveles.length - 1][0];
  }

  /**
   * The proof of leaf `i`: the siblings from the leaf up. The tree is split at the largest
   * power of two below its width, as immudb does, so the node a term names sits at level
   * bitLength(r - l) of the levels built above.
   */
  prueba(i: number): PruebaInclusion {
    if (!Number.isInteger(i) || i < 0 || i >= this.ancho) throw new Error(`hoja ${i} fuera del árbol de ${this.ancho}`);
    const terms: Buffer[] = [];
    let m = i;
    let n = this.ancho;
    let desplazamiento = 0;
    while (n > 1 && !(n === 1 && m === 0)) {
      const k = 2 ** (largoEnBits(n - 1) - 1);
      let l: number;
      let r: number;
      if (m < k) {
        [l, r] = [desplazamiento + k, desplazamiento + n - 1];
        n = k;
      } else {
        [l, r] = [desplazamiento, desplazamiento + k - 1];
        m -= k;
        n -= k;
        desplazamiento += k;
      }
      const nivel = largoEnBits(r - l);
      terms.unshift(this.niveles[nivel][l / 2 ** nivel]);
    }
    return { leaf: i, width: this.ancho, terms };
  }
}

const largoEnBits = (n: number) => (n === 0 ? 0 : n.toString(2).length);
