import { parse } from 'csv-parse/sync';
import { csvCalidad, formarCalidad, htmlCalidad, type ConteosCalidad } from './index';

const ZONA = { etiqueta: 'UTC-6', minutos: -360 };
const AHORA = new Date('2026-06-07T06:00:00Z');

const conteos: ConteosCalidad = {
  actasCapturadas: 8,
  actasConDiferencia: 3,
  rondas: 9,
  rondasConDiferencia: 3,
  capturistas: [
    { usuario: 'ana', capturas: 6, conDiferencia: 1 },
    { usuario: 'beto', capturas: 6, conDiferencia: 2 },
    { usuario: 'caro', capturas: 6, conDiferencia: 3 },
  ],
  campos: [
    { campo: 'PAN', veces: 1 },
    { campo: 'NULOS', veces: 2 },
    { campo: 'MORENA', veces: 2 },
  ],
  actasDevueltas: 1,
  devoluciones: 1,
  actasEscaladas: 0,
  verificaciones: [
    { modo: 'desempate', decision: 'CORREGIR', rol: 'verificador', actas: 2 },
    { modo: 'confirmacion', decision: 'CONFIRMAR', rol: 'verificador', actas: 5 },
  ],
  actasPublicadas: 7,
  observaciones: [
    { observacion: 'Sin dato', actas: 1 },
    { observacion: 'Ilegible', actas: 2 },
  ],
};

describe('Calidad', () => {
  const r = formarCalidad(conteos, null, AHORA);

  it('rates are percentages truncated to 2 decimals over the stated base', () => {
    // 3 of 8 actas = 37.5 %; 3 of 9 rondas = 33.333… → 33.33; 1 of 8 devueltas = 12.5 %.
    expect(r.resumen).toMatchObject({
      porcentajeActasConDiferencia: 37.5,
      porcentajeRondasConDiferencia: 33.33,
      porcentajeActasDevueltas: 12.5,
      porcentajeActasEscaladas: 0,
    });
    // caro 3/6 = 50 %, beto 2/6 = 33.33 %, ana 1/6 = 16.66 % (truncated, not 16.67): highest share first.
    expect(r.capturistas.map((c) => [c.usuario, c.porcentajeConDiferencia])).toEqual([
      ['caro', 50],
      ['beto', 33.33],
      ['ana', 16.66],
    ]);
  });

  it('fields most often in disagreement first (ties by name), as a share of the rounds', () => {
    expect(r.campos.map((c) => [c.campo, c.veces, c.porcentajeRondas])).toEqual([
      ['MORENA', 2, 22.22],
      ['NULOS', 2, 22.22],
      ['PAN', 1, 11.11],
    ]);
    expect(r.observaciones.map((o) => [o.observacion, o.porcentajePublicadas])).toEqual([
      ['Ilegible', 28.57],
      ['Sin dato', 14.28],
    ]);
    expect(r.verificaciones[0].modo).toBe('confirmacion');
  });

  it('a capturista with no compared capture has rate 0, not NaN', () => {
    const vacio = formarCalidad({ ...conteos, actasCapturadas: 0, capturistas: [{ usuario: 'x', capturas: 0, conDiferencia: 0 }] }, 'M001', AHORA);
    expect(vacio.capturistas[0].porcentajeConDiferencia).toBe(0);
    expect(vacio.resumen.porcentajeActasConDiferencia).toBe(0);
  });

  it('CSV: long format with VALOR, TOTAL and PORCENTAJE per row', () => {
    const filas: string[][] = parse(csvCalidad(r).slice(1));
    expect(filas[0]).toEqual(['BLOQUE', 'CLAVE', 'VALOR', 'TOTAL', 'PORCENTAJE']);
    expect(filas[1]).toEqual(['RESUMEN', 'ACTAS_CON_DIFERENCIA', '3', '8', '37.5']);
    expect(filas.find((f) => f[0] === 'CAPTURISTA' && f[1] === 'beto')).toEqual(['CAPTURISTA', 'beto', '2', '6', '33.33']);
    expect(filas.find((f) => f[0] === 'CAMPO' && f[1] === 'NULOS')).toEqual(['CAMPO', 'NULOS', '2', '9', '22.22']);
    expect(filas.find((f) => f[0] === 'VERIFICACION')).toEqual(['VERIFICACION', 'confirmacion/CONFIRMAR/verificador', '5', '', '']);
    expect(filas.find((f) => f[0] === 'OBSERVACION' && f[1] === 'Ilegible')).toEqual(['OBSERVACION', 'Ilegible', '2', '7', '28.57']);
  });

  it('HTML: one section per block, SVG charts, escaped names, no script', () => {
    const html = htmlCalidad(formarCalidad({ ...conteos, capturistas: [{ usuario: '<b>x</b>', capturas: 2, conDiferencia: 1 }] }, 'M001', AHORA), ZONA);
    expect(html).toMatch(/<h1>Calidad de la captura<\/h1>/);
    for (const id of ['resumen', 'capturistas', 'campos', 'verificaciones', 'observaciones', 'definiciones']) expect(html).toContain(`<section id="${id}">`);
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('<td>37.50 %</td>');
    expect(html).toContain('Solo el CATD M001');
  });

  it('says so when nothing was captured yet', () => {
    const cero = formarCalidad(
      {
        ...conteos,
        actasCapturadas: 0,
        actasConDiferencia: 0,
        rondas: 0,
        rondasConDiferencia: 0,
        capturistas: [],
        campos: [],
        verificaciones: [],
        observaciones: [],
        actasPublicadas: 0,
      },
      null,
      AHORA,
    );
    const html = htmlCalidad(cero, ZONA);
    expect(html).toContain('Aún no hay rondas comparadas.');
    expect(html).not.toMatch(/<svg/);
  });
});
