import { EscrituraAgrupada } from './escritura-agrupada';
import type { EntradaAEscribir } from './escritura-verificada';

const e = (key: string): EntradaAEscribir => ({ key, value: `v-${key}` });

/** A writer whose calls finish when the test says, recording each batch. */
function escritorManual() {
  const lotes: string[][] = [];
  const pendientes: { resolver: () => void; fallar: (err: Error) => void }[] = [];
  let tx = 0;
  const escribir = (entradas: EntradaAEscribir[]) =>
    new Promise<{ txId: number }>((resolve, reject) => {
      lotes.push(entradas.map((x) => x.key));
      pendientes.push({ resolver: () => resolve({ txId: ++tx }), fallar: reject });
    });
  const terminar = async (err?: Error) => {
    const p = pendientes.shift()!;
    if (err) p.fallar(err);
    else p.resolver();
    // Let the batch's callers and the next batch's start run.
    await new Promise((r) => setImmediate(r));
  };
  return { lotes, escribir, terminar };
}

describe('EscrituraAgrupada: group commit of verified writes', () => {
  it('writes a lone request at once, then everything asked meanwhile as one transaction', async () => {
    const m = escritorManual();
    const g = new EscrituraAgrupada(m.escribir);
    const a = g.pedir([e('a')]);
    const b = g.pedir([e('b1'), e('b2')]);
    const c = g.pedir([e('c')]);
    expect(m.lotes).toEqual([['a']]);
    await m.terminar();
    expect(m.lotes).toEqual([['a'], ['b1', 'b2', 'c']]);
    await m.terminar();
    expect(await a).toEqual({ txId: 1 });
    expect(await b).toEqual({ txId: 2 });
    expect(await c).toEqual({ txId: 2 });
  });

  it('never puts a key twice in one transaction: the second request waits for the next batch', async () => {
    const m = escritorManual();
    const g = new EscrituraAgrupada(m.escribir);
    void g.pedir([e('x')]);
    const uno = g.pedir([e('acta:1'), e('acta:2')]);
    const repetida = g.pedir([e('acta:2')]);
    const otra = g.pedir([e('y')]);
    await m.terminar();
    expect(m.lotes[1]).toEqual(['acta:1', 'acta:2', 'y']);
    await m.terminar();
    expect(m.lotes[2]).toEqual(['acta:2']);
    await m.terminar();
    expect((await uno).txId).toBe(2);
    expect((await otra).txId).toBe(2);
    expect((await repetida).txId).toBe(3);
  });

  it('caps a batch at the maximum entries per transaction, keeping the order of requests', async () => {
    const m = escritorManual();
    const g = new EscrituraAgrupada(m.escribir, 3);
    void g.pedir([e('0')]);
    for (const k of ['1', '2', '3', '4']) void g.pedir([e(k)]);
    await m.terminar();
    await m.terminar();
    expect(m.lotes).toEqual([['0'], ['1', '2', '3'], ['4']]);
    await expect(g.pedir([e('a'), e('b'), e('c'), e('d')])).rejects.toThrow(/excede 3/);
  });

  it('fails every request of a failed batch, and only those; the next batch still goes', async () => {
    const m = escritorManual();
    const g = new EscrituraAgrupada(m.escribir);
    const a = g.pedir([e('a')]);
    const b = g.pedir([e('b')]);
    const c = g.pedir([e('c')]);
    await m.terminar(new Error('immudb no respondió'));
    await expect(a).rejects.toThrow('immudb no respondió');
    await m.terminar(new Error('prueba dual fallida'));
    await expect(b).rejects.toThrow('prueba dual fallida');
    await expect(c).rejects.toThrow('prueba dual fallida');
    const d = g.pedir([e('d')]);
    await m.terminar();
    expect(await d).toEqual({ txId: 1 });
    expect(g.enEspera).toBe(0);
  });
});
