import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { guardarCorteInmutable, nombreZipCorte, numeroCorteValido } from './carpeta-corte';
import { leerZip, zipDeterminista } from './zip';

const archivos = (texto: string) => [
  { nombre: 'manifiesto.json', contenido: Buffer.from(`{"m":"${texto}"}\n`) },
  { nombre: 'A.csv', contenido: Buffer.from(`\ufeffuno,dos\r${texto}\r`) },
];

describe('a corte on disk', () => {
  it('zips the same files into the same bytes, whenever it runs, and reads them back', async () => {
    const a = await zipDeterminista(archivos('x'));
    await new Promise((r) => setTimeout(r, 1100));
    const b = await zipDeterminista(archivos('x'));
    expect(b.equals(a)).toBe(true);
    expect((await zipDeterminista(archivos('y'))).equals(a)).toBe(false);
    const leidos = await leerZip(a);
    expect([...leidos.keys()]).toEqual(['manifiesto.json', 'A.csv']);
    expect(leidos.get('A.csv')!.equals(archivos('x')[1].contenido)).toBe(true);
  });

  it('is written whole or not at all and never overwritten: a second write keeps the first', async () => {
    const raiz = fs.mkdtempSync(path.join(os.tmpdir(), 'cortes-'));
    fs.mkdirSync(path.join(raiz, '.tmp-3-dejado'));
    const primero = await guardarCorteInmutable(raiz, 3, archivos('x'), await zipDeterminista(archivos('x')));
    expect(primero.nuevo).toBe(true);
    expect(fs.readdirSync(raiz)).toEqual(['3']);
    const segundo = await guardarCorteInmutable(raiz, 3, archivos('y'), await zipDeterminista(archivos('y')));
    expect(segundo).toEqual({ ...primero, nuevo: false });
    expect(fs.readFileSync(path.join(raiz, '3', 'A.csv'), 'utf8')).toContain('x');
    expect(fs.existsSync(path.join(raiz, '3', nombreZipCorte(3)))).toBe(true);
  });

  it('accepts only plain corte numbers as folder names', () => {
    expect(numeroCorteValido('12')).toBe(12);
    for (const malo of ['0', '01', '-1', '1.5', '..', '1/..', '', '9999999999']) expect(numeroCorteValido(malo)).toBeNull();
  });
});
