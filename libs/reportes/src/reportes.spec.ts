import { parse } from 'csv-parse/sync';
import { csvAvance, csvCatd, formarAvance, formarReporteCatd, htmlAvance, htmlCatd, porcentaje, type ConteoCatd, type ConteoEleccion } from './index';

const ZONA = { etiqueta: 'UTC-6', minutos: -360 };
const AHORA = new Date('2026-06-07T03:00:00Z');

const eleccion = (tipoActa: string, nombre: string, n: Partial<ConteoEleccion> = {}): ConteoEleccion => ({
  tipoActa,
  nombre,
  esperadas: 0,
  acopiadas: 0,
  digitalizadas: 0,
  capturadas: 0,
  verificadas: 0,
  publicadas: 0,
  contabilizadas: 0,
  sinActa: 0,
  atoradas: 0,
  fueraDeCatalogo: 0,
  ...n,
});

const avance = () =>
  formarAvance(
    [
      eleccion('3', 'Diputaciones locales', {
        esperadas: 4321,
        acopiadas: 3001,
        digitalizadas: 2900,
        capturadas: 2500,
        verificadas: 2400,
        publicadas: 2399,
        contabilizadas: 2390,
      }),
      eleccion('2', 'Gubernatura <script>alert(1)</script>', { esperadas: 3, acopiadas: 2, publicadas: 1, contabilizadas: 1 }),
    ],
    [{ numero: 1, instante: '2026-06-07T02:20:00.000Z', estado: 'PUBLICADO', final: false, actas: 1234 }],
    AHORA,
  );

const catd = (c: string, p: Partial<ConteoCatd> = {}): ConteoCatd => ({
  catd: c,
  nombre: `CATD ${c}`,
  publicadas: 0,
  pendientes: { ACOPIADA: 0, EN_CAPTURA: 0, EN_VERIFICACION: 0, ESCALADA: 0 },
  atoradas: 0,
  masAntigua: null,
  ...p,
});

describe('Avance por elección', () => {
  it('orders elections, totals every figure and truncates percentages', () => {
    const r = avance();
    expect(r.elecciones.map((e) => e.tipoActa)).toEqual(['2', '3']);
    expect(r.totales.esperadas).toBe(4324);
    expect(r.totales.publicadas).toBe(2400);
    expect(r.elecciones[0].porcentajePublicadas).toBe(33.33);
    expect(porcentaje(2, 3)).toBe(66.66);
    expect(porcentaje(5, 0)).toBe(0);
    expect(r.definiciones.find((d) => d.figura === 'digitalizadas')!.definicion).toMatch(/imagen/);
  });

  it('CSV: BOM, header, one row per election and a TOTAL row that parses', () => {
    const texto = csvAvance(avance());
    expect(texto.startsWith('\uFEFF')).toBe(true);
    const filas: string[][] = parse(texto.slice(1));
    expect(filas[0].slice(0, 4)).toEqual(['TIPO_ACTA', 'ELECCION', 'ESPERADAS', 'ACOPIADAS']);
    expect(filas[0]).toContain('FUERA_DE_CATALOGO');
    expect(filas[2][filas[0].indexOf('PUBLICADAS')]).toBe('2399');
    expect(filas[3][0]).toBe('TOTAL');
    expect(filas[3][filas[0].indexOf('ESPERADAS')]).toBe('4324');
  });

  it('HTML: one page with an inline SVG chart, no script, escaped names, figures and cortes in the PREP zone', () => {
    const html = htmlAvance(avance(), ZONA);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="es">');
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('Gubernatura &lt;script&gt;');
    expect(html).toContain('4,321');
    expect(html).toContain('06/06/2026 20:20:00 (UTC-6)');
    for (const id of ['elecciones', 'grafica', 'cortes', 'definiciones']) expect(html).toContain(`<section id="${id}">`);
    // The chart labels its bars with the same numbers as the table, thousands separated alike.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('>2,399<');
    expect(html).toContain('<td>2,399<');
    expect(svg).toContain('Acopiadas');
  });

  it('says so when there is no corte yet', () => {
    const r = formarAvance([eleccion('1', 'Presidencia')], [], AHORA);
    expect(htmlAvance(r, ZONA)).toContain('Aún no se ha hecho ningún corte.');
  });
});

describe('Por CATD', () => {
  const conteos = [
    catd('M002', {
      publicadas: 7,
      pendientes: { ACOPIADA: 1, EN_CAPTURA: 4, EN_VERIFICACION: 0, ESCALADA: 2 },
      atoradas: 1,
      masAntigua: { claveActa: '1401234B01002', fase: 'ESCALADA', fechaHoraAcopio: '2026-06-07T01:29:30Z' },
    }),
    catd('D01', { publicadas: 3 }),
  ];

  it('sums the backlog and ages the oldest acta in whole minutes', () => {
    const r = formarReporteCatd(conteos, null, AHORA);
    expect(r.catds.map((c) => c.catd)).toEqual(['D01', 'M002']);
    expect(r.catds[1].totalPendientes).toBe(7);
    expect(r.catds[1].minutosEsperaMasAntigua).toBe(90);
    expect(r.catds[0].minutosEsperaMasAntigua).toBeNull();
  });

  it('CSV and HTML carry the same figures; the HTML has its chart and no script', () => {
    const r = formarReporteCatd(conteos, 'M002', AHORA);
    const filas: string[][] = parse(csvCatd(r).slice(1));
    const m = filas.find((f) => f[0] === 'M002')!;
    expect(m[filas[0].indexOf('PENDIENTES_EN_CAPTURA')]).toBe('4');
    expect(m[filas[0].indexOf('ACTA_MAS_ANTIGUA')]).toBe('1401234B01002');
    expect(m[filas[0].indexOf('MINUTOS_ESPERA_MAS_ANTIGUA')]).toBe('90');
    const html = htmlCatd(r, ZONA);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<td class="t n">1401234B01002</td><td class="t">Escalada</td><td>90</td>');
    expect(html).toContain('Solo el CATD M002');
  });

  it('with nothing pending (the end of the night) charts what each CATD published instead of an empty backlog', () => {
    const r = formarReporteCatd([catd('M001', { publicadas: 160 }), catd('M002', { publicadas: 1234 })], null, AHORA);
    const html = htmlCatd(r, ZONA);
    expect(html).toContain('<h2>Actas publicadas por CATD</h2><p class="nota">Ningún CATD tiene actas pendientes.</p>');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('>1,234<');
    expect(svg).toContain('>M002<');
    // With a backlog, the backlog chart as before.
    expect(htmlCatd(formarReporteCatd(conteos, null, AHORA), ZONA)).toContain('<h2>Actas pendientes por CATD y fase</h2>');
  });
});
