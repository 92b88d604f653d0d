import { ErrorDeUso, opcionEntera } from './opcion-entera';

describe('opcionEntera', () => {
  it('gives the default when the option is absent and the number when it is a whole number in range', () => {
    expect(opcionEntera('actas', undefined, 2000, 2, 200_000)).toBe(2000);
    expect(opcionEntera('actas', '40000', 2000, 2, 200_000)).toBe(40_000);
    expect(opcionEntera('lote', '1', 5)).toBe(1);
  });

  it.each(['1e3', '-5', '3.5', '', ' 7', '0x10', 'diez'])("refuses '%s' naming the option and what it received", (valor) => {
    expect(() => opcionEntera('actas', valor, 2000, 2, 200_000)).toThrow(ErrorDeUso);
    expect(() => opcionEntera('actas', valor, 2000, 2, 200_000)).toThrow(`--actas debe ser un entero entre 2 y 200000 (se recibió '${valor}')`);
  });

  it('refuses numbers outside the bounds, and says "≥ min" when there is no upper bound', () => {
    expect(() => opcionEntera('actas', '1', 2000, 2, 200_000)).toThrow('entre 2 y 200000');
    expect(() => opcionEntera('actas', '200001', 2000, 2, 200_000)).toThrow('entre 2 y 200000');
    expect(() => opcionEntera('casillas', '0', 10_000)).toThrow("--casillas debe ser un entero ≥ 1 (se recibió '0')");
  });
});
