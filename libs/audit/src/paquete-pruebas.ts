import {
  ALH_INICIAL,
  ArbolTx,
  alhDe,
  digestoEntrada,
  digestoEntradaGuardada,
  verificarInclusion,
  type EncabezadoTx,
  type PruebaInclusion,
  type TxLeida,
} from './arbol-immudb';
import { ARCHIVOS, PREFIJOS_EXPORTADOS, type LineaEntrada, type LineaTransaccion, type OtraEntradaTx, type PruebaEnPaquete } from './paquete';

/**
 * The cryptographic half of the bundle check: what ties every entry to the state the server
 * signed. Pure and streaming: transacciones.jsonl is read once in order, keeping 32 bytes of
 * eH and two counters per transaction and one byte per entry (≈ 3 MB for 70k transactions), then each
 * entry of entradas.jsonl is proven against its transaction's eH as it streams.
 *
 * 1. Chain: for each header, Alh = hash(id, prevAlh, hash(ts, nentries, eH, blTxId, blRoot));
 *    each prevAlh must be the Alh of the previous header, ids 1, 2, 3…, and the last Alh must be
 *    the txHash the server signed, at the signed txId.
 * 2. Inclusion: each entry's digest (its key and value as immudb stored them) with its proof
 *    must give the eH of its transaction, with the proof's width equal to the header's nentries.
 * 3. Coverage: every leaf of every transaction is claimed once, by an entry or by one of the
 *    transaction's `otras` (entries outside the exported prefixes, proven the same way), so an
 *    entry left out of the bundle shows as a transaction with unclaimed leaves.
 */

/** A finding; `clave` is the entry key or `tx <id>`. */
export interface ProblemaPrueba {
  clave: string;
  mensaje: string;
}

const HEX32 = /^[0-9a-f]{64}$/;
const esEntero = (n: unknown, min = 0): n is number => Number.isSafeInteger(n) && (n as number) >= min;
/** A header whose id jumps further than this is not believed (it would make the tables huge). */
const SALTO_MAXIMO = 1_000_000;
/** immudb 1.1.0 caps a transaction at 1,024 entries by default; far above that is not a real header. */
const ENTRADAS_POR_TX_MAXIMO = 1 << 20;

/** Stored keys of the exported prefixes (0x00 ‖ prefix): an `otra` entry must not have one. */
const PREFIJOS_GUARDADOS = PREFIJOS_EXPORTADOS.map((p) => Buffer.from(`\u0000${p}`, 'utf8'));

export const aHex = (b: Buffer) => b.toString('hex');
export const pruebaEnPaquete = (p: PruebaInclusion): PruebaEnPaquete => ({ leaf: p.leaf, width: p.width, terms: p.terms.map(aHex) });

const exportada = (claveGuardada: Buffer) => PREFIJOS_GUARDADOS.some((p) => claveGuardada.subarray(0, p.length).equals(p));

/** The transacciones.jsonl line of a transaction, with proofs for the entries the bundle does not carry. */
export function lineaDeTransaccion({ encabezado: e, entradas }: TxLeida): LineaTransaccion {
  const linea: LineaTransaccion = {
    id: e.id,
    prevAlh: aHex(e.prevAlh),
    ts: e.ts,
    nentries: e.nentries,
    eH: aHex(e.eH),
    blTxId: e.blTxId,
    blRoot: aHex(e.blRoot),
  };
  const indices = entradas.map((x, i) => (exportada(x.key) ? -1 : i)).filter((i) => i >= 0);
  if (indices.length > 0) {
    const arbol = new ArbolTx(entradas.map((x) => digestoEntradaGuardada(x.key, x.hValue)));
    linea.otras = indices.map((i) => ({ key: aHex(entradas[i].key), hValue: aHex(entradas[i].hValue), prueba: pruebaEnPaquete(arbol.prueba(i)) }));
  }
  return linea;
}

/** The proof of `key` in a transaction the server listed; null when the transaction does not hold it. */
export function pruebaEnTx(tx: TxLeida, key: string): PruebaEnPaquete | null {
  const buscada = Buffer.from(`\u0000${key}`, 'utf8');
  const i = tx.entradas.findIndex((x) => x.key.equals(buscada));
  if (i < 0) return null;
  return pruebaEnPaquete(new ArbolTx(tx.entradas.map((x) => digestoEntradaGuardada(x.key, x.hValue))).prueba(i));
}

function leerPrueba(p: unknown): PruebaInclusion | null {
  const q = p as PruebaEnPaquete | null;
  if (!q || !esEntero(q.leaf) || !esEntero(q.width, 1) || !Array.isArray(q.terms) || q.terms.length > 64) return null;
  if (!q.terms.every((t) => typeof t === 'string' && HEX32.test(t))) return null;
  return { leaf: q.leaf, width: q.width, terms: q.terms.map((t) => Buffer.from(t, 'hex')) };
}

