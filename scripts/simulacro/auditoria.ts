import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../services/config';
import type { InformeVerificacionCompleta } from '@prep/audit';
import type { ResultadoPaquete, ResultadoVerificacion } from '@prep/simulacro';
import type { ClienteHttp } from './http';

export type { ResultadoPaquete, ResultadoVerificacion };

/** The auditor's side of the close: the full check over HTTP (the offline bundle follows in paqueteAuditoria). */
export async function verificacionCompleta(http: ClienteHttp, tokenAuditor: string, pruebas: 'todas' | 'ninguna'): Promise<ResultadoVerificacion> {
  const t0 = Date.now();
  const r = await http.pedir<InformeVerificacionCompleta>('verificación completa', 'POST', `/auditoria/verificaciones?pruebas=${pruebas}`, {
    token: tokenAuditor,
  });
  const i = r.cuerpo;
  return {
    ok: i.ok,
    actasEnBitacora: i.actasEnBitacora,
    actasEnModelo: i.actasEnModelo,
    entradasRevisadas: i.entradasRevisadas,
    entradasProbadas: i.entradasProbadas,
    imagenesRevisadas: i.imagenesRevisadas,
    hallazgos: i.hallazgos.length,
    primerosHallazgos: i.hallazgos.slice(0, 10),
    segundos: (Date.now() - t0) / 1000,
  };
}

/** Runs `npm run auditoria -- <args>` (the same code path) and keeps its output in `salida`. */
function auditoria(args: string[], env: NodeJS.ProcessEnv, salida: fs.WriteStream): Promise<{ codigo: number; texto: string }> {
  return new Promise((resolve, reject) => {
    const hijo = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts', 'run.js'), 'scripts/auditoria.ts', ...args], {
      env,
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let texto = '';
    const guardar = (b: Buffer) => {
      texto += b.toString('utf8');
      salida.write(b);
    };
    hijo.stdout.on('data', guardar);
    hijo.stderr.on('data', guardar);
    hijo.once('error', reject);
    hijo.once('exit', (codigo) => resolve({ codigo: codigo ?? 1, texto }));
  });
}

/**
 * Exports the bitácora bundle into `<dir>/paquete-auditoria` and verifies it offline, as an ente
 * auditor would with `npm run auditoria -- exportar` / `verificar`, then `corte verificar` on
 * `corteZip` when given. `env` carries IMMUDB_*,
 * PREP_DATA_DIR and IMMUDB_CLAVE_PUBLICA of the stack the drill ran on.
 */
export async function paqueteAuditoria(dir: string, env: NodeJS.ProcessEnv, corteZip: string | null = null): Promise<ResultadoPaquete> {
  const t0 = Date.now();
  const carpeta = path.join(dir, 'paquete-auditoria');
  const bitacoraDeSalida = path.join(dir, 'auditoria.log');
  const salida = fs.createWriteStream(bitacoraDeSalida);
  try {
    const exp = await auditoria(['exportar', '--salida', carpeta], { ...env, INIT_CWD: dir }, salida);
    const huella = /huella del paquete \(SHA-256 de manifiesto\.json\): ([0-9a-f]{64})/.exec(exp.texto)?.[1] ?? null;
    const ver = exp.codigo === 0 || fs.existsSync(path.join(carpeta, 'manifiesto.json')) ? await auditoria(['verificar', carpeta], env, salida) : { codigo: 1 };
    // Anyone can check a corte: the last one, rebuilt from this bundle's entries byte for byte.
    const corte = corteZip
      ? {
          zip: corteZip,
          verificado:
            (await auditoria(['corte', 'verificar', corteZip, carpeta, ...(env.PREP_POLITICA ? ['--politica', env.PREP_POLITICA] : [])], env, salida))
              .codigo === 0,
        }
      : null;
    return { carpeta, exportado: exp.codigo === 0, verificado: ver.codigo === 0, huella, corte, bitacoraDeSalida, segundos: (Date.now() - t0) / 1000 };
  } finally {
    await new Promise((r) => salida.end(r));
  }
}
