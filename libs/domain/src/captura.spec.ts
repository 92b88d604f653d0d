import {
  CAMPOS_TOTALES,
  MAX_CAMPOS_ACTA,
  MAX_ERRORES_LISTADOS,
  camposDeActa,
  compararCapturas,
  errorDeFormaValores,
  formatearErroresCaptura,
  validarCaptura,
  validarValoresParciales,
} from './index';

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
    expect(porCampo.PES).toMatch(/"PES" no pertenece/);
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

describe('refusals stay small whatever the input', () => {
  const desconocidos = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`CAMPO_INVENTADO_${i}`, 1]));

  it('thousands of unknown fields are ONE error with a count and three example names', () => {
    const r = validarCaptura({ ...completa(), ...desconocidos(5000) }, CAMPOS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errores).toHaveLength(1);
    expect(r.totalErrores).toBe(1);
    expect(r.errores[0].campo).toBe('CAMPO_INVENTADO_0');
    expect(r.errores[0].mensaje).toMatch(
      /^5000 campos no pertenecen a esta acta \(p\. ej\. "CAMPO_INVENTADO_0", "CAMPO_INVENTADO_1", "CAMPO_INVENTADO_2"\); quítelos\. Campos de esta acta: PAN, PRI/,
    );
    expect(r.errores[0].mensaje).not.toMatch(/CAMPO_INVENTADO_3/);
    expect(formatearErroresCaptura(r.errores, r.totalErrores).length).toBeLessThan(500);
  });

  it('cuts long names and long values echoed back', () => {
    const largo = 'X'.repeat(10_000);
    const r = validarCaptura({ ...completa(), [largo]: 1, PAN: 'y'.repeat(10_000) }, CAMPOS);
    if (r.ok) throw new Error('debió rechazarse');
    expect(JSON.stringify(r.errores).length).toBeLessThan(600);
    expect(r.errores.find((e) => e.campo === 'PAN')?.mensaje).toMatch(/"y{32}…"/);
  });

  it('lists at most MAX_ERRORES_LISTADOS errors and counts the rest', () => {
    const cols = Array.from({ length: 60 }, (_, i) => `P${i}`);
    const campos = camposDeActa([...cols, 'NO_REGISTRADAS', 'NULOS']);
    const r = validarCaptura(Object.fromEntries(campos.map((c) => [c, -1])), campos);
    if (r.ok) throw new Error('debió rechazarse');
    expect(r.errores).toHaveLength(MAX_ERRORES_LISTADOS);
    expect(r.totalErrores).toBe(campos.length);
    expect(formatearErroresCaptura(r.errores, r.totalErrores)).toMatch(new RegExp(`Hay ${campos.length - MAX_ERRORES_LISTADOS} error\\(es\\) más`));
  });
});

describe("errorDeFormaValores (the API's check before the workflow)", () => {
  it('accepts any well-formed object, even of fields the acta may not have', () => {
    expect(errorDeFormaValores({ PAN: 0, PARTIDO_X: 99999, NULOS: 'ilegible', TOTAL_VOTOS_ASENTADO: 'sin_dato' })).toBeNull();
    expect(errorDeFormaValores({})).toBeNull();
  });

  it('refuses too many keys, bad names and bad values with one short message', () => {
    const muchos = Object.fromEntries(Array.from({ length: MAX_CAMPOS_ACTA + 1 }, (_, i) => [`C${i}`, 1]));
    expect(errorDeFormaValores(muchos)).toMatch(new RegExp(`${MAX_CAMPOS_ACTA + 1} campos .* a lo más ${MAX_CAMPOS_ACTA}`));
    expect(errorDeFormaValores({ ['A'.repeat(65)]: 1 })).toMatch(/1 nombre\(s\) de campo no válidos .*de 1 a 64 caracteres/);
    expect(errorDeFormaValores({ pan: 1, 'b c': 2 })).toMatch(/^2 nombre\(s\)/);
    expect(errorDeFormaValores({ PAN: -1, PRI: 1.5 })).toMatch(/El campo PAN tiene -1.*Hay 1 campo\(s\) más/);
    expect(errorDeFormaValores({ PAN: 1e300 })).toMatch(/entero de 0 a 99999/);
    expect(errorDeFormaValores({ PAN: 'z'.repeat(60_000) })!.length).toBeLessThan(200);
    for (const v of [null, undefined, 'x', 5, [1]]) expect(errorDeFormaValores(v)).toMatch(/objeto/);
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
