import * as fs from 'node:fs';
import { log, run } from './proc';

/**
 * Headless Chromium for the browser test of the reports and the informe (test/navegador.e2e-spec.ts):
 * Debian's `chromium` package, installed with apt when missing and we are root, like PostgreSQL in
 * postgres.ts. npm browser downloads (Puppeteer's own Chrome) do not work offline, so the tests
 * drive this system binary with puppeteer-core. PREP_CHROMIUM points at another executable.
 */
export const CHROMIUM_POR_OMISION = '/usr/bin/chromium';
export const PAQUETES_CHROMIUM = ['chromium', 'fonts-dejavu-core', 'fonts-liberation'] as const;

export type DecisionChromium = { tipo: 'listo'; ruta: string } | { tipo: 'instalar'; ruta: string } | { tipo: 'error'; mensaje: string };

/** What to do, from the environment and what is on disk (pure: the checks are passed in). */
export function decidirChromium(entorno: { PREP_CHROMIUM?: string }, existe: (ruta: string) => boolean, esRoot: boolean): DecisionChromium {
  const elegido = entorno.PREP_CHROMIUM?.trim();
  if (elegido) {
    // An explicit path is the operator's choice: never install something else in its place.
    return existe(elegido)
      ? { tipo: 'listo', ruta: elegido }
      : {
          tipo: 'error',
          mensaje: `PREP_CHROMIUM=${elegido} no existe: corrija la ruta del ejecutable de Chromium o quite la variable para usar ${CHROMIUM_POR_OMISION}`,
        };
  }
  if (existe(CHROMIUM_POR_OMISION)) return { tipo: 'listo', ruta: CHROMIUM_POR_OMISION };
  if (esRoot) return { tipo: 'instalar', ruta: CHROMIUM_POR_OMISION };
  return {
    tipo: 'error',
    mensaje: `no se encontró Chromium en ${CHROMIUM_POR_OMISION}: instálelo como root con 'apt-get install chromium' (paquete de Debian) o defina PREP_CHROMIUM con la ruta de un Chromium o Chrome ya instalado`,
  };
}

export interface EntornoChromium {
  entorno?: { PREP_CHROMIUM?: string };
  existe?: (ruta: string) => boolean;
  esRoot?: boolean;
  ejecutar?: (comando: string, args: string[], opciones: { env?: NodeJS.ProcessEnv }) => unknown;
}

const esRootAhora = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The path of a usable Chromium, installing Debian's package first when needed and possible; throws a Spanish error otherwise. */
export function asegurarChromium({ entorno = process.env, existe = fs.existsSync, esRoot = esRootAhora(), ejecutar = run }: EntornoChromium = {}): string {
  const d = decidirChromium(entorno, existe, esRoot);
  if (d.tipo === 'error') throw new Error(d.mensaje);
  if (d.tipo === 'listo') return d.ruta;
  log('Chromium no está instalado: instalando el paquete de Debian chromium (para la prueba en navegador de los reportes)…');
  ejecutar('apt-get', ['update', '-q'], {});
  // Fonts too: a minimal image has none, and the pages would render their text as boxes.
  ejecutar('apt-get', ['install', '-y', '-q', ...PAQUETES_CHROMIUM], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existe(d.ruta)) throw new Error(`se instaló el paquete chromium pero no apareció ${d.ruta}: defina PREP_CHROMIUM con la ruta del ejecutable`);
  log(`Chromium instalado en ${d.ruta}`);
  return d.ruta;
}
