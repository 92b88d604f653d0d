import { fechaHoraPublicada, listaObservaciones, lineaFechaCorte, porcentajeTruncado } from './formato';

describe('porcentajeTruncado', () => {
  it.each([
    [2, 3, '66.6666'],
    [1, 3, '33.3333'],
    [1, 8, '12.5000'],
    [0, 7, '0.0000'],
    [7, 7, '100.0000'],
    [1234, 10000, '12.3400'],
    // 99999.99999…: a float rounding would give 100.0000
    [999_999_999, 1_000_000_000, '99.9999'],
  ])('%d × 100 / %d → %s (truncated, never rounded)', (n, d, esperado) => {
    expect(porcentajeTruncado(n, d)).toBe(esperado);
  });

  it('gives 0.0000 with a zero denominator', () => {
    expect(porcentajeTruncado(0, 0)).toBe('0.0000');
    expect(porcentajeTruncado(5, 0)).toBe('0.0000');
  });
});

describe('dates in the publication zone', () => {
  it('writes dd/mm/yyyy HH:MM:SS, crossing midnight backwards for UTC-6', () => {
    expect(fechaHoraPublicada('2027-06-07T02:10:05.900Z', -360)).toBe('06/06/2027 20:10:05');
    expect(fechaHoraPublicada('2027-06-07T02:10:05-05:00', -360)).toBe('07/06/2027 01:10:05');
    expect(lineaFechaCorte('2027-06-07T03:30:59Z', { etiqueta: 'UTC-6', minutos: -360 })).toBe('06/06/2027 21:30 (UTC-6)');
    expect(lineaFechaCorte('2027-06-07T03:30:59Z', { etiqueta: 'UTC-5', minutos: -300 })).toBe('06/06/2027 22:30 (UTC-5)');
  });
});

describe('listaObservaciones', () => {
  it('writes a bracketed list of quoted labels, empty when there is none', () => {
    expect(listaObservaciones([])).toBe('');
    expect(listaObservaciones(['Excede Lista Nominal', 'Sin dato'])).toBe("['Excede Lista Nominal', 'Sin dato']");
    expect(listaObservaciones(["SIN ACTA (CASILLA NO INSTALADA POR D'ANGELO)"])).toBe('["SIN ACTA (CASILLA NO INSTALADA POR D\'ANGELO)"]');
  });
});
