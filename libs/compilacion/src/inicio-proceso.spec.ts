import type { RegistroAcciones } from '@prep/audit';
import type { CompilacionDeProceso } from './compilacion';
import { datosInicioProceso, registrarInicioProceso } from './inicio-proceso';

const compilacion: CompilacionDeProceso = {
  modo: 'dist',
  codigo: 'a'.repeat(64),
  bundleWorkflows: 'b'.repeat(64),
  packageLock: 'c'.repeat(64),
  commit: null,
  arbolModificado: null,
};

describe('PROCESO_INICIADO', () => {
  it('names the process and keeps its real start time', () => {
    const inicio = new Date('2027-06-06T08:00:00Z');
    expect(datosInicioProceso('worker', compilacion, inicio)).toEqual({
      tipo: 'worker',
      host: expect.any(String),
      pid: process.pid,
      inicio: inicio.toISOString(),
      compilacion,
    });
  });

  it('keeps retrying while immudb does not answer, and writes the record exactly once when it does', async () => {
    const escritos: unknown[][] = [];
    let fallos = 3;
    const registro: RegistroAcciones = {
      registrar: async (...args) => {
        if (fallos-- > 0) throw new Error('BITACORA_NO_DISPONIBLE');
        escritos.push(args);
      },
    };
    const avisos: string[] = [];
    const datos = datosInicioProceso('api', compilacion);
    const r = registrarInicioProceso(registro, datos, { alAvisar: (m) => avisos.push(m), esperasMs: [1, 5] });
    await expect(r.escrito).resolves.toBe(true);
    expect(escritos).toEqual([['PROCESO_INICIADO', 'proceso:api', datos]]);
    expect(avisos).toHaveLength(3);
    expect(avisos[0]).toMatch(/PROCESO_INICIADO aún no está en la bitácora \(BITACORA_NO_DISPONIBLE\); se reintenta/);
  });

  it('stops retrying when the process stops', async () => {
    const registro: RegistroAcciones = { registrar: async () => Promise.reject(new Error('sin immudb')) };
    const r = registrarInicioProceso(registro, datosInicioProceso('worker', compilacion), { esperasMs: [60_000] });
    await new Promise((res) => setTimeout(res, 10));
    r.detener();
    await expect(r.escrito).resolves.toBe(false);
  });
});
