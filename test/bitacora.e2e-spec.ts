import * as fs from 'node:fs';
import * as path from 'node:path';
import { BitacoraImmudb, BitacoraNoVerificableError } from '@prep/audit';
import { stackConfig } from '../scripts/services/config';
import { startImmudb } from '../scripts/services/immudb';
import { stopPid } from '../scripts/services/proc';

const connect = (database: string, stateDir: string) =>
  BitacoraImmudb.connect({
    address: process.env.IMMUDB_ADDRESS!,
    user: 'immudb',
    password: 'immudb',
    database,
    stateDir,
  });

describe('immudb-node 1.1.1 against the pinned immudb server', () => {
  const base = process.env.IMMUDB_DATABASE!;
  const stateDir = path.join(process.env.PREP_DATA_DIR!, 'bitacora-test');
  let bitacora: BitacoraImmudb;

  beforeAll(async () => {
    bitacora = await connect(`${base}a`, stateDir);
  });
  afterAll(() => bitacora?.close());

  it('verifiedSet then verifiedGet returns the value with a proof that holds', async () => {
    const { txId } = await bitacora.verifiedSet('prueba:1', '{"hola":"mundo"}');
    expect(txId).toBeGreaterThan(0);
    const entry = await bitacora.verifiedGet('prueba:1');
    expect(entry).toEqual({ key: 'prueba:1', value: '{"hola":"mundo"}', txId });
    const tx = await bitacora.verifiedTxById(txId);
    expect(tx.txId).toBe(txId);
    expect(await bitacora.verifiedGet('prueba:no-existe')).toBeNull();
  });

  it('verifiedSetAll writes several entries in one proven transaction and moves the trusted state to it', async () => {
    const entradas = [1, 2, 3].map((i) => ({ key: `lote:${i}`, value: `valor ${i}` }));
    const { txId } = await bitacora.verifiedSetAll(entradas);
    expect(bitacora.trustedState()?.txId).toBe(txId);
    for (const e of entradas) expect(await bitacora.verifiedGet(e.key)).toEqual({ ...e, txId });
    expect((await bitacora.transaccion(txId)).entradas).toHaveLength(3);
    // Proven from the state the previous write left: the next one extends it.
    const siguiente = await bitacora.verifiedSetAll([{ key: 'lote:4', value: 'valor 4' }]);
    expect(siguiente.txId).toBe(txId + 1);
  });

  it('persists the trusted state and keeps verifying after a reconnect', async () => {
    await bitacora.verifiedSet('prueba:2', 'dos');
    const trusted = bitacora.trustedState();
    expect(trusted?.txId).toBeGreaterThan(0);
    // The state is written in the background (estado-persistido.ts); a reconnect waits for it.
    await bitacora.estadoGuardado();
    const again = await connect(`${base}a`, stateDir);
    try {
      expect(again.trustedState()).toEqual(trusted);
      expect((await again.verifiedGet('prueba:2'))?.value).toBe('dos');
    } finally {
      again.close();
    }
    const files = fs.readdirSync(stateDir);
    expect(files.some((f) => f.endsWith(`${base}a.json`))).toBe(true);
  });

  it('fails verification when the trusted state belongs to another database', async () => {
    const other = await connect(`${base}b`, path.join(stateDir, 'otra'));
    try {
      for (let i = 0; i < 5; i++) await other.verifiedSet(`otra:${i}`, `valor ${i}`);
      const foreign = other.trustedState()!;
      await bitacora.verifiedSet('prueba:3', 'tres');
      const own = bitacora.trustedState()!;
      bitacora.setTrustedState({ ...foreign, db: own.db });
      await expect(bitacora.verifiedGet('prueba:3')).rejects.toBeInstanceOf(BitacoraNoVerificableError);
      await expect(bitacora.verifiedSet('prueba:4', 'cuatro')).rejects.toThrow(/verificación criptográfica/);
      // A failed proof does not move the trusted state: it is still the foreign one.
      expect(bitacora.trustedState()).toEqual({ ...foreign, db: own.db });
      bitacora.setTrustedState(own);
      expect((await bitacora.verifiedGet('prueba:3'))?.value).toBe('tres');
    } finally {
      other.close();
    }
  });

  it('fails verification when the trusted hash was tampered with', async () => {
    await bitacora.verifiedSet('prueba:5', 'cinco');
    const own = bitacora.trustedState()!;
    const flipped = (own.txHash[0] === 'a' ? 'b' : 'a') + own.txHash.slice(1);
    bitacora.setTrustedState({ ...own, txHash: flipped });
    await expect(bitacora.verifiedGet('prueba:5')).rejects.toBeInstanceOf(BitacoraNoVerificableError);
    bitacora.setTrustedState(own);
  });
});

describe('an immudb restart under a connected client', () => {
  it('logs in again by itself, so appends resume instead of failing forever', async () => {
    const dir = fs.mkdtempSync(path.join(process.env.PREP_DATA_DIR!, 'reinicio-'));
    const base = stackConfig('test');
    // A private server (kept data, other port) so restarting it disturbs no other test.
    const cfg = { ...base, profile: 'dev' as const, dataDir: dir, ports: { ...base.ports, immudb: base.ports.immudb + 17 } };
    let pid = await startImmudb(cfg);
    const bitacora = await BitacoraImmudb.connect({
      address: `127.0.0.1:${cfg.ports.immudb}`,
      user: 'immudb',
      password: 'immudb',
      database: 'reinicio',
      stateDir: path.join(dir, 'estado'),
    });
    try {
      await bitacora.verifiedSet('antes', '1');
      await stopPid(pid!, 'immudb');
      pid = await startImmudb(cfg);
      const { txId } = await bitacora.verifiedSet('despues', '2');
      expect(txId).toBeGreaterThan(0);
      expect((await bitacora.verifiedGet('antes'))?.value).toBe('1');
    } finally {
      bitacora.close();
      if (pid) await stopPid(pid, 'immudb');
    }
  });
});
