import * as path from 'node:path';
import { asegurarSchemathesis, SCHEMATHESIS_VERSION } from './schemathesis';

describe('schemathesis for the OpenAPI fuzzing test', () => {
  const carpeta = '/repo/.tools/schemathesis-x';
  const comando = path.join(carpeta, 'bin', 'schemathesis');
  const marca = path.join(carpeta, '.instalacion-completa');

  it('reuses a finished install without running anything', () => {
    const ejecutar = jest.fn();
    expect(asegurarSchemathesis({ carpeta, existe: () => true, ejecutar, borrar: jest.fn(), marcar: jest.fn() })).toBe(comando);
    expect(ejecutar).not.toHaveBeenCalled();
  });

  it('installs again a venv copied from another folder: its script names a python that is not there', () => {
    const ejecutar = jest.fn();
    const borrar = jest.fn();
    const ajeno = '/otro/checkout/.tools/schemathesis-x/bin/python';
    asegurarSchemathesis({ carpeta, esRoot: false, existe: (r) => r !== ajeno, interprete: () => ajeno, ejecutar, borrar, marcar: jest.fn() });
    expect(borrar).toHaveBeenCalledWith(carpeta);
    expect(ejecutar).toHaveBeenCalledWith(`${carpeta}/bin/python`, expect.arrayContaining(['install', `schemathesis==${SCHEMATHESIS_VERSION}`]), {});
  });

  it('redoes an install cut short (no marker): a fresh venv, the pinned version from pip, then the marker', () => {
    const hechos: string[] = [];
    const instalado = new Set<string>();
    const ruta = asegurarSchemathesis({
      carpeta,
      esRoot: false,
      existe: (r) => instalado.has(r),
      borrar: (r) => hechos.push(`borrar ${r}`),
      marcar: (r) => {
        hechos.push(`marcar ${r}`);
        instalado.add(r);
      },
      ejecutar: (c, args) => {
        hechos.push([c, ...args].join(' '));
        if (args.includes('install')) instalado.add(comando);
      },
    });
    expect(ruta).toBe(comando);
    expect(hechos).toEqual([
      `borrar ${carpeta}`,
      `python3 -m venv ${carpeta}`,
      `${carpeta}/bin/python -m pip install --quiet --disable-pip-version-check schemathesis==${SCHEMATHESIS_VERSION}`,
      `marcar ${marca}`,
    ]);
  });

  it("as root without venv: installs Debian's python3-venv and retries; otherwise says how, in Spanish", () => {
    const hechos: string[] = [];
    let venv = false;
    const ejecutar = (c: string, args: string[]) => {
      hechos.push([c, ...args].join(' '));
      if (c === 'python3' && !venv) throw new Error('ensurepip is not available');
      if (c === 'apt-get' && args.includes('python3-venv')) venv = true;
    };
    asegurarSchemathesis({ carpeta, esRoot: true, existe: (r) => r === comando, ejecutar, borrar: () => undefined, marcar: () => undefined });
    expect(hechos.filter((h) => h.startsWith('apt-get'))).toEqual(['apt-get update -q', 'apt-get install -y -q python3-venv']);
    expect(() =>
      asegurarSchemathesis({
        carpeta,
        esRoot: false,
        existe: () => false,
        ejecutar: () => {
          throw new Error('ensurepip is not available');
        },
        borrar: () => undefined,
        marcar: () => undefined,
      }),
    ).toThrow(/no se pudo crear el entorno de Python para schemathesis.*apt-get install python3-venv/);
  });
});
