import * as fs from 'node:fs';
import * as path from 'node:path';

/** A minimal lint of docker/Dockerfile: the rules that keep the images small and non-root. */
interface Etapa {
  nombre: string;
  desde: string;
  instrucciones: string[];
}

function etapas(texto: string): Etapa[] {
  const lineas = texto
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const resultado: Etapa[] = [];
  for (const l of lineas) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(l);
    if (from) resultado.push({ desde: from[1], nombre: from[2] ?? '', instrucciones: [] });
    else resultado.at(-1)!.instrucciones.push(l);
  }
  return resultado;
}

const dockerfile = etapas(fs.readFileSync(path.join(__dirname, 'Dockerfile'), 'utf8'));
const etapa = (nombre: string) => dockerfile.find((e) => e.nombre === nombre)!;
/** The instructions a target inherits through `FROM <stage>`, its own last. */
const linaje = (nombre: string): string[] => {
  const e = etapa(nombre);
  return dockerfile.some((o) => o.nombre === e.desde) ? [...linaje(e.desde), ...e.instrucciones] : e.instrucciones;
};

describe('docker/Dockerfile', () => {
  it('is multi-stage: compiles in one stage, installs production dependencies in another', () => {
    expect(dockerfile.map((e) => e.nombre)).toEqual(['build', 'deps', 'runtime', 'api', 'worker']);
    expect(etapa('build').instrucciones).toContain('RUN npm run build');
    expect(etapa('deps').instrucciones.some((i) => /^RUN npm ci --omit=dev\b/.test(i))).toBe(true);
  });

  it('runs api and worker as the non-root node user, with only compiled code and production dependencies', () => {
    for (const target of ['api', 'worker']) {
      const usuarios = linaje(target).filter((i) => /^USER\s/i.test(i));
      expect(usuarios.at(-1)).toBe('USER node');
      const copias = linaje(target).filter((i) => /^COPY\s/i.test(i));
      expect(copias).toContain('COPY --from=deps /app/node_modules node_modules');
      expect(copias).toContain('COPY --from=build /app/dist dist');
      // Never the source tree or the build stage's node_modules (dev dependencies) into a final image.
      expect(copias.filter((c) => /^COPY (\.|apps|libs|workflows) /.test(c) || /--from=build \S*node_modules/.test(c))).toEqual([]);
      expect(linaje(target).at(-1)).toMatch(/^CMD \["node", "-r", ".\/scripts\/register-dist.js", "dist\/apps\/\w+\/src\/main.js"\]$/);
    }
  });

  it('pins the base image to Node 20, as package.json engines asks', () => {
    const engines = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toMatch(/^>=20\./);
    for (const e of dockerfile.filter((x) => x.desde.startsWith('node:'))) expect(e.desde).toBe('node:20-bookworm-slim');
  });
});
