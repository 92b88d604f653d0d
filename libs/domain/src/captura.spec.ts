import { CAMPOS_TOTALES, camposDeActa, compararCapturas, validarCaptura, validarValoresParciales } from './index';

const COLS = ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
const CAMPOS = camposDeActa(COLS);

function completa(): Record<string, unknown> {
  return Object.fromEntries(CAMPOS.map((c) => [c, 1]));
}

describe('camposDeActa', () => {
  it('pone las columnas de voto en su orden y después los cinco totales', () => {
    expect(CAMPOS).toEqual([...COLS, ...CAMPOS_TOTALES]);
    expect(CAMPOS).toHaveLength(10);
  });
});

describe('validarCaptura', () => {
  it('acepta enteros 0..99999, ilegible y sin_dato, en el orden de los campos', () => {
    const v = { ...completa(), PAN: 0, PRI: 99999, MORENA: 'ilegible', NULOS: 'sin_dato' };
    const r = validarCaptura(v, CAMPOS);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.captura)).toEqual(CAMPOS);
      expect(r.captura.MORENA).toBe('ilegible');
    }
  });

  it('nombra cada campo que falta, que no es válido o que no pertenece al acta', () => {
    const v: Record<string, unknown> = { ...completa(), PRI: -1, MORENA: 1.5, NULOS: '12', PES: 3, TOTAL_VOTOS_SACADOS: 100000 };
    delete v.PAN;
    const r = validarCaptura(v, CAMPOS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const porCampo = Object.fromEntries(r.errores.map((e) => [e.campo, e.mensaje]));
    expect(Object.keys(porCampo).sort()).toEqual(['MORENA', 'NULOS', 'PAN', 'PES', 'PRI', 'TOTAL_VOTOS_SACADOS'].sort());
    expect(porCampo.PAN).toMatch(/Falta el campo PAN/);
    expect(porCampo.PRI).toMatch(/PRI.*entero de 0 a 99999/);
    expect(porCampo.NULOS).toMatch(/NULOS.*'ilegible' o 'sin_dato'/);
    expect(porCampo.PES).toMatch(/PES no pertenece/);
    for (const m of Object.values(porCampo)) expect(m).toMatch(/[áéíóúa-z]/);
  });

  it('rechaza lo que no es un objeto', () => {
    for (const v of [null, undefined, 5, 'x', [1, 2]]) {
      const r = validarCaptura(v, CAMPOS);
      expect(r.ok).toBe(false);
    }
  });

  it('la validación parcial no exige todos los campos pero sí valida los dados', () => {
    expect(validarValoresParciales({ PAN: 3 }, CAMPOS)).toEqual({ ok: true, captura: { PAN: 3 } });
    const r = validarValoresParciales({ PAN: 'tres', XX: 1 }, CAMPOS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errores.map((e) => e.campo).sort()).toEqual(['PAN', 'XX']);
  });
});

describe('compararCapturas', () => {
  it('lista los campos que difieren, en el orden de los campos', () => {
    const a = Object.fromEntries(CAMPOS.map((c) => [c, 1])) as Record<string, number | 'ilegible'>;
    const b = { ...a, NULOS: 2, PAN: 'ilegible' as const };
    expect(compararCapturas(a, b, CAMPOS)).toEqual(['PAN', 'NULOS']);
    expect(compararCapturas(a, { ...a }, CAMPOS)).toEqual([]);
  });

  it('distingue 0 de sin_dato', () => {
    expect(compararCapturas({ PAN: 0 }, { PAN: 'sin_dato' }, ['PAN'])).toEqual(['PAN']);
  });
});
