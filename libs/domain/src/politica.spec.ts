import { DEFAULT_POLITICA_PREP, crearPolitica, minutosDeZona } from './index';

describe('PoliticaPrep', () => {
  it('tiene los valores por defecto documentados', () => {
    expect(DEFAULT_POLITICA_PREP).toEqual({
      maxDevoluciones: 2,
      observacionesQueNoContabilizan: ['Excede Lista Nominal', 'Todos los campos ilegibles', 'Todos los campos vacíos'],
      topeCasillaEspecial: 750,
      atoradaTrasMinutos: 30,
      retencionTrasPublicacionMinutos: 2880,
      imagenPublicada: 'primera_completa',
      participacionFinal: 'S_CS',
      acopioEnOtroCatd: 'rechazar',
      inicioJornada: null,
      toleranciaRelojMinutos: 5,
      zonaPublicacion: 'UTC-6',
    });
    expect(Object.isFrozen(DEFAULT_POLITICA_PREP)).toBe(true);
  });

  it('crearPolitica sobrescribe solo lo dado y no comparte la lista con el default', () => {
    const p = crearPolitica({ maxDevoluciones: 0 });
    expect(p.maxDevoluciones).toBe(0);
    expect(p.topeCasillaEspecial).toBe(750);
    expect(p.observacionesQueNoContabilizan).not.toBe(DEFAULT_POLITICA_PREP.observacionesQueNoContabilizan);
  });

  it('rechaza configuraciones sin sentido', () => {
    expect(() => crearPolitica({ maxDevoluciones: -1 })).toThrow(/maxDevoluciones/);
    expect(() => crearPolitica({ participacionFinal: 'X' as never })).toThrow(/participacionFinal/);
    expect(() => crearPolitica({ acopioEnOtroCatd: 'permitir' as never })).toThrow(/acopioEnOtroCatd/);
    expect(() => crearPolitica({ inicioJornada: '2027-06-06 08:00' })).toThrow(/inicioJornada/);
    expect(() => crearPolitica({ toleranciaRelojMinutos: -1 })).toThrow(/toleranciaRelojMinutos/);
    expect(() => crearPolitica({ retencionTrasPublicacionMinutos: 0 })).toThrow(/retencionTrasPublicacionMinutos/);
    expect(() => crearPolitica({ retencionTrasPublicacionMinutos: 20_000 })).toThrow(/retencionTrasPublicacionMinutos/);
    for (const zona of ['UTC-6 ', 'GMT-6', 'UTC-13', 'UTC+15', 'UTC-06:20', 'America/Mexico_City']) {
      expect(() => crearPolitica({ zonaPublicacion: zona })).toThrow(/zonaPublicacion/);
    }
    expect(crearPolitica({ zonaPublicacion: 'UTC-5' }).zonaPublicacion).toBe('UTC-5');
    expect(crearPolitica({ inicioJornada: '2027-06-06T08:00:00-06:00' }).inicioJornada).toBe('2027-06-06T08:00:00-06:00');
  });
});

describe('minutosDeZona', () => {
  it.each([
    ['UTC', 0],
    ['UTC-6', -360],
    ['UTC-06:00', -360],
    ['UTC+05:30', 330],
    ['UTC-12', -720],
    ['UTC+14', 840],
  ])('%s → %d minutos', (zona, minutos) => {
    expect(minutosDeZona(zona)).toBe(minutos);
  });

  it.each(['UTC-13', 'UTC+15', 'UTC-6:5', 'UTC-05:20', 'utc-6', '-6', '', 'UTC-6:60'])('rechaza %j', (zona) => {
    expect(minutosDeZona(zona)).toBeNull();
  });
});
