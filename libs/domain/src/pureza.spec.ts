// Guards the promise that this library runs inside the Temporal workflow sandbox: no imports from
// packages or node, no clock, no randomness. (This spec itself may use fs: it is never bundled.)
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

const fuentes = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

describe('pureza de libs/domain', () => {
  it.each(fuentes)('%s solo importa módulos locales y no usa reloj ni azar', (archivo) => {
    // Comments may name the forbidden calls to explain why they are absent.
    const codigo = readFileSync(join(__dirname, archivo), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const importes = [...codigo.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    for (const i of importes) expect(i).toMatch(/^\.\//);
    expect(codigo).not.toMatch(/Date\.now|Math\.random|new Date\(|performance\.now|process\./);
  });
});
