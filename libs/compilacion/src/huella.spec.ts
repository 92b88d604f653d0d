import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { archivosConHuella, huellaDeArbol, huellaDeListado, sha256 } from './huella';

describe('build fingerprints', () => {
  let raiz: string;
  const escribir = (ruta: string, contenido: string) => {
    fs.mkdirSync(path.dirname(path.join(raiz, ruta)), { recursive: true });
    fs.writeFileSync(path.join(raiz, ruta), contenido);
  };
  const js = (r: string) => r.endsWith('.js');

  beforeEach(() => {
    raiz = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-huella-'));
    escribir('apps/api/src/main.js', 'console.log("api");\n');
    escribir('apps/api/src/b/z.js', 'z\n');
    escribir('libs/a/Index.js', 'A\n');
    escribir('libs/a/index.js', 'a\n');
    escribir('libs/a/index.js.map', '{}');
  });
  afterEach(() => fs.rmSync(raiz, { recursive: true, force: true }));

  it('does not depend on the order the files are found or the folders are given in', () => {
    const archivos = archivosConHuella(raiz, ['apps', 'libs'], js);
    expect(archivos).toHaveLength(4);
    const alReves = huellaDeListado([...archivos].reverse());
    expect(alReves).toEqual(huellaDeListado(archivos));
    expect(huellaDeArbol(raiz, ['libs', 'apps'], js)).toEqual(huellaDeArbol(raiz, ['apps', 'libs'], js));
  });

  it('changes when one byte of one file changes, or a file is renamed, added or removed', () => {
    const antes = huellaDeArbol(raiz, ['apps', 'libs'], js).sha256;
    escribir('libs/a/index.js', 'b\n');
    const otroByte = huellaDeArbol(raiz, ['apps', 'libs'], js).sha256;
    expect(otroByte).not.toBe(antes);
    fs.renameSync(path.join(raiz, 'libs/a/index.js'), path.join(raiz, 'libs/a/otro.js'));
    expect(huellaDeArbol(raiz, ['apps', 'libs'], js).sha256).not.toBe(otroByte);
    escribir('libs/nuevo.js', '');
    expect(huellaDeArbol(raiz, ['apps', 'libs'], js).archivos).toBe(5);
  });

  it('ignores files the filter leaves out and folders that do not exist', () => {
    const antes = huellaDeArbol(raiz, ['apps', 'libs'], js);
    escribir('libs/a/index.js.map', '{"cambiado":true}');
    expect(huellaDeArbol(raiz, ['apps', 'libs', 'no-existe'], js)).toEqual(antes);
  });

  it('is what `find | LC_ALL=C sort | xargs sha256sum | sha256sum` gives, so an auditor can recompute it', () => {
    const esperado = execSync(`find apps libs -type f -name '*.js' | LC_ALL=C sort | xargs sha256sum | sha256sum`, { cwd: raiz, encoding: 'utf8' }).split(
      ' ',
    )[0];
    expect(huellaDeArbol(raiz, ['apps', 'libs'], js).sha256).toBe(esperado);
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
