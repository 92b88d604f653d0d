import { intervaloCorteSegundos, loadConfig } from './index';

describe('the interval between cortes', () => {
  it('defaults to 15 minutes', () => {
    expect(intervaloCorteSegundos(loadConfig({}))).toBe(900);
  });

  it('refuses more than 20 minutes: the rules ask for at least 3 cortes per hour', () => {
    expect(() => loadConfig({ PREP_CORTE_INTERVALO_MINUTOS: '21' })).toThrow(/al menos 3 cortes por hora/);
    expect(intervaloCorteSegundos(loadConfig({ PREP_CORTE_INTERVALO_MINUTOS: '20' }))).toBe(1200);
  });

  it('takes seconds only from the test setting, which production refuses', () => {
    expect(intervaloCorteSegundos(loadConfig({ PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA: '5' }))).toBe(5);
    expect(() => loadConfig({ NODE_ENV: 'production', IMMUDB_PASSWORD: 'otra', PREP_CORTE_INTERVALO_SEGUNDOS_PRUEBA: '5' })).toThrow(/solo para pruebas/);
  });
});
