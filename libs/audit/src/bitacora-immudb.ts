import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TxLeida } from './arbol-immudb';
import { toHex, txLeida } from './respuestas-immudb';
import { BitacoraInaccesibleError, BitacoraNoVerificableError, describirError } from './errores-bitacora';
import { comprobarEscritura, estadoTrasEscritura, solicitudEscritura, type EntradaAEscribir, type EstadoProbado } from './escritura-verificada';
import { EscrituraAgrupada } from './escritura-agrupada';
import { persistirEnSegundoPlano, type PersistenciaEstado } from './estado-persistido';
// immudb-node ships empty protobuf typings; everything it returns is wrapped
// below in types of our own so `any` never leaks past this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- its typings are empty; wrapped below
const ImmudbClient = require('immudb-node').default;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a module inside immudb-node's own dependency tree
const { Empty } = require(require.resolve('google-protobuf/google/protobuf/empty_pb', { paths: [path.dirname(require.resolve('immudb-node'))] }));

export interface ImmudbOptions {
  /** host:port of the immudb server */
  address: string;
  user: string;
  password: string;
  database: string;
  /** Folder where the client's trusted state is persisted (one file per server and database). */
  stateDir: string;
  /** immudb-node can leave a promise unsettled on some proof failures: every call gets a deadline. */
  timeoutMs?: number;
}

export interface EntradaLeida {
  key: string;
  value: string;
  txId: number;
}

export interface TrustedState {
  db: string;
  txId: number;
  txHash: string; // hex
}

export { BitacoraInaccesibleError, BitacoraNoVerificableError } from './errores-bitacora';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

const SESION_PERDIDA = /not logged in|invalid token|token (has )?expired|unauthenticated/i;

const PROCESS_EVENTS = ['exit', 'SIGINT', 'uncaughtException'] as const;

/**
 * Typed wrapper over immudb-node 1.1.1 that removes its side effects:
 * - its state store installs `exit`/`SIGINT`/`uncaughtException` handlers (the last
 *   one swallows crashes); we remove them and persist the state ourselves;
 * - a failed proof rejects with `undefined`/`null` or never settles; we turn that
 *   into BitacoraNoVerificableError, with a timeout;
 * - a failed proof may still have advanced its in-memory trusted state; we roll
 *   the trusted state back to what it was before the call.
 */
export class BitacoraImmudb {
  private readonly escrituras = new EscrituraAgrupada((entradas) => this.escribirVerificado(entradas));

