import * as path from 'node:path';
import { diferenciasConReferencia, esCodigo, ubicacionEnEjecucion, type CompilacionDeProceso, type CompilacionDeReferencia } from './compilacion';

describe('the build a process runs', () => {
  it('knows a compiled build (dist/…/*.js) from the TypeScript sources', () => {
    expect(ubicacionEnEjecucion('/srv/prep/dist/libs/compilacion/src/compilacion.js')).toEqual({
      modo: 'dist',
      raizRepositorio: '/srv/prep',
      raizCodigo: '/srv/prep/dist',
    });
    expect(ubicacionEnEjecucion(path.join('/srv/prep', 'libs/compilacion/src/compilacion.ts'))).toEqual({
      modo: 'ts',
      raizRepositorio: '/srv/prep',
      raizCodigo: '/srv/prep',
    });
    expect(['a.ts', 'a.spec.ts', 'a.d.ts', 'a.js'].filter(esCodigo('ts'))).toEqual(['a.ts']);
    expect(['a.js', 'a.js.map', 'a.ts'].filter(esCodigo('dist'))).toEqual(['a.js']);
  });

  const referencia: CompilacionDeReferencia = {
    modo: 'dist',
    api: 'a'.repeat(64),
    worker: 'b'.repeat(64),
    bundleWorkflows: 'c'.repeat(64),
    packageLock: 'd'.repeat(64),
    commit: 'e'.repeat(40),
    arbolModificado: false,
  };
  const worker: CompilacionDeProceso = {
    modo: 'dist',
    codigo: referencia.worker,
    bundleWorkflows: referencia.bundleWorkflows,
    packageLock: referencia.packageLock,
    commit: referencia.commit,
    arbolModificado: false,
  };

  it('flags each field of a process build that is not the reference', () => {
    expect(diferenciasConReferencia('worker', worker, referencia)).toEqual([]);
    expect(diferenciasConReferencia('api', { ...worker, codigo: referencia.api, bundleWorkflows: null }, referencia)).toEqual([]);
    expect(diferenciasConReferencia('worker', { ...worker, codigo: 'f'.repeat(64), commit: null }, referencia)).toEqual(['codigo', 'commit']);
    expect(diferenciasConReferencia('worker', { ...worker, bundleWorkflows: '0'.repeat(64), modo: 'ts' }, referencia)).toEqual(['modo', 'bundleWorkflows']);
    // The API's code is compared with the API's reference, never the worker's.
    expect(diferenciasConReferencia('api', worker, referencia)).toEqual(['codigo']);
  });
});
