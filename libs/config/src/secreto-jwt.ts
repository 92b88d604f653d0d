import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Shortest JWT_SECRET accepted: HS256 is only as strong as its key (RFC 7518 §3.2 asks for ≥ 256 bits). */
export const LONGITUD_MINIMA_SECRETO_JWT = 32;

/** Where an installation keeps its own JWT secret: inside the profile's data folder, never in the repository. */
export function rutaSecretoJwt(dataDir: string): string {
  return path.join(dataDir, 'secretos', 'jwt.secret');
}

/**
 * Makes this installation's JWT secret on first use (48 random bytes, base64url, file mode 0600 in a
 * 0700 folder) and reuses it afterwards, so sessions survive a restart but no two installations,
 * and no copy of the repository, share a key. The exclusive create ('wx') means two starts racing
 * on a fresh folder both end up with the one file that won.
 */
export function asegurarSecretoJwt(dataDir: string): { ruta: string; creado: boolean } {
  const ruta = rutaSecretoJwt(dataDir);
  fs.mkdirSync(path.dirname(ruta), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(ruta, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    return { ruta, creado: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { ruta, creado: false };
    throw err;
  }
}

/**
 * The secret the API signs and verifies sessions with: JWT_SECRET when given (real deployments,
 * several replicas), otherwise the installation's file made by `npm start`. There is deliberately
 * no built-in fallback: a constant in the code is a key every reader of the repository holds.
 * Only the API calls this, so the CLIs and the worker run without any secret.
 */
export function leerSecretoJwt(cfg: { JWT_SECRET?: string; PREP_DATA_DIR: string }): string {
  if (cfg.JWT_SECRET) return cfg.JWT_SECRET;
  const ruta = rutaSecretoJwt(cfg.PREP_DATA_DIR);
  let secreto: string;
  try {
    secreto = fs.readFileSync(ruta, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`No se pudo leer el secreto JWT de ${ruta}: ${(err as Error).message}`, { cause: err });
    throw new Error(
      `Falta el secreto JWT: defina JWT_SECRET (al menos ${LONGITUD_MINIMA_SECRETO_JWT} caracteres aleatorios) ` +
        `o inicie con \`npm start\`, que crea ${ruta} la primera vez`,
      { cause: err },
    );
  }
  if (secreto.length < LONGITUD_MINIMA_SECRETO_JWT) {
    throw new Error(`El secreto JWT de ${ruta} tiene menos de ${LONGITUD_MINIMA_SECRETO_JWT} caracteres; bórrelo para que \`npm start\` cree uno nuevo`);
  }
  return secreto;
}
