import {
  DEFAULT_POLITICA_PREP,
  alterarCaptura,
  calcularResultado,
  camposDeActa,
  compararCapturas,
  generarCaptura,
  generarCatalogo,
  actasEsperadas,
  mulberry32,
  validarCaptura,
  validarCatalogo,
} from './index';

describe('mulberry32', () => {
  it('es determinista y distinto por semilla', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect(c()).not.toBe(sa[0]);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('generarCatalogo (Jalisco 2021 por defecto)', () => {
  const cat = generarCatalogo();

  it('tiene el tamaño de Jalisco y pasa validarCatalogo', () => {
    expect(cat.entidad).toEqual({ id: 14, nombre: 'JALISCO' });
    expect(cat.distritos).toHaveLength(20);
    expect(cat.municipios).toHaveLength(125);
    expect(cat.catds).toHaveLength(145);
    expect(cat.catds.filter((c) => c.tipo === 'DISTRITAL')).toHaveLength(20);
    expect(cat.casillas).toHaveLength(10_000);
    expect(validarCatalogo(cat)).toEqual([]);
    expect(actasEsperadas(cat)).toHaveLength(20_000);
  });

  it('es determinista por semilla', () => {
    expect(generarCatalogo()).toEqual(cat);
    expect(generarCatalogo({ semilla: 7 }).casillas).not.toEqual(cat.casillas);
  });

  it('tiene proporciones realistas de tipos, lista nominal y CATD del municipio', () => {
    const n = (t: string) => cat.casillas.filter((c) => c.tipo === t).length / cat.casillas.length;
    expect(n('B')).toBeGreaterThan(0.35);
    expect(n('C')).toBeGreaterThan(0.4);
    expect(n('E')).toBeGreaterThan(0.005);
    expect(n('E')).toBeLessThan(0.05);
    expect(n('S')).toBeGreaterThan(0.001);
    expect(n('S')).toBeLessThan(0.02);
    for (const c of cat.casillas) {
      if (c.tipo === 'B' || c.tipo === 'C') expect(c.listaNominal >= 300 && c.listaNominal <= 750).toBe(true);
      expect(c.catd).toBe(`M${String(c.idMunicipio).padStart(3, '0')}`);
    }
    const distritos = new Set(cat.casillas.map((c) => c.idDistritoLocal));
    expect(distritos.size).toBe(20);
    expect(cat.elecciones.map((e) => [e.tipoActa, e.nombre, e.ambito])).toEqual([
      ['5', 'DIPUTACIONES LOCALES MR', 'DISTRITO_LOCAL'],
      ['6', 'AYUNTAMIENTOS', 'MUNICIPIO'],
    ]);
  });

  it('respeta los parámetros y manda al CATD distrital a los municipios sin CATD propio', () => {
    const chico = generarCatalogo({ semilla: 3, casillas: 300, distritos: 3, municipios: 10, catdsMunicipales: 4 });
    expect(chico.casillas).toHaveLength(300);
    expect(chico.catds).toHaveLength(7);
    expect(validarCatalogo(chico)).toEqual([]);
    const sinPropio = chico.casillas.filter((c) => c.idMunicipio > 4);
    expect(sinPropio.length).toBeGreaterThan(0);
    for (const c of sinPropio) expect(c.catd).toBe(`D0${c.idDistritoLocal}`);
  });
});

describe('generarCaptura', () => {
  const cat = generarCatalogo({ semilla: 5, casillas: 200, municipios: 5, distritos: 2 });
  const eleccion = cat.elecciones[1];
  const campos = camposDeActa(eleccion.columnasVoto);
  const b = cat.casillas.find((c) => c.tipo === 'B')!;
  const resultado = (captura: ReturnType<typeof generarCaptura>, casilla = b) =>
    calcularResultado({ captura, columnasVoto: eleccion.columnasVoto, casilla, politica: DEFAULT_POLITICA_PREP });

  it('es determinista, válida y coherente (participación cerca de 60 %)', () => {
    const c = generarCaptura('acta-1', b, eleccion.columnasVoto);
    expect(generarCaptura('acta-1', b, eleccion.columnasVoto)).toEqual(c);
    expect(validarCaptura(c, campos).ok).toBe(true);
    const r = resultado(c);
    expect(r.observaciones).toEqual([]);
    expect(c.TOTAL_VOTOS_ASENTADO).toBe(r.totalVotosCalculado);
    expect(r.totalVotosCalculado / b.listaNominal).toBeGreaterThan(0.4);
    expect(r.totalVotosCalculado / b.listaNominal).toBeLessThan(0.8);
    let suma = 0;
    let ln = 0;
    for (const [i, cas] of cat.casillas.entries()) {
      if (cas.tipo === 'S') continue;
      suma += resultado(generarCaptura(i, cas, eleccion.columnasVoto), cas).totalVotosCalculado;
      ln += cas.listaNominal;
    }
    expect(suma / ln).toBeGreaterThan(0.55);
    expect(suma / ln).toBeLessThan(0.65);
  });

  it('produce ilegibles, sin dato, todos ilegibles y excede lista nominal a pedido', () => {
    const c = generarCaptura(1, b, eleccion.columnasVoto, { ilegibles: 2, sinDato: 1 });
    expect(Object.values(c).filter((v) => v === 'ilegible')).toHaveLength(2);
    expect(Object.values(c).filter((v) => v === 'sin_dato')).toHaveLength(1);
    expect(resultado(c).observaciones).toEqual(['Ilegible', 'Sin dato']);
    expect(resultado(generarCaptura(1, b, eleccion.columnasVoto, { excederListaNominal: true })).observaciones).toEqual(['Excede Lista Nominal']);
    expect(resultado(generarCaptura(1, b, eleccion.columnasVoto, { todosIlegibles: true })).observaciones).toEqual(['Todos los campos ilegibles']);
    expect(resultado(generarCaptura(1, b, eleccion.columnasVoto, { todosVacios: true })).observaciones).toEqual(['Todos los campos vacíos']);
  });

  it('alterarCaptura cambia exactamente los campos que informa', () => {
    const c = generarCaptura(9, b, eleccion.columnasVoto);
    const { captura, alterados } = alterarCaptura(c, 'x', 3);
    expect(alterados).toHaveLength(3);
    expect(compararCapturas(c, captura, campos).sort()).toEqual([...alterados].sort());
    expect(validarCaptura(captura, campos).ok).toBe(true);
  });
});