  private constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- immudb-node's typings are empty; every call is wrapped below
    private readonly client: any,
    private readonly opts: Required<ImmudbOptions>,
    private readonly persistencia: PersistenciaEstado,
  ) {}

  static async connect(options: ImmudbOptions): Promise<BitacoraImmudb> {
    const opts: Required<ImmudbOptions> = { timeoutMs: 10_000, ...options };
    const [host, portText] = splitAddress(opts.address);
    fs.mkdirSync(opts.stateDir, { recursive: true });
    const rootPath = path.join(opts.stateDir, `estado-confiable-${host}-${portText}-${opts.database}.json`);
    const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
    const client = new ImmudbClient({ host, port: portText, rootPath });
    for (const event of PROCESS_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    const persistencia = persistirEnSegundoPlano(client.state, (err) =>
      process.stderr.write(`no se pudo guardar el estado confiable de immudb en ${rootPath}: ${describirError(err)}\n`),
    );
    const bitacora = new BitacoraImmudb(client, opts, persistencia);
    await bitacora.call('login', () => client.login({ user: opts.user, password: opts.password }));
    const list = await bitacora.call('listDatabases', () => client.listDatabases());
    const exists = (list?.databasesList ?? []).some((d: { databasename: string }) => d.databasename === opts.database);
    if (!exists) await bitacora.call('createDatabase', () => client.createDatabase({ databasename: opts.database }));
    await bitacora.call('useDatabase', () => client.useDatabase({ databasename: opts.database }));
    // health() is what records the server's UUID, which keys the trusted state.
    await bitacora.call('health', () => client.health());
    return bitacora;
  }

  get database(): string {
    return this.opts.database;
  }

  async health(): Promise<{ status: boolean; version: string }> {
    const res = await this.call('health', () => this.client.health());
    return { status: Boolean(res?.status), version: String(res?.version ?? '') };
  }

  /** One entry, proven like verifiedSetAll (and grouped with concurrent writes). */
  async verifiedSet(key: string, value: string): Promise<{ txId: number }> {
    return this.escrituras.pedir([{ key, value }]);
  }

  /**
   * Several entries in ONE transaction, proven: every entry is in it and nothing else, and the
   * transaction extends the trusted state (escritura-verificada.ts). One transition of an acta is one
   * transaction (or part of one shared with concurrent writes: escritura-agrupada.ts), so a crash can
   * never leave half a transition in the bitácora.
   */
  async verifiedSetAll(entradas: readonly EntradaAEscribir[]): Promise<{ txId: number }> {
    return this.escrituras.pedir(entradas);
  }

  /** The write behind verifiedSet and verifiedSetAll, one batch of EscrituraAgrupada at a time. */
  private async escribirVerificado(entradas: readonly EntradaAEscribir[]): Promise<{ txId: number }> {
    const res = await this.verified('verifiedSetAll', async () => {
      const estado = await this.client.state.get({
        databaseName: this.client._activeDatabase,
        serverName: this.client._serverUUID,
        metadata: this.client._metadata,
      });
      const confiable: EstadoProbado = { txId: Number(estado.getTxid()), alh: estado.getTxhash_asU8() };
      const respuesta = await new Promise((resolve, reject) =>
        this.client.client.verifiableSet(solicitudEscritura(entradas, confiable.txId), this.client._metadata, (err: Error | null, out: Raw) =>
          err ? reject(err) : resolve(out),
        ),
      );
      const falla = comprobarEscritura(entradas, respuesta, confiable);
      if (falla) throw new BitacoraNoVerificableError('verifiedSetAll', falla);
      const nuevo = estadoTrasEscritura(respuesta);
      this.avanzarEstadoConfiable(nuevo);
      return nuevo;
    });
    return { txId: res.txId };
  }

  /** Concurrent writes may finish out of order: the trusted state only moves forward. */
  private avanzarEstadoConfiable(nuevo: EstadoProbado): void {
    const actual = this.rawTrusted();
    if (actual && Number(actual.txid) >= nuevo.txId) return;
    this.client.state.set(this.stateKey(), { db: this.opts.database, txid: nuevo.txId, txhash: nuevo.alh, signature: nuevo.signature });
  }

  /**
   * Unverified batch write in one transaction. Only for seeding benchmarks and drills:
   * production appends go through verifiedSet so every write is proven.
   */
  async setAllSinVerificar(entries: { key: string; value: string }[]): Promise<{ txId: number }> {
    const res = await this.call('setAll', () => this.client.setAll({ kvsList: entries }));
    return { txId: Number(res?.id) };
  }

  /** Verified read; null when the key was never written. */
  async verifiedGet(key: string): Promise<EntradaLeida | null> {
    try {
      const res = await this.verified('verifiedGet', () => this.client.verifiedGet({ key }));
      return { key: String(res.key), value: String(res.value), txId: Number(res.tx) };
    } catch (err) {
      if (isKeyNotFound(err)) return null;
      throw err;
    }
  }

  /**
   * Like verifiedGet, but looks first with a prefix scan: immudb-node prints a stack
   * trace for every missing key, which would flood the logs of a bulk existence check.
   */
  async verifiedGetSiExiste(key: string): Promise<EntradaLeida | null> {
    const hallada = await this.scan(key, { limit: 1 });
    if (hallada.length === 0 || hallada[0].key !== key) return null;
    return this.verifiedGet(key);
  }

  /** Verified read of the value a key had at a given transaction. */
  async verifiedGetAt(key: string, txId: number): Promise<EntradaLeida> {
    const res = await this.verified('verifiedGetAt', () => this.client.verifiedGetAt({ key, attx: txId }));
    return { key: String(res.key), value: String(res.value), txId: Number(res.tx) };
  }

  async verifiedTxById(txId: number): Promise<{ txId: number; entries: number }> {
    const res = await this.verified('verifiedTxById', () => this.client.verifiedTxById({ tx: txId }));
    return { txId: Number(res.id ?? txId), entries: Number(res.nentries ?? 0) };
  }

  /**
   * Keys written by each transaction from `desdeTx` on (unverified; values are read separately with
   * proofs when they matter). What a corte uses to find the actas changed since the previous one.
   */
  async txScan(desdeTx: number, limit = 1000): Promise<{ txId: number; keys: string[] }[]> {
    const res = await this.call('txScan', () => this.client.txScan({ initialtx: desdeTx, limit, desc: false }));
    // protobuf bytes come back as Uint8Array from the wire, or base64 text from toObject(); a
    // transaction lists keys as the store keeps them, after immudb's one-byte prefix (0 for a set).
    const texto = (k: Uint8Array | string) => {
      const b = typeof k === 'string' ? Buffer.from(k, 'base64') : Buffer.from(k);
      return (b[0] === 0 ? b.subarray(1) : b).toString('utf8');
    };
    // immudb 1.1.0 names a transaction's header `metadata` (later versions: `header`).
    return (res?.txsList ?? []).map((t: { metadata?: { id: number }; header?: { id: number }; entriesList?: { key: Uint8Array | string }[] }) => ({
      txId: Number(t.metadata?.id ?? t.header?.id),
      keys: (t.entriesList ?? []).map((e) => texto(e.key)),
    }));
  }

  /** Unverified prefix scan (ordered by key), for listings; each entry is verified separately when it matters. */
  async scan(prefix: string, { limit = 1000, seekKey, sinceTx }: { limit?: number; seekKey?: string; sinceTx?: number } = {}): Promise<EntradaLeida[]> {
    // The index trails the commit log: waiting for the current tx makes a scan see every write made so far.
    const since = sinceTx ?? (await this.currentServerState()).txId;
    const res = await this.call('scan', () => this.client.scan({ prefix, limit, seekkey: seekKey, sincetx: since }));
    return (res?.entriesList ?? []).map((i: { key: string; value: string; tx: number }) => ({
      key: String(i.key),
      value: String(i.value),
      txId: Number(i.tx),
    }));
  }

  /**
   * Transactions from `desde` on, in id order, headers and entries (stored key, hValue).
   * Unverified: the audit bundle proves them offline by their Alh chain to a signed state.
   */
  async transacciones(desde: number, limite: number): Promise<TxLeida[]> {
    const res = await this.call('txScan', () => this.client.txScan({ initialtx: desde, limit: limite, desc: false }));
    return (res?.txsList ?? []).map(txLeida);
  }

  /** One transaction, unverified like `transacciones`. */
  async transaccion(id: number): Promise<TxLeida> {
    return txLeida(await this.call('txById', () => this.client.txById({ tx: id })));
  }

  /**
   * The server's current state, read with the raw gRPC call: immudb-node's own
   * currentState() would also overwrite the trusted state with whatever the server
   * says, which defeats rollback detection.
   */
  /** Every value a key ever had (unverified), oldest first: shows whether a key was written twice. */
  async history(key: string): Promise<EntradaLeida[]> {
    const res = await this.call('history', () => this.client.history({ key, limit: 1000 }));
    return (res?.entriesList ?? []).map((i: { key: string; value: string; tx: number }) => ({
      key: String(i.key),
      value: String(i.value),
      txId: Number(i.tx),
    }));
  }

  async currentServerState(): Promise<TrustedState & { signature?: { signature: string; publicKey: string } }> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const res: any = await this.call(
      'currentState',
      () =>
        new Promise((resolve, reject) =>
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          this.client.client.currentState(new Empty(), this.client._metadata, (err: Error | null, out: any) => (err ? reject(err) : resolve(out))),
        ),
    );
    const sig = res.getSignature();
    const signature =
      sig && sig.getSignature_asU8().length > 0 ? { signature: toHex(sig.getSignature_asU8()), publicKey: toHex(sig.getPublickey_asU8()) } : undefined;
    return { db: String(res.getDb()), txId: Number(res.getTxid()), txHash: toHex(res.getTxhash_asU8()), signature };
  }

  /** The state this client trusts (the last one it verified), as persisted on disk. */
  trustedState(): TrustedState | null {
    const raw = this.rawTrusted();
    return raw ? { db: raw.db, txId: Number(raw.txid), txHash: toHex(raw.txhash) } : null;
  }

  /** Replaces the trusted state (auditor import, tests); the next verified call is proven against it. */
  setTrustedState(state: TrustedState): void {
    this.client.state.set(this.stateKey(), {
      db: state.db,
      txid: state.txId,
      txhash: Uint8Array.from(Buffer.from(state.txHash, 'hex')),
      signature: undefined,
    });
  }

  close(): void {
    this.persistencia.cerrar();
    this.client.client.close();
  }

  /** Resolves once the trusted state on disk is the one in memory. */
  async estadoGuardado(): Promise<void> {
    await this.persistencia.vaciar();
  }

  private stateKey() {
    return { serverName: this.client._serverUUID, databaseName: this.opts.database };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private rawTrusted(): any {
    const servers = this.client.state.servers ?? {};
    return servers[this.client._serverUUID]?.[this.opts.database] ?? null;
  }

  private async verified(operation: string, fn: () => Promise<Raw>): Promise<Raw> {
    const saved = this.rawTrusted();
    try {
      const res = await this.call(operation, fn, true);
      if (res === undefined || res === null) throw new BitacoraNoVerificableError(operation);
      return res;
    } catch (err) {
      // A failed proof must not move the trusted state forward.
      if (!isKeyNotFound(err)) {
        if (saved) this.client.state.set(this.stateKey(), saved);
      }
      throw err;
    }
  }

  /**
   * immudb forgets sessions when it restarts ("not logged in"): log in again and
   * retry once, so a bitácora restart delays appends instead of blocking them forever.
   */
  private async call(operation: string, fn: () => Promise<Raw>, verifying = false): Promise<Raw> {
    try {
      return await this.callOnce(operation, fn, verifying);
    } catch (err) {
      if (!(err instanceof BitacoraInaccesibleError) || !SESION_PERDIDA.test(err.message) || operation === 'login') throw err;
      await this.callOnce('login', () => this.client.login({ user: this.opts.user, password: this.opts.password }));
      await this.callOnce('useDatabase', () => this.client.useDatabase({ databasename: this.opts.database }));
      return this.callOnce(operation, fn, verifying);
    }
  }

  private callOnce(operation: string, fn: () => Promise<Raw>, verifying = false): Promise<Raw> {
    return new Promise<Raw>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            verifying ? new BitacoraNoVerificableError(operation, 'sin respuesta de la prueba') : new BitacoraInaccesibleError(operation, 'tiempo agotado'),
          ),
        this.opts.timeoutMs,
      );
      Promise.resolve()
        .then(fn)
        .then(
          (res) => {
            clearTimeout(timer);
            resolve(res);
          },
          (err: unknown) => {
            clearTimeout(timer);
            if (err instanceof BitacoraNoVerificableError) reject(err);
            else if (err instanceof Error && /key not found/i.test(err.message)) reject(err);
            // The server cannot prove consistency from a state it never had (a trusted
            // tx beyond its history: rolled back, or another bitácora altogether).
            else if (verifying && err instanceof Error && /illegal state/i.test(err.message)) {
              reject(new BitacoraNoVerificableError(operation, 'el servidor no puede probar consistencia desde el estado confiable'));
            } else if (err instanceof Error) reject(new BitacoraInaccesibleError(operation, err));
            else reject(new BitacoraNoVerificableError(operation));
          },
        );
    });
  }
}

function isKeyNotFound(err: unknown): boolean {
  return err instanceof Error && /key not found/i.test(err.message);
}

function splitAddress(address: string): [string, string] {
  const idx = address.lastIndexOf(':');
  if (idx <= 0) throw new Error(`dirección de immudb no válida: '${address}' (use host:puerto)`);
  return [address.slice(0, idx), address.slice(idx + 1)];
}
