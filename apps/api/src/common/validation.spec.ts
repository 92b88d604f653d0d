import { campoConNulo } from './validation';

describe('campoConNulo: strings PostgreSQL cannot store', () => {
  it('names the first field holding U+0000, through objects and arrays', () => {
    expect(campoConNulo({ usuario: 'ana', contrasena: 'x' })).toBeNull();
    expect(campoConNulo({ usuario: 'a\u0000' })).toBe('usuario');
    expect(campoConNulo({ valores: { PAN: ['1', 'x\u0000'] } })).toBe('valores.PAN[1]');
    expect(campoConNulo('M0\u00001', 'catd')).toBe('catd');
  });

  it('never walks a Buffer or another non-plain object (an uploaded image)', () => {
    expect(campoConNulo({ imagen: { buffer: Buffer.from([0, 0, 0]) } })).toBeNull();
    expect(campoConNulo(new Date())).toBeNull();
  });
});
