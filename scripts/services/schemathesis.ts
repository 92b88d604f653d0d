import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './config';
import { log, run } from './proc';

/**
 * Schemathesis (the OpenAPI fuzzer of test/fuzz-openapi.e2e-spec.ts), installed from PyPI with pip
 * into a virtualenv of its own under .tools on first use and reused afterwards. The folder name
 * carries the version, so changing the pin installs the new one beside the old. A marker file is
 * written last: an install cut short is redone, never half-used.
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

export const carpetaSchemathesis = (raiz = REPO_ROOT) => path.join(raiz, '.tools', `schemathesis-${SCHEMATHESIS_VERSION}`);
const MARCA = '.instalacion-completa';

export interface EntornoSchemathesis {
  carpeta?: string;
  existe?: (ruta: string) => boolean;
  esRoot?: boolean;
  ejecutar?: (comando: string, args: string[], opciones: { env?: NodeJS.ProcessEnv }) => unknown;
  borrar?: (ruta: string) => void;
  marcar?: (ruta: string) => void;
  /** The interpreter a script's `#!` line names (null if there is none or it cannot be read). */
  interprete?: (script: string) => string | null;
}

/** A venv's scripts name its python by absolute path: a venv copied or moved from another folder keeps the old one. */
function interpreteDeScript(script: string): string | null {
  try {
    const primera = fs.readFileSync(script, 'utf8').split('\n', 1)[0];
    return primera.startsWith('#!') ? primera.slice(2).trim().split(/\s+/)[0] : null;
  } catch {
    return null;
  }
}

const esRootAhora = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** `python3 -m venv`, installing Debian's python3-venv once when the interpreter lacks ensurepip and we are root. */
function crearVenv(carpeta: string, esRoot: boolean, ejecutar: NonNullable<EntornoSchemathesis['ejecutar']>): void {
  try {
    ejecutar('python3', ['-m', 'venv', carpeta], {});
    return;
  } catch (err) {
    // Debian splits venv/ensurepip out of python3 itself; any other failure is not ours to fix.
    if (!esRoot) {
      throw new Error(
        `no se pudo crear el entorno de Python para schemathesis (${(err as Error).message.split('\n')[0]}): instale Python 3 con su módulo venv (en Debian, 'apt-get install python3-venv' como root)`,
        { cause: err },
      );
    }
  }
  log('python3 no trae venv: instalando el paquete de Debian python3-venv…');
  ejecutar('apt-get', ['update', '-q'], {});
  ejecutar('apt-get', ['install', '-y', '-q', 'python3-venv'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  ejecutar('python3', ['-m', 'venv', '--clear', carpeta], {});
}

/** The path of the schemathesis command, installing the pinned version first when needed; throws a Spanish error otherwise. */
export function asegurarSchemathesis({
  carpeta = carpetaSchemathesis(),
  existe = fs.existsSync,
  esRoot = esRootAhora(),
  ejecutar = run,
  borrar = (ruta) => fs.rmSync(ruta, { recursive: true, force: true }),
  marcar = (ruta) => fs.writeFileSync(ruta, `schemathesis==${SCHEMATHESIS_VERSION}\n`),
  interprete = interpreteDeScript,
}: EntornoSchemathesis = {}): string {
  const comando = path.join(carpeta, 'bin', 'schemathesis');
  const python = existe(comando) ? interprete(comando) : null;
  if (existe(path.join(carpeta, MARCA)) && existe(comando) && (python === null || existe(python))) return comando;
  log(`schemathesis ${SCHEMATHESIS_VERSION} no está instalado: instalándolo desde PyPI en ${carpeta} (solo la primera vez)…`);
  const inicio = Date.now();
  borrar(carpeta);
  crearVenv(carpeta, esRoot, ejecutar);
  try {
    ejecutar(
      path.join(carpeta, 'bin', 'python'),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
      {},
    );
  } catch (err) {
    throw new Error(`pip no pudo instalar schemathesis==${SCHEMATHESIS_VERSION} (¿hay acceso a PyPI?): ${(err as Error).message}`, { cause: err });
  }
  if (!existe(comando)) throw new Error(`se instaló schemathesis pero no apareció ${comando}: borre ${carpeta} y vuelva a intentar`);
  marcar(path.join(carpeta, MARCA));
  log(`schemathesis ${SCHEMATHESIS_VERSION} instalado en ${Math.round((Date.now() - inicio) / 1000)} s`);
  return comando;
}
