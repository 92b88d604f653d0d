import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asegurarSecretoJwt, leerSecretoJwt, loadConfig, rutaSecretoJwt } from './index';

describe('the JWT secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-secreto-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no built-in value: without JWT_SECRET and without the installation file the API cannot start', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      const cfg = loadConfig({ NODE_ENV, PREP_DATA_DIR: dir, IMMUDB_PASSWORD: 'otra' });
      expect(cfg.JWT_SECRET).toBeUndefined();
      expect(() => leerSecretoJwt(cfg)).toThrow(/Falta el secreto JWT: defina JWT_SECRET .*npm start/);
    }
  });

  it('loadConfig does not need a secret, so the CLIs and the worker run without one', () => {
    expect(() => loadConfig({ PREP_DATA_DIR: dir })).not.toThrow();
  });

  it('is created once per installation, random, mode 0600 in a 0700 folder, and reused on later starts', () => {
    const primero = asegurarSecretoJwt(dir);
    expect(primero).toEqual({ ruta: rutaSecretoJwt(dir), creado: true });
    expect(primero.ruta).toBe(path.join(dir, 'secretos', 'jwt.secret'));
    expect(fs.statSync(primero.ruta).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(primero.ruta)).mode & 0o777).toBe(0o700);
    const secreto = leerSecretoJwt(loadConfig({ PREP_DATA_DIR: dir }));
    expect(Buffer.from(secreto, 'base64url').length).toBeGreaterThanOrEqual(32);

    expect(asegurarSecretoJwt(dir)).toEqual({ ruta: primero.ruta, creado: false });
    expect(leerSecretoJwt(loadConfig({ PREP_DATA_DIR: dir }))).toBe(secreto);

    const otra = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-secreto-'));
    try {
      asegurarSecretoJwt(otra);
      expect(leerSecretoJwt(loadConfig({ PREP_DATA_DIR: otra }))).not.toBe(secreto);
    } finally {
      fs.rmSync(otra, { recursive: true, force: true });
    }
  });

  it('JWT_SECRET overrides the file and must be at least 32 characters in every environment', () => {
    asegurarSecretoJwt(dir);
    const propio = 'x'.repeat(32);
    expect(leerSecretoJwt(loadConfig({ PREP_DATA_DIR: dir, JWT_SECRET: propio }))).toBe(propio);
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(() => loadConfig({ NODE_ENV, JWT_SECRET: 'corto', IMMUDB_PASSWORD: 'otra' })).toThrow(/JWT_SECRET: debe tener al menos 32/);
    }
    expect(loadConfig({ JWT_SECRET: '' }).JWT_SECRET).toBeUndefined();
  });

  it('refuses a truncated secret file instead of signing with a weak key', () => {
    fs.mkdirSync(path.dirname(rutaSecretoJwt(dir)), { recursive: true });
    fs.writeFileSync(rutaSecretoJwt(dir), 'corto\n', { mode: 0o600 });
    expect(() => leerSecretoJwt(loadConfig({ PREP_DATA_DIR: dir }))).toThrow(/menos de 32 caracteres/);
  });
});