/** A transacciones.jsonl line as a header, or null when it is not a well-formed one. */
export function leerEncabezado(l: Partial<LineaTransaccion> | null): EncabezadoTx | null {
  if (
    !l ||
    typeof l !== 'object' ||
    !esEntero(l.id, 1) ||
    !esEntero(l.ts) ||
    !esEntero(l.nentries, 1) ||
    l.nentries > ENTRADAS_POR_TX_MAXIMO ||
    !esEntero(l.blTxId)
  )
    return null;
  if (![l.prevAlh, l.eH, l.blRoot].every((h) => typeof h === 'string' && HEX32.test(h))) return null;
  const hex = (h: string | undefined) => Buffer.from(h!, 'hex');
  return { id: l.id, prevAlh: hex(l.prevAlh), ts: l.ts, nentries: l.nentries, eH: hex(l.eH), blTxId: l.blTxId, blRoot: hex(l.blRoot) };
}

/** Tables indexed by tx id that grow as headers arrive. */
class Tablas {
  eH = Buffer.alloc(0);
  nentries = new Uint32Array(0);
  /** Index of the transaction's first leaf in `reclamadas`. */
  inicio = new Float64Array(0);
  reclamadas = new Uint8Array(0);
  hojas = 0;

  asegurar(id: number, hojas: number): void {
    if (id >= this.nentries.length) {
      const cap = Math.max(1024, id + 1, this.nentries.length * 2);
      const eH = Buffer.alloc(cap * 32);
      this.eH.copy(eH);
      this.eH = eH;
      this.nentries = crecer(this.nentries, new Uint32Array(cap));
      this.inicio = crecer(this.inicio, new Float64Array(cap));
    }
    if (hojas > this.reclamadas.length) this.reclamadas = crecer(this.reclamadas, new Uint8Array(Math.max(hojas, this.reclamadas.length * 2)));
  }
}

function crecer<T extends Uint8Array | Uint32Array | Float64Array>(viejo: T, nuevo: T): T {
  nuevo.set(viejo as never);
  return nuevo;
}

export class RevisionPruebas {
  private readonly t = new Tablas();
  /** Highest header id read so far; 0 before the first. */
  private ultimo = 0;
  private alh: Buffer = ALH_INICIAL;
  private enlaces = 0;
  private cadenaRota = false;

  constructor(private readonly problemas: ProblemaPrueba[]) {}

  get transacciones(): number {
    return this.enlaces;
  }

  /** nentries of a transaction read, or 0 when its header is not in the bundle. */
  entradasDeTx(id: number): number {
    return esEntero(id, 1) && id <= this.ultimo ? this.t.nentries[id] : 0;
  }

  /** One parsed line of transacciones.jsonl, in file order. */
  agregarTransaccion(linea: unknown, donde: string): void {
    const l = linea as Partial<LineaTransaccion> | null;
    const e = leerEncabezado(l);
    if (!e) {
      this.problema(donde, 'la línea debe ser {id, prevAlh, ts, nentries, eH, blTxId, blRoot}: enteros y hashes de 64 dígitos hexadecimales');
      this.cadenaRota = true;
      return;
    }
    const clave = `tx ${e.id}`;
    if (e.id <= this.ultimo) {
      this.problema(clave, `repetida o fuera de orden (después de la transacción ${this.ultimo})`);
      this.cadenaRota = true;
      return;
    }
    if (e.id > this.ultimo + 1) {
      this.problema(
        clave,
        `faltan las transacciones ${this.ultimo + 1 === e.id - 1 ? this.ultimo + 1 : `${this.ultimo + 1} a ${e.id - 1}`} en ${ARCHIVOS.transacciones}`,
      );
      this.cadenaRota = true;
      if (e.id - this.ultimo > SALTO_MAXIMO) return;
    } else if (!e.prevAlh.equals(this.alh)) {
      this.problema(
        clave,
        e.id === 1
          ? 'su prevAlh no es el inicial de immudb (SHA-256 vacío)'
          : `su prevAlh no es el Alh recalculado de la transacción ${e.id - 1}: se alteró el encabezado de la transacción ${e.id - 1} o el de esta`,
      );
      this.cadenaRota = true;
    }
    // Resynchronised on this header, so each later break is reported where it is.
    this.alh = alhDe(e);
    this.ultimo = e.id;
    this.enlaces++;
    const inicio = this.t.hojas;
    this.t.asegurar(e.id, inicio + e.nentries);
    e.eH.copy(this.t.eH, e.id * 32);
    this.t.nentries[e.id] = e.nentries;
    this.t.inicio[e.id] = inicio;
    this.t.hojas += e.nentries;
    const otras: unknown = l?.otras;
    if (otras === undefined) return;
    if (!Array.isArray(otras)) this.problema(clave, '"otras" debe ser una lista');
    else otras.forEach((otra: OtraEntradaTx | null, i) => this.revisarOtra(e, otra, i));
  }

