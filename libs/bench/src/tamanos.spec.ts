import { corridasDe, enVuelo, ErrorOpcionesBench, parsearPartes, plantillaDeCorrida, TAMANOS, trabajoDeReferencia } from './tamanos';

describe('bench sizes and parts', () => {
  it('runs the operation and its floors by default, and any listed part on request', () => {
    expect(parsearPartes(undefined)).toEqual(['operacion', 'referencias']);
    expect(parsearPartes('corte, verificacion,corte')).toEqual(['corte', 'verificacion']);
    expect(() => parsearPartes('flujo')).toThrow(/'flujo' no existe; use una o varias de: operacion, referencias, corte, verificacion/);
  });

  it('uses chico unless told, grande holds the issue sizes, and flags give one size', () => {
    expect(corridasDe({})).toEqual([{ actas: 200, concurrencia: 4 }]);
    expect(corridasDe({ tamano: 'grande' }).map((c) => c.actas)).toEqual([2000, 2000, 20000, 20000]);
    expect(new Set(TAMANOS.grande.map((c) => c.concurrencia)).size).toBe(2);
    expect(corridasDe({ actas: '1000' })).toEqual([{ actas: 1000, concurrencia: 4 }]);
    expect(corridasDe({ actas: '1000', concurrencia: '8' })).toEqual([{ actas: 1000, concurrencia: 8 }]);
  });

  it('refuses what it cannot run, saying what to give instead', () => {
    expect(() => corridasDe({ tamano: 'mediano' })).toThrow(ErrorOpcionesBench);
    expect(() => corridasDe({ tamano: 'mediano' })).toThrow(/use chico .* o grande/);
    expect(() => corridasDe({ tamano: 'chico', actas: '10' })).toThrow(/no se combina/);
    expect(() => corridasDe({ actas: 'mil' })).toThrow(/--actas debe ser un entero/);
    expect(() => corridasDe({ actas: '10', concurrencia: '6' })).toThrow(/más que las casillas \(5\)/);
  });

  it('staffs five people per CATD, so the floors run five acts in flight per CATD', () => {
    const c = { actas: 200, concurrencia: 4 };
    expect(plantillaDeCorrida(c)).toEqual({ capturistas: 8, verificadores: 4, dispositivos: 0 });
    // acopiador + digitalizador per CATD, 2 capturistas and 1 verificador per CATD.
    expect(enVuelo(c)).toBe(4 + 4 + 8 + 4);
  });

  it('gives the floors the same work up to 1,000 actas, five writes per acta', () => {
    expect(trabajoDeReferencia({ actas: 200, concurrencia: 4 })).toEqual({ actas: 200, escrituras: 1000 });
    expect(trabajoDeReferencia({ actas: 20_000, concurrencia: 12 })).toEqual({ actas: 1000, escrituras: 5000 });
  });
});
