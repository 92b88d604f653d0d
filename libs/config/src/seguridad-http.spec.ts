import { formatoDeRegistro, loadConfig } from './index';

describe('HTTP settings', () => {
  it('CORS is closed unless PREP_CORS_ORIGENES names exact origins', () => {
    expect(loadConfig({}).PREP_CORS_ORIGENES).toEqual([]);
    expect(loadConfig({ PREP_CORS_ORIGENES: ' https://a.example , http://127.0.0.1:8080 ' }).PREP_CORS_ORIGENES).toEqual([
      'https://a.example',
      'http://127.0.0.1:8080',
    ]);
  });

  it.each([
    ['*', /nombre cada origen/],
    ['null', /nombre cada origen/],
    ['captura.example', /no es un origen/],
    ['https://a.example/', /escriba https:\/\/a\.example/],
    ['https://a.example/ruta', /sin ruta/],
    ['ftp://a.example', /https:\/\//],
  ])('refuses %s naming what to write', (valor, mensaje) => {
    expect(() => loadConfig({ PREP_CORS_ORIGENES: valor })).toThrow(mensaje);
  });

  it('logs JSON by default except on a development machine, and either can be asked for', () => {
    expect(formatoDeRegistro(loadConfig({ NODE_ENV: 'production', IMMUDB_PASSWORD: 'otra' }))).toBe('json');
    expect(formatoDeRegistro(loadConfig({ NODE_ENV: 'test' }))).toBe('json');
    expect(formatoDeRegistro(loadConfig({}))).toBe('texto');
    expect(formatoDeRegistro(loadConfig({ PREP_LOG_FORMATO: 'json' }))).toBe('json');
    expect(() => loadConfig({ PREP_LOG_FORMATO: 'bonito' })).toThrow(/PREP_LOG_FORMATO/);
  });
});
