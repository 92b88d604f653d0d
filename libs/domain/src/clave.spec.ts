import {
  DomainError,
  buildClaveActa,
  buildClaveCasilla,
  claveCasillaDeActa,
  isClaveActa,
  isClaveCasilla,
  parseClaveActa,
  parseClaveCasilla,
  validarClaveActa,
  validarClaveCasilla,
} from './index';

describe('claves de casilla y de acta', () => {
  it('construye y lee de vuelta una clave de casilla', () => {
    const partes = { entidad: 14, seccion: 123, tipo: 'C' as const, idCasilla: 2, extContigua: 0 };
    const clave = buildClaveCasilla(partes);
    expect(clave).toBe('140123C0200');
    expect(clave).toHaveLength(11);
    expect(parseClaveCasilla(clave)).toEqual(partes);
  });

  it('construye y lee de vuelta una clave de acta con tipo de 1 y 2 dígitos', () => {
    const partes = { entidad: 1, seccion: 9999, tipo: 'E' as const, idCasilla: 1, extContigua: 3, tipoActa: '5' };
    const clave = buildClaveActa(partes);
    expect(clave).toBe('019999E01035');
    expect(parseClaveActa(clave)).toEqual({ ...partes, claveCasilla: '019999E0103' });
    expect(buildClaveActa('140001S0100', '12')).toBe('140001S010012');
    expect(parseClaveActa('140001S010012').tipoActa).toBe('12');
    expect(claveCasillaDeActa('140001S010012')).toBe('140001S0100');
  });

  it.each([
    ['entidad 33', { entidad: 33, seccion: 1, tipo: 'B', idCasilla: 1, extContigua: 0 }, /entidad/],
    ['entidad 0', { entidad: 0, seccion: 1, tipo: 'B', idCasilla: 1, extContigua: 0 }, /entidad/],
    ['sección 0', { entidad: 14, seccion: 0, tipo: 'B', idCasilla: 1, extContigua: 0 }, /sección/],
    ['sección 10000', { entidad: 14, seccion: 10000, tipo: 'B', idCasilla: 1, extContigua: 0 }, /sección/],
    ['tipo X', { entidad: 14, seccion: 1, tipo: 'X', idCasilla: 1, extContigua: 0 }, /tipo de casilla/],
    ['id 100', { entidad: 14, seccion: 1, tipo: 'B', idCasilla: 100, extContigua: 0 }, /id de casilla/],
    ['ext 1.5', { entidad: 14, seccion: 1, tipo: 'E', idCasilla: 1, extContigua: 1.5 }, /extensión contigua/],
  ])('rechaza %s con un mensaje que nombra la parte', (_n, partes, msg) => {
    expect(() => buildClaveCasilla(partes as never)).toThrow(msg);
    try {
      buildClaveCasilla(partes as never);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).rechazo).toMatchObject({ codigo: 'CLAVE_INVALIDA', status: 422 });
    }
  });

  it.each(['', '14012B0100', '140123B01005X', '140123b01005', '140123B0100', '140123B010005', '140123B010', 'x'])('isClaveActa rechaza %p', (s) => {
    expect(isClaveActa(s)).toBe(false);
    expect(validarClaveActa(s).length).toBeGreaterThan(0);
  });

  it('isClaveActa acepta claves bien formadas y no strings', () => {
    expect(isClaveActa('140123B01005')).toBe(true);
    expect(isClaveActa('140123B010012')).toBe(true);
    expect(isClaveActa(140123)).toBe(false);
    expect(isClaveCasilla('140123B0100')).toBe(true);
  });

  it('el formato correcto con rangos fuera de límite no pasa la validación completa', () => {
    expect(isClaveActa('990123B01005')).toBe(true);
    expect(validarClaveActa('990123B01005')[0]).toMatch(/entidad/);
    expect(validarClaveCasilla('140000B0100')[0]).toMatch(/sección/);
    expect(() => parseClaveActa('990123B01005')).toThrow(DomainError);
  });

  it('rechaza tipo de acta con cero a la izquierda o de tres dígitos', () => {
    expect(() => buildClaveActa('140123B0100', '05')).toThrow(/tipo de acta/);
    expect(() => buildClaveActa('140123B0100', '123')).toThrow(/tipo de acta/);
    expect(() => buildClaveActa('14X123B0100', '5')).toThrow(/formato/);
  });
});
