import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The boundaries of the repository (README "Where things live"): apps import libs and workflows,
 * never each other; libs import no app; scripts and tests reach an app only through its public
 * entry (@prep/api, @prep/worker), never a path inside apps/<app>/src.
 */
const RAIZ = path.resolve(__dirname, '..');

function archivosTs(dir: string): string[] {
  return fs.readdirSync(path.join(RAIZ, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : archivosTs(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Every module specifier a file imports (static, dynamic, require, export … from). */
function importaciones(archivo: string): string[] {
  const texto = fs.readFileSync(path.join(RAIZ, archivo), 'utf8');
  const re = /(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)['"]([^'"]+)['"]/g;
  return [...texto.matchAll(re)].map((m) => m[1]);
}

/** The app a specifier lands in (resolved from the importing file), or null. */
function appDestino(archivo: string, especificador: string): string | null {
  const alias = /^@prep\/(api|worker)(\/|$)/.exec(especificador);
  if (alias) return alias[1];
  if (!especificador.startsWith('.')) return null;
  const destino = path.relative(RAIZ, path.resolve(path.dirname(path.join(RAIZ, archivo)), especificador));
  const m = /^apps[\\/]([^\\/]+)/.exec(destino);
  return m ? m[1] : null;
}

const violaciones = (carpetas: string[], prohibido: (archivo: string, especificador: string) => boolean): string[] =>
  carpetas.flatMap(archivosTs).flatMap((a) => importaciones(a).filter((i) => prohibido(a, i)).map((i) => `${a} → ${i}`));

describe('import boundaries', () => {
  it('an app never imports another app', () => {
    const propia = (a: string) => a.split(path.sep)[1];
    expect(violaciones(['apps'], (a, i) => { const d = appDestino(a, i); return d !== null && d !== propia(a); })).toEqual([]);
  });

  it('libs and workflows import no app', () => {
    expect(violaciones(['libs', 'workflows'], (a, i) => appDestino(a, i) !== null)).toEqual([]);
  });

  it('scripts and tests use only the public entries @prep/api and @prep/worker', () => {
    expect(violaciones(['scripts', 'test'], (a, i) => i.startsWith('.') && appDestino(a, i) !== null)).toEqual([]);
  });
});
