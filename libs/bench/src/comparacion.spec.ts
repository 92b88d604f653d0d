import { compararCorrida, textoComparacion } from './comparacion';
import type { MedidaOperacion, ResultadoBench, ResultadoCorrida } from './resultado';

const op = (actasPorSegundo: number, apiMsPorActa: number): MedidaOperacion => ({
  segundos: 100,
  publicadas: 200,
  actasPorSegundo,
  latencias: {},
  bitacora: { transacciones: 0, entradas: 0, entradasPorSegundo: 10, entradasPorActa: 10 },
  postgres: { filasEscritas: 0, filasPorSegundo: 30 },
  cortes: { n: 0, p50Ms: 0, maxMs: 0, totalMs: 0 },
  cpu: [{ proceso: 'API', cpuMs: 1, msPorActa: apiMsPorActa, porcentajeNucleos: 1 }],
  maquinaOcupadaPorcentaje: null,
  errores: 0,
  limpio: true,
});
const corrida = (actasPorSegundo: number, apiMs: number, baseTemporal: number): ResultadoCorrida => ({
  actas: 200,
  concurrencia: 4,
  enVuelo: 20,
  operacion: op(actasPorSegundo, apiMs),
  referencias: [{ nombre: 'temporal', unidad: 'actas', operaciones: 200, segundos: 1, porSegundo: baseTemporal, latencias: {}, errores: 0 }],
});
const resultado = (c: ResultadoCorrida): ResultadoBench => ({
  version: 1,
  fecha: '2026-11-28T00:00:00.000Z',
  maquina: { cpu: 'x', nucleos: 2, memoriaGiB: 1, node: 'v20', sistema: 'Linux' },
  commit: null,
  partes: [],
  corridas: [c],
  otras: {},
});

describe('a run against the baseline', () => {
  it('compares rates, CPU per acta and the ratios to the same-run floors', () => {
    // Twice as fast, but the floor also doubled (a quieter box): the ratio did not move.
    const filas = compararCorrida(corrida(2, 50, 4), corrida(1, 100, 2));
    expect(filas).toEqual([
      { medida: 'actas/s', antes: 1, ahora: 2, cambioPorcentaje: 100 },
      { medida: 'entradas de bitácora por acta', antes: 10, ahora: 10, cambioPorcentaje: 0 },
      { medida: 'CPU ms/acta: API', antes: 100, ahora: 50, cambioPorcentaje: -50 },
      { medida: 'razón actas/s ÷ Temporal desnudo (actividades)', antes: 0.5, ahora: 0.5, cambioPorcentaje: 0 },
    ]);
  });

  it('compares only sizes present in both', () => {
    const otra = { ...corrida(1, 1, 1), actas: 2000 };
    expect(textoComparacion(resultado(otra), resultado(corrida(1, 1, 1)))).toBeNull();
    expect(textoComparacion(resultado(corrida(2, 50, 4)), resultado(corrida(1, 100, 2)))).toMatch(/actas\/s\s+1\s+2\s+\+100 %/);
  });
});
