import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dirEstadoConfiable } from './estado-confiable';

describe('dirEstadoConfiable', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-estado-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps a trusted state saved under the old folder name instead of starting a fresh one', () => {
    fs.mkdirSync(path.join(dataDir, 'ledger-state', 'api'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'ledger-state', 'api', 'estado.json'), '{"txId":42}');
    const dir = dirEstadoConfiable(dataDir, 'api');
    expect(dir).toBe(path.join(dataDir, 'bitacora-state', 'api'));
    expect(fs.readFileSync(path.join(dir, 'estado.json'), 'utf8')).toBe('{"txId":42}');
  });

  it('never overwrites a current trusted state with an old one', () => {
    fs.mkdirSync(path.join(dataDir, 'ledger-state', 'worker'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'ledger-state', 'worker', 'estado.json'), 'viejo');
    fs.mkdirSync(path.join(dataDir, 'bitacora-state', 'worker'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'bitacora-state', 'worker', 'estado.json'), 'actual');
    expect(fs.readFileSync(path.join(dirEstadoConfiable(dataDir, 'worker'), 'estado.json'), 'utf8')).toBe('actual');
  });
});
