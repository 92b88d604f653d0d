import { cociente, combinarPasadas, razones, tabla, textoCorrida, textoResultado } from './razones';
import type { MedidaOperacion, ResultadoCorrida } from './resultado';

const operacion: MedidaOperacion = {
  segundos: 100,
  publicadas: 200,
  actasPorSegundo: 2,
  latencias: { acopio: { n: 200, p50: 120, p95: 300, p99: 450, max: 500 }, 'crear usuario': { n: 20, p50: 1, p95: 1, p99: 1, max: 1 } },
  bitacora: { transacciones: 1400, entradas: 1400, entradasPorSegundo: 14, entradasPorActa: 7 },
  postgres: { filasEscritas: 3000, filasPorSegundo: 30 },
  cortes: { n: 2, p50Ms: 1500, maxMs: 2500, totalMs: 4000 },
  cpu: [{ proceso: 'api', cpuMs: 20_000, msPorActa: 100, porcentajeNucleos: 10 }],
  maquinaOcupadaPorcentaje: 80,
  errores: 0,
  limpio: true,
};

const ref = (nombre: string, porSegundo: number) => ({ nombre, unidad: 'x', operaciones: 10, segundos: 1, porSegundo, latencias: {}, errores: 0 });

describe('project ÷ floor', () => {
  it('divides each project rate by the floor that bounds it', () => {
    const rs = razones(operacion, [ref('temporal', 8), ref('temporalLocal', 20), ref('immudb', 140), ref('postgres', 0)]);
    expect(rs.map((r) => [r.delProyecto, r.proyecto, r.base, r.razon])).toEqual([
      ['actas/s', 2, 8, 0.25],
      ['actas/s', 2, 20, 0.1],
      ['entradas de bitácora/s', 14, 140, 0.1],
      // A floor that measured nothing gives no ratio rather than Infinity.
      ['filas escritas/s', 30, 0, null],
    ]);
    expect(razones(null, [ref('temporal', 8)])).toEqual([]);
    expect(cociente(1, 3)).toBe(0.333);
  });

  it('aligns a table: names left, figures right', () => {
    expect(
      tabla(
        ['a', 'n'],
        [
          ['larga', '1'],
          ['b', '100'],
        ],
      ),
    ).toBe(['a        n', '-----  ---', 'larga    1', 'b      100'].join('\n'));
  });

  it('prints the run in Spanish with the staff actions in the order of an acta and the ratios', () => {
    const c: ResultadoCorrida = { actas: 200, concurrencia: 4, enVuelo: 20, operacion, referencias: [ref('temporal', 8)] };
    const texto = textoCorrida(c);
    expect(texto).toContain('actas/s de punta a punta');
    expect(texto).toMatch(/acopio\s+200\s+120\s+300\s+450\s+500/);
    expect(texto).not.toContain('crear usuario');
    expect(texto).toMatch(/Temporal desnudo \(actividades\)\s+actas\/s\s+2\.00\s+8\.00\s+0\.250/);
  });
});

describe('the whole result', () => {
  it('heads the table with the machine and its load, so a noisy run says so', () => {
    const texto = textoResultado({
      version: 1,
      fecha: '2026-11-28T00:00:00.000Z',
      maquina: { cpu: 'AMD EPYC', nucleos: 2, memoriaGiB: 23.5, node: 'v20.20.2', sistema: 'Linux' },
      commit: 'abcdef0123456789+cambios',
      partes: ['corte'],
      carga: { inicio: 11.8, fin: 12.4 },
      corridas: [],
      otras: { corte_csv_ms: 400 },
    });
    expect(texto).toContain('AMD EPYC, 2 núcleos, 23.5 GiB, Node v20.20.2 · commit abcdef012345 con cambios sin commit');
    expect(texto).toContain('Carga media de la máquina (1 min): 11.8 al empezar, 12.4 al terminar');
    expect(texto).toMatch(/corte_csv_ms\s+400/);
  });
});

describe('floors measured before and after the operation', () => {
  it('sums the work, averages the rates and keeps each pass', () => {
    const m = (porSegundo: number, errores = 0) => ({
      nombre: 'temporal',
      unidad: 'actas',
      operaciones: 200,
      segundos: 100,
      porSegundo,
      latencias: {},
      errores,
    });
    const [t] = combinarPasadas([[m(1.64)], [m(2.24, 1)]]);
    expect(t).toMatchObject({ operaciones: 400, segundos: 200, errores: 1, porSegundo: 1.94, pasadas: [1.64, 2.24] });
    expect(combinarPasadas([[m(3)]])[0]).toMatchObject({ porSegundo: 3, pasadas: [3] });
  });
});
