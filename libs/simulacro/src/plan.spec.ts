import { DEFAULT_POLITICA_PREP, FUERA_DE_CATALOGO, actasEsperadas, camposDeActa, compararCapturas, validarCatalogo, validarCaptura } from '@prep/domain';
import { ErrorTasas, TASAS_POR_OMISION, catalogoDelSimulacro, parsearTasas, planSimulacro, resumirTiempos, type Realidad } from './index';

describe('catalogoDelSimulacro', () => {
  it('has the requested size, is valid and always holds a casilla especial', () => {
    for (const [actas, catds] of [
      [60, 3],
      [301, 8],
      [2000, 12],
    ]) {
      const cat = catalogoDelSimulacro({ actas, catds, semilla: 7 });
      expect(validarCatalogo(cat)).toEqual([]);
      expect(actasEsperadas(cat)).toHaveLength(Math.ceil(actas / 2) * 2);
      expect(cat.catds).toHaveLength(catds);
      expect(cat.casillas.some((c) => c.tipo === 'S')).toBe(true);
    }
  });

  it('refuses impossible sizes in Spanish', () => {
    expect(() => catalogoDelSimulacro({ actas: 10, catds: 6, semilla: 1 })).toThrow(/más CATD \(6\) que casillas \(5\)/);
    expect(() => catalogoDelSimulacro({ actas: 1, catds: 1, semilla: 1 })).toThrow(/al menos 2 actas/);
  });
});

describe('planSimulacro', () => {
  const N = 8_000;
  const plan = planSimulacro({ actas: N, catds: 20, semilla: 2027 });
  const enCatalogo = plan.actas.filter((a) => !a.fueraDeCatalogo);
  const llegan = enCatalogo.filter((a) => a.llega);

  it('is deterministic per seed and changes with another', () => {
    expect(planSimulacro({ actas: N, catds: 20, semilla: 2027 })).toEqual(plan);
    const otro = planSimulacro({ actas: N, catds: 20, semilla: 2028 });
    expect(otro.actas.map((a) => a.claveActa)).not.toEqual(plan.actas.map((a) => a.claveActa));
  });

  it('injects each reality near its rate (tolerance of 4 binomial deviations)', () => {
    const cerca = (realidad: Realidad, tasa: number, base: number) => {
      const n = plan.conteos.porRealidad[realidad];
      const tolerancia = 4 * Math.sqrt(base * tasa * (1 - tasa)) + 1;
      expect(Math.abs(n - base * tasa)).toBeLessThanOrEqual(tolerancia);
    };
    const t = TASAS_POR_OMISION;
    cerca('sinActa', t.sinActa, enCatalogo.length);
    cerca('fueraDeCatalogo', t.fueraDeCatalogo, enCatalogo.length);
    cerca('ilegible', t.ilegible * (1 - t.excedeListaNominal), enCatalogo.length);
    cerca('sinDato', t.sinDato * (1 - t.excedeListaNominal), enCatalogo.length);
    cerca('excedeListaNominal', t.excedeListaNominal, enCatalogo.length);
    cerca('fotoCasilla', t.fotoCasilla, llegan.length);
    cerca('capturasDistintas', t.capturasDistintas, llegan.length);
    cerca('escalamiento', t.escalamiento, llegan.length);
    cerca('devolucion', t.devolucion * (1 - t.escalamiento), llegan.length);
    const tareas = llegan.reduce((s, a) => s + 2 * a.rondas.length, 0);
    cerca('abandono', t.abandono, tareas);
    expect(plan.conteos.porRealidad.casillaEspecial).toBeGreaterThan(0);
  });

  it('every arriving acta has valid captures and a decision consistent with them', () => {
    const cat = plan.catalogo;
    const columnas = new Map(cat.elecciones.map((e) => [e.tipoActa, camposDeActa(e.columnasVoto)]));
    for (const a of llegan) {
      const campos = columnas.get(a.claveActa.slice(11))!;
      expect(validarCaptura(a.verdad, campos).ok).toBe(true);
      a.rondas.forEach((r, i) => {
        expect(r.discrepancias).toEqual(compararCapturas(r.capturas[0], r.capturas[1], campos));
        const ultima = i === a.rondas.length - 1;
        if (!ultima || a.escalada) expect(r.decision).toBe('DEVOLVER');
        else expect(r.decision).toBe(r.discrepancias.length ? 'CORREGIR' : 'CONFIRMAR');
      });
      expect(a.rondas).toHaveLength(a.escalada ? DEFAULT_POLITICA_PREP.maxDevoluciones + 1 : a.realidades.includes('devolucion') ? 2 : 1);
      expect(a.esperado.fase).toBe('PUBLICADA');
    }
  });

  it('expects what the policy says of each reality', () => {
    for (const a of plan.actas) {
      if (!a.llega) expect(a.esperado).toEqual({ fase: 'SIN_ACTA', contabilizada: 0, observaciones: null });
      else if (a.fueraDeCatalogo) expect(a.esperado).toEqual({ fase: 'PUBLICADA', contabilizada: 2, observaciones: [FUERA_DE_CATALOGO] });
      else if (a.realidades.includes('excedeListaNominal')) {
        expect(a.esperado.observaciones).toContain('Excede Lista Nominal');
        expect(a.esperado.contabilizada).toBe(0);
      } else if (a.realidades.includes('ilegible')) expect(a.esperado).toMatchObject({ contabilizada: 1, observaciones: expect.arrayContaining(['Ilegible']) });
    }
    // Fuera de catálogo claves are new casillas of the same entidad, never a catálogo clave.
    const claves = new Set(actasEsperadas(plan.catalogo).map((a) => a.claveActa));
    for (const a of plan.actas.filter((x) => x.fueraDeCatalogo)) expect(claves.has(a.claveActa)).toBe(false);
  });

  it('injects nothing at rate 0 and everywhere at rate 1', () => {
    const cero = Object.fromEntries(Object.keys(TASAS_POR_OMISION).map((k) => [k, 0]));
    const limpio = planSimulacro({ actas: 200, catds: 4, semilla: 1, tasas: cero });
    const { casillaEspecial, ...resto } = limpio.conteos.porRealidad;
    expect(Object.values(resto).every((n) => n === 0)).toBe(true);
    expect(casillaEspecial).toBeGreaterThan(0);
    const todas = planSimulacro({ actas: 200, catds: 4, semilla: 1, tasas: { ...cero, sinActa: 1 } });
    expect(todas.conteos.llegan).toBe(0);
  });
});

describe('parsearTasas', () => {
  it('applies the values over the default rates', () => {
    expect(parsearTasas('sinActa=0.1, abandono=0')).toEqual({ ...TASAS_POR_OMISION, sinActa: 0.1, abandono: 0 });
    expect(parsearTasas(undefined)).toEqual(TASAS_POR_OMISION);
  });

  it('explains each error in Spanish', () => {
    expect(() => parsearTasas('sinacta=0.1')).toThrow(ErrorTasas);
    expect(() => parsearTasas('sinacta=0.1')).toThrow(/no existe; use una de: sinActa/);
    expect(() => parsearTasas('sinActa=2')).toThrow(/no es una probabilidad/);
    expect(() => parsearTasas('sinActa')).toThrow(/tasa=valor/);
  });
});

describe('resumirTiempos', () => {
  it('gives nearest-rank percentiles', () => {
    const r = resumirTiempos(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(r).toEqual({ n: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(resumirTiempos([])).toEqual({ n: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