  /** After the last header: the chain must land exactly on the signed state. */
  cerrarCadena(firmado: { txId: number; txHash: string } | null): void {
    if (!firmado) return;
    const alh = aHex(this.alh);
    if (this.ultimo !== firmado.txId) {
      this.problema(
        ARCHIVOS.transacciones,
        `termina en la transacción ${this.ultimo} y el estado firmado es la ${firmado.txId}: el paquete no corresponde a ese estado`,
      );
    } else if (alh !== firmado.txHash) {
      this.problema(
        `tx ${this.ultimo}`,
        `su Alh recalculado (${alh}) no es el hash firmado por el servidor (${firmado.txHash}): algún encabezado fue alterado`,
      );
    }
  }

  /** Whether the headers chained with no break to the signed state (after cerrarCadena). */
  get cadenaCompleta(): boolean {
    return !this.cadenaRota;
  }

  /** One entry of entradas.jsonl (already known to have a string key and value and an integer txId). */
  probarEntrada({ key, value, txId, prueba }: LineaEntrada): boolean {
    const p = leerPrueba(prueba);
    if (!p) {
      this.problema(key, 'sin prueba de inclusión legible: {leaf, width, terms: [hash hexadecimal]}');
      return false;
    }
    return this.probar(key, txId, p, digestoEntrada(key, value), 'la entrada');
  }

  /** After every entry: leaves no entry claimed are entries missing from the bundle. */
  revisarCobertura(): void {
    for (let id = 1; id <= this.ultimo; id++) {
      const n = this.t.nentries[id];
      let faltan = 0;
      for (let i = 0; i < n; i++) if (!this.t.reclamadas[this.t.inicio[id] + i]) faltan++;
      if (faltan > 0) {
        this.problema(
          `tx ${id}`,
          `${n === 1 ? 'su entrada no está' : `${faltan} de sus ${n} entradas no están`} en el paquete: se omitió una entrada de la bitácora o se escribió dos veces la misma clave`,
        );
      }
    }
  }

  private revisarOtra(tx: EncabezadoTx, otra: OtraEntradaTx | null, i: number): void {
    const clave = `tx ${tx.id}`;
    const p = leerPrueba(otra?.prueba);
    if (!otra || typeof otra.key !== 'string' || !/^([0-9a-f]{2})+$/.test(otra.key) || typeof otra.hValue !== 'string' || !HEX32.test(otra.hValue) || !p) {
      this.problema(clave, `la otra entrada ${i + 1} debe ser {key: hexadecimal, hValue: hash hexadecimal, prueba}`);
      return;
    }
    const guardada = Buffer.from(otra.key, 'hex');
    if (exportada(guardada)) {
      this.problema(
        clave,
        `la entrada ${guardada.subarray(1).toString('utf8')} se declara fuera del paquete, pero su prefijo se exporta en ${ARCHIVOS.entradas}`,
      );
    }
    this.probar(clave, tx.id, p, digestoEntradaGuardada(guardada, Buffer.from(otra.hValue, 'hex')), `la otra entrada ${i + 1}`);
  }

  private probar(clave: string, txId: number, p: PruebaInclusion, digesto: Buffer, que: string): boolean {
    const n = this.entradasDeTx(txId);
    if (n === 0) {
      this.problema(clave, `la transacción ${txId} no está en ${ARCHIVOS.transacciones}`);
      return false;
    }
    if (p.width !== n || p.leaf >= n) {
      this.problema(clave, `la prueba es de la hoja ${p.leaf} de ${p.width} y la transacción ${txId} tiene ${n} entradas`);
      return false;
    }
    const hoja = this.t.inicio[txId] + p.leaf;
    const yaReclamada = this.t.reclamadas[hoja] === 1;
    // A failed entry still claims its leaf, so an altered value is reported once, by its key.
    this.t.reclamadas[hoja] = 1;
    if (verificarInclusion(p, digesto, this.t.eH.subarray(txId * 32, txId * 32 + 32))) {
      if (yaReclamada) this.problema(clave, `otra entrada del paquete ya ocupa la hoja ${p.leaf} de la transacción ${txId}`);
      return !yaReclamada;
    }
    this.problema(
      clave,
      `${que} no pertenece a la transacción ${txId} que firmó el servidor: su clave, valor o txId no son los que immudb registró, o su prueba de inclusión fue alterada`,
    );
    return false;
  }

  private problema(clave: string, mensaje: string): void {
    this.problemas.push({ clave, mensaje });
  }
}
