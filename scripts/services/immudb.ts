import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StackConfig } from './config';
import { ensureImmudb } from './go-build';
import { isPidAlive, isPortOpen, log, spawnDetached, tail, waitFor } from './proc';

/** `conservar`: a restart of a running stack's immudb (the failure drills) keeps the test profile's bitácora too. */
export async function startImmudb(cfg: StackConfig, { conservar = false } = {}): Promise<number | undefined> {
  const port = cfg.ports.immudb;
  if (await isPortOpen(port)) {
    log(`immudb ya responde en 127.0.0.1:${port}: se reutiliza`);
    return undefined;
  }
  const { server } = await ensureImmudb();
  const dir = path.join(cfg.dataDir, 'immudb');
  // Tests always start from an empty bitácora so a run never depends on the last one.
  if (cfg.profile === 'test' && !conservar) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { privada } = ensureSigningKey(cfg);
  const logFile = path.join(cfg.dataDir, 'logs', 'immudb.log');
  const args = [
    '--dir',
    dir,
    '--address',
    '127.0.0.1',
    '--port',
    String(port),
    '--pgsql-server=false',
    '--web-server=false',
    '--devmode=false',
    '--pidfile',
    '',
    // Every state the server reports is signed: an auditor can prove which server said it.
    '--signingKey',
    privada,
  ];
  const pid = spawnDetached(server, args, logFile, { cwd: dir });
  try {
    await waitFor('immudb', () => isPortOpen(port), { isAlive: () => isPidAlive(pid) });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${tail(logFile)}`, { cause: err });
  }
  log(`immudb en 127.0.0.1:${port} (datos: ${dir})`);
  return pid;
}

/**
 * The server's ECDSA P-256 signing key (SEC1 PEM, the format immudb 1.1.0 reads),
 * made on first start and kept with the profile's data outside the bitácora folder,
 * so the test profile's wipe of its bitácora keeps the same key.
 */
export function ensureSigningKey(cfg: StackConfig): { privada: string; publica: string } {
  const dir = path.join(cfg.dataDir, 'immudb-firma');
  const privada = path.join(dir, 'firma.key.pem');
  const publica = path.join(dir, 'firma.pub.pem');
  if (!fs.existsSync(privada) || !fs.existsSync(publica)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      privateKeyEncoding: { type: 'sec1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    fs.writeFileSync(privada, privateKey, { mode: 0o600 });
    fs.writeFileSync(publica, publicKey);
    log(`clave de firma de immudb creada en ${dir}`);
  }
  return { privada, publica };
}
