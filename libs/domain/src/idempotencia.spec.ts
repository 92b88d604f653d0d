import { decidirClaveRepetida, MENSAJE_CLAVE_FALTANTE, MENSAJE_CLAVE_INVALIDA, rechazoClaveIdempotencia, seGuardaRespuesta } from './idempotencia';

describe('Idempotency-Key', () => {
  it('accepts a UUID and random tokens of 8 to 128 safe characters', () => {
    expect(rechazoClaveIdempotencia('3f6c1a9e-8d2b-4c1e-9a7f-0b5d2e4c6a81')).toBeNull();
    expect(rechazoClaveIdempotencia('abcd_EF9')).toBeNull();
    expect(rechazoClaveIdempotencia('x'.repeat(128))).toBeNull();
  });

  it('refuses a missing, short, long or oddly spelled key, saying what to send', () => {
    expect(rechazoClaveIdempotencia(undefined)).toBe(MENSAJE_CLAVE_FALTANTE);
    expect(rechazoClaveIdempotencia('')).toBe(MENSAJE_CLAVE_FALTANTE);
    for (const mala of ['corta', 'x'.repeat(129), 'con espacio 123', 'acento-é-1234', 'a/b/c/d/e/f'])
      expect(rechazoClaveIdempotencia(mala)).toBe(MENSAJE_CLAVE_INVALIDA);
    expect(rechazoClaveIdempotencia(['aaaaaaaa', 'bbbbbbbb'])).toBe(MENSAJE_CLAVE_INVALIDA);
  });

  it('replays a completed key, waits on one in flight and refuses one reused for another request', () => {
    const primera = { metodoRuta: 'POST /actas/acopio', huella: 'a'.repeat(64) };
    expect(decidirClaveRepetida({ ...primera, estado: 'COMPLETADA' }, primera)).toBe('REPETIR');
    expect(decidirClaveRepetida({ ...primera, estado: 'EN_CURSO' }, primera)).toBe('EN_CURSO');
    expect(decidirClaveRepetida({ ...primera, estado: 'COMPLETADA' }, { ...primera, huella: 'b'.repeat(64) })).toBe('DISTINTA');
    expect(decidirClaveRepetida({ ...primera, estado: 'EN_CURSO' }, { ...primera, metodoRuta: 'POST /usuarios' })).toBe('DISTINTA');
  });

  it('keeps final answers only: never a 5xx, a 408 or a 429', () => {
    for (const s of [200, 201, 202, 400, 403, 409, 422]) expect(seGuardaRespuesta(s)).toBe(true);
    for (const s of [408, 429, 500, 502, 503]) expect(seGuardaRespuesta(s)).toBe(false);
  });
});
