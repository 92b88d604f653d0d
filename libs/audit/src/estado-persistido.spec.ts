import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { persistirEnSegundoPlano, type AlmacenEstado } from './estado-persistido';

/** A state store like immudb-node's: a value in memory, written whole by commit(). */
function almacen(dir: string) {
  const a = {
    rootPath: path.join(dir, 'estado.json'),
    valor: 0,
    escriturasSincronas: 0,
    stringifyServers() {
      return JSON.stringify({ valor: a.valor });
    },
    commit() {
      a.escriturasSincronas++;
      fs.writeFileSync(a.rootPath, a.stringifyServers());
    },
  };
  return a;
}

const leer = (a: AlmacenEstado) => JSON.parse(fs.readFileSync(a.rootPath, 'utf8')).valor;

describe('persistirEnSegundoPlano: the trusted state written off the event loop', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'estado-persistido-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('never writes synchronously while running, and ends with the latest state on disk', async () => {
    const a = almacen(dir);
    const p = persistirEnSegundoPlano(a, (err) => {
      throw err;
    });
    for (let i = 1; i <= 50; i++) {
      a.valor = i;
      a.commit();
    }
    await p.vaciar();
    expect(a.escriturasSincronas).toBe(0);
    expect(leer(a)).toBe(50);
    // Coalesced: no temporary file left behind.
    expect(fs.readdirSync(dir)).toEqual(['estado.json']);
  });

  it('cerrar writes the latest state at once, even with a background write in flight', async () => {
    const a = almacen(dir);
    const p = persistirEnSegundoPlano(a, (err) => {
      throw err;
    });
    a.valor = 1;
    a.commit();
    a.valor = 2;
    a.commit();
    p.cerrar();
    expect(leer(a)).toBe(2);
    await p.vaciar();
    // The write that was in flight did not overwrite the final one with an older state.
    expect(leer(a)).toBe(2);
    expect(fs.readdirSync(dir)).toEqual(['estado.json']);
    a.valor = 3;
    a.commit();
    expect(leer(a)).toBe(3);
  });

  it('reports a failed write instead of throwing into the caller', async () => {
    const a = almacen(dir);
    a.rootPath = path.join(dir, 'no-existe', 'estado.json');
    const fallas: unknown[] = [];
    const p = persistirEnSegundoPlano(a, (err) => fallas.push(err));
    a.commit();
    await p.vaciar();
    expect(fallas).toHaveLength(1);
  });
});
