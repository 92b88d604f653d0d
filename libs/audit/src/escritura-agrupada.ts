import type { EntradaAEscribir } from './escritura-verificada';

interface Pedido {
  entradas: readonly EntradaAEscribir[];
  resolver: (r: { txId: number }) => void;
  rechazar: (err: unknown) => void;
}

/** immudb 1.1.0 refuses a transaction with more entries than this (its default MaxTxEntries is 1024). */
export const MAX_ENTRADAS_POR_TX = 1024;

/**
 * Group commit: while one verified write is in flight, the writes asked for meanwhile wait and then
 * go together in the next transaction. A lone write goes at once (no added delay when the bitácora is
 * idle); under load a transaction carries many actas' transitions and staff actions, so the server
 * commits, and the client proves, once per batch instead of once per request. Every caller learns the
 * transaction its entries landed in; a failed batch fails each of its callers, who retry on their own
 * (the retry finds its entries absent, since a transaction is written whole or not at all).
 * A key asked twice (a stale attempt racing its retry) never shares a batch with itself: immudb would
 * refuse the whole transaction, so the second waits for the next batch.
 */
export class EscrituraAgrupada {
  private cola: Pedido[] = [];
  private enCurso = false;

  constructor(
    private readonly escribir: (entradas: EntradaAEscribir[]) => Promise<{ txId: number }>,
    private readonly maxEntradas = MAX_ENTRADAS_POR_TX,
  ) {}

  pedir(entradas: readonly EntradaAEscribir[]): Promise<{ txId: number }> {
    if (entradas.length === 0) return Promise.reject(new Error('escritura sin entradas'));
    if (entradas.length > this.maxEntradas) return Promise.reject(new Error(`una escritura de ${entradas.length} entradas excede ${this.maxEntradas}`));
    return new Promise((resolver, rechazar) => {
      this.cola.push({ entradas, resolver, rechazar });
      this.siguiente();
    });
  }

  /** Requests waiting for the next batch (observability and tests). */
  get enEspera(): number {
    return this.cola.length;
  }

  private siguiente(): void {
    if (this.enCurso || this.cola.length === 0) return;
    const lote: Pedido[] = [];
    const claves = new Set<string>();
    const quedan: Pedido[] = [];
    let total = 0;
    for (const p of this.cola) {
      const cabe = total + p.entradas.length <= this.maxEntradas;
      if (!cabe || p.entradas.some((e) => claves.has(e.key))) {
        quedan.push(p);
        continue;
      }
      lote.push(p);
      total += p.entradas.length;
      for (const e of p.entradas) claves.add(e.key);
    }
    this.cola = quedan;
    this.enCurso = true;
    this.escribir(lote.flatMap((p) => p.entradas))
      .then(
        (r) => lote.forEach((p) => p.resolver(r)),
        (err: unknown) => lote.forEach((p) => p.rechazar(err)),
      )
      .finally(() => {
        this.enCurso = false;
        this.siguiente();
      });
  }
}
