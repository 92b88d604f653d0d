import {
  Captura,
  DEFAULT_POLITICA_PREP,
  FUERA_DE_CATALOGO,
  calcularResultado,
  camposDeActa,
  contabilizadaSegun,
  crearPolitica,
  formatearObservaciones,
  sinActa,
} from './index';

const COLS = ['PAN', 'PRI', 'PAN_PRI', 'CAND_IND_1', 'NO_REGISTRADAS', 'NULOS'];
const casilla = { tipo: 'B' as const, listaNominal: 500, representantes: 10 };
const politica = DEFAULT_POLITICA_PREP;

function captura(over: Captura = {}): Captura {
  const base: Captura = { PAN: 100, PRI: 80, PAN_PRI: 5, CAND_IND_1: 10, NO_REGISTRADAS: 1, NULOS: 4 };
  for (const t of camposDeActa([]).slice()) base[t] = 200;
  return { ...base, ...over };
}

function calcular(c: Captura, cas: { tipo: 'B' | 'C' | 'E' | 'S'; listaNominal: number; representantes: number } = casilla) {
  return calcularResultado({ captura: c, columnasVoto: COLS, casilla: cas, politica });
}

describe('calcularResultado', () => {
  it('suma todos los campos de voto (no los totales) y sin observaciones contabiliza', () => {
    expect(calcular(captura())).toEqual({ totalVotosCalculado: 200, observaciones: [], contabilizada: 1 });
  });

  it('ilegible y sin dato suman 0 y dejan la observación; sigue contabilizada', () => {
    const r = calcular(captura({ PAN: 'ilegible', NULOS: 'sin_dato' }));
    expect(r.totalVotosCalculado).toBe(96);
    expect(r.observaciones).toEqual(['Ilegible', 'Sin dato']);
    expect(r.contabilizada).toBe(1);
  });

  it('un total ilegible o sin dato también es observación', () => {
    expect(calcular(captura({ TOTAL_VOTOS_ASENTADO: 'ilegible' })).observaciones).toEqual(['Ilegible']);
    expect(calcular(captura({ TOTAL_BOLETAS_SOBRANTES: 'sin_dato' })).observaciones).toEqual(['Sin dato']);
  });

  it('excede lista nominal solo por encima de lista nominal + representantes; no contabiliza', () => {
    expect(calcular(captura({ PAN: 410 })).observaciones).toEqual([]); // 510 = 500 + 10
    const r = calcular(captura({ PAN: 411 }));
    expect(r.totalVotosCalculado).toBe(511);
    expect(r.observaciones).toEqual(['Excede Lista Nominal']);
    expect(r.contabilizada).toBe(0);
  });

  it('la casilla especial usa su tope de boletas, no su lista nominal', () => {
    const especial = { tipo: 'S' as const, listaNominal: 0, representantes: 10 };
    expect(calcular(captura({ PAN: 660 }), especial).observaciones).toEqual([]); // 760 = 750 + 10
    expect(calcular(captura({ PAN: 661 }), especial).observaciones).toEqual(['Excede Lista Nominal']);
    const otroTope = calcularResultado({
      captura: captura({ PAN: 500 }),
      columnasVoto: COLS,
      casilla: especial,
      politica: crearPolitica({ topeCasillaEspecial: 500 }),
    });
    expect(otroTope.observaciones).toEqual(['Excede Lista Nominal']);
  });

  it('combina en el orden publicado: Excede Lista Nominal, Ilegible, Sin dato', () => {
    const r = calcular(captura({ PAN: 600, PRI: 'sin_dato', NULOS: 'ilegible' }));
    expect(r.observaciones).toEqual(['Excede Lista Nominal', 'Ilegible', 'Sin dato']);
    expect(formatearObservaciones(r.observaciones)).toBe('Excede Lista Nominal, Ilegible, Sin dato');
    expect(r.contabilizada).toBe(0);
  });

  it('todos los campos de voto ilegibles: solo esa observación, aunque un total sea sin dato; no contabiliza', () => {
    const todos = Object.fromEntries(COLS.map((c) => [c, 'ilegible' as const]));
    const r = calcular(captura({ ...todos, TOTAL_VOTOS_SACADOS: 'sin_dato' }));
    expect(r).toEqual({ totalVotosCalculado: 0, observaciones: ['Todos los campos ilegibles'], contabilizada: 0 });
  });

  it('todos los campos de voto sin dato: Todos los campos vacíos; no contabiliza', () => {
    const todos = Object.fromEntries(COLS.map((c) => [c, 'sin_dato' as const]));
    const r = calcular(captura({ ...todos, TOTAL_VOTOS_ASENTADO: 'ilegible' }));
    expect(r).toEqual({ totalVotosCalculado: 0, observaciones: ['Todos los campos vacíos'], contabilizada: 0 });
  });

  it('campos de voto mezclados ilegible / sin dato no son "todos": se reportan ambos', () => {
    const mixto = Object.fromEntries(COLS.map((c, i) => [c, i % 2 ? ('ilegible' as const) : ('sin_dato' as const)]));
    const r = calcular(captura(mixto));
    expect(r.observaciones).toEqual(['Ilegible', 'Sin dato']);
    expect(r.contabilizada).toBe(1);
  });

  it('la política decide qué observaciones no contabilizan', () => {
    const estricta = crearPolitica({ observacionesQueNoContabilizan: ['Ilegible'] });
    const r = calcularResultado({ captura: captura({ PAN: 'ilegible' }), columnasVoto: COLS, casilla, politica: estricta });
    expect(r.contabilizada).toBe(0);
    const laxa = crearPolitica({ observacionesQueNoContabilizan: [] });
    expect(calcularResultado({ captura: captura({ PAN: 900 }), columnasVoto: COLS, casilla, politica: laxa }).contabilizada).toBe(1);
  });

  it('rechaza una elección sin columnas de voto', () => {
    expect(() => calcularResultado({ captura: {}, columnasVoto: [], casilla, politica })).toThrow(/columnas de voto/);
  });
});

describe('observaciones especiales', () => {
  it('SIN ACTA lleva su motivo y nunca contabiliza', () => {
    expect(sinActa('PAQUETE NO ENTREGADO')).toBe('SIN ACTA (PAQUETE NO ENTREGADO)');
    expect(contabilizadaSegun([sinActa('CASILLA NO INSTALADA')], crearPolitica({ observacionesQueNoContabilizan: [] }))).toBe(0);
    expect(FUERA_DE_CATALOGO).toBe('FUERA DE CATALOGO');
  });
});
