/**
 * Which build this process runs, as fingerprints (huella.ts). `npm start` compiles with tsc into
 * dist/ and runs `node dist/apps/<app>/src/main.js`; the tests and the CLIs run the TypeScript
 * sources through ts-node / ts-jest. Each process hashes what it actually loads: this file's own
 * location says which (a .js under dist/ or a .ts in the repository), so the two modes never mix.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { huellaDeArbol, sha256 } from './huella';

export type ModoCompilacion = 'dist' | 'ts';
export type TipoProceso = 'api' | 'worker';

/**
 * The project's folders each process loads code from (relative to the code root: dist/ or the
 * repository). Dependencies in node_modules are covered by package-lock.json's hash.
 */
export const RUTAS_CODIGO: Readonly<Record<TipoProceso, readonly string[]>> = {
  api: ['apps/api/src', 'libs', 'workflows/src'],
  worker: ['apps/worker/src', 'libs', 'workflows/src'],
};

export interface UbicacionCodigo {
  modo: ModoCompilacion;
  /** Where package-lock.json and .git are. */
  raizRepositorio: string;
  /** Where RUTAS_CODIGO are: `<repo>/dist` for the compiled build, the repository itself for ts. */
  raizCodigo: string;
}

/** This module sits at <raiz>/libs/compilacion/src, compiled (dist/…/*.js) or not (*.ts). */
export function ubicacionEnEjecucion(archivo: string = __filename): UbicacionCodigo {
  const raizCodigo = path.resolve(path.dirname(archivo), '..', '..', '..');
  if (archivo.endsWith('.ts')) return { modo: 'ts', raizRepositorio: raizCodigo, raizCodigo };
  return { modo: 'dist', raizRepositorio: path.dirname(raizCodigo), raizCodigo };
}

/** Files that are code in each mode: compiled .js, or .ts sources without tests and declarations. */
export function esCodigo(modo: ModoCompilacion): (ruta: string) => boolean {
  return modo === 'dist' ? (r) => r.endsWith('.js') : (r) => r.endsWith('.ts') && !r.endsWith('.spec.ts') && !r.endsWith('.d.ts');
}

export function huellaDeCodigo(tipo: TipoProceso, u: UbicacionCodigo = ubicacionEnEjecucion()): string {
  return huellaDeArbol(u.raizCodigo, RUTAS_CODIGO[tipo], esCodigo(u.modo)).sha256;
}

export function huellaPackageLock(raizRepositorio: string): string | null {
  const ruta = path.join(raizRepositorio, 'package-lock.json');
  return fs.existsSync(ruta) ? sha256(fs.readFileSync(ruta)) : null;
}

export interface Revision {
  /** `git rev-parse HEAD`, or PREP_GIT_COMMIT where there is no .git (an installed copy); null if neither. */
  commit: string | null;
  /** Tracked files differ from the commit (`git status --porcelain --untracked-files=no`); null without git. */
  arbolModificado: boolean | null;
}

export function revisionEnEjecucion(raizRepositorio: string, commitDeEntorno?: string): Revision {
  if (fs.existsSync(path.join(raizRepositorio, '.git'))) {
    try {
      const git = (...args: string[]) =>
        execFileSync('git', args, { cwd: raizRepositorio, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
      const commit = git('rev-parse', 'HEAD').trim();
      return { commit, arbolModificado: git('status', '--porcelain', '--untracked-files=no').trim().length > 0 };
    } catch {
      // No git binary, or not a work tree after all: fall through to the environment.
    }
  }
  return { commit: commitDeEntorno ?? null, arbolModificado: null };
}

/** What one process records about itself at start (PROCESO_INICIADO). */
export interface CompilacionDeProceso extends Revision {
  modo: ModoCompilacion;
  /** RUTAS_CODIGO of its kind. */
  codigo: string;
  /** SHA-256 of the workflow bundle code the worker gave Temporal; null for the API. */
  bundleWorkflows: string | null;
  packageLock: string | null;
}

/** The build recorded at the puesta en ceros: both apps, the workflow bundle and the lock file. */
export interface CompilacionDeReferencia extends Revision {
  modo: ModoCompilacion;
  api: string;
  worker: string;
  bundleWorkflows: string;
  packageLock: string | null;
}

export function compilacionDeProceso(
  tipo: TipoProceso,
  {
    bundleWorkflows = null,
    commitDeEntorno,
    ubicacion = ubicacionEnEjecucion(),
  }: { bundleWorkflows?: string | null; commitDeEntorno?: string; ubicacion?: UbicacionCodigo } = {},
): CompilacionDeProceso {
  return {
    modo: ubicacion.modo,
    codigo: huellaDeCodigo(tipo, ubicacion),
    bundleWorkflows,
    packageLock: huellaPackageLock(ubicacion.raizRepositorio),
    ...revisionEnEjecucion(ubicacion.raizRepositorio, commitDeEntorno),
  };
}

export function compilacionDeReferencia(
  bundleWorkflows: string,
  { commitDeEntorno, ubicacion = ubicacionEnEjecucion() }: { commitDeEntorno?: string; ubicacion?: UbicacionCodigo } = {},
): CompilacionDeReferencia {
  return {
    modo: ubicacion.modo,
    api: huellaDeCodigo('api', ubicacion),
    worker: huellaDeCodigo('worker', ubicacion),
    bundleWorkflows,
    packageLock: huellaPackageLock(ubicacion.raizRepositorio),
    ...revisionEnEjecucion(ubicacion.raizRepositorio, commitDeEntorno),
  };
}

/** A field of a process's build that is not the reference's. */
export type DiferenciaCompilacion = 'modo' | 'codigo' | 'bundleWorkflows' | 'packageLock' | 'commit';

/**
 * Where a process's build departs from the one recorded at the puesta en ceros: its own code
 * (the API's or the worker's), the workflow bundle (worker only), the lock file, the commit.
 */
export function diferenciasConReferencia(tipo: TipoProceso, proceso: CompilacionDeProceso, referencia: CompilacionDeReferencia): DiferenciaCompilacion[] {
  const diferencias: DiferenciaCompilacion[] = [];
  if (proceso.modo !== referencia.modo) diferencias.push('modo');
  if (proceso.codigo !== referencia[tipo]) diferencias.push('codigo');
  if (tipo === 'worker' && proceso.bundleWorkflows !== referencia.bundleWorkflows) diferencias.push('bundleWorkflows');
  if (proceso.packageLock !== referencia.packageLock) diferencias.push('packageLock');
  if (proceso.commit !== referencia.commit) diferencias.push('commit');
  return diferencias;
}
