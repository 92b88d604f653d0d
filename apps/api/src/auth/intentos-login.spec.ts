import { ApiError } from '../common/api-error';
import { BLOQUEO_MS, IntentosLogin, MAX_FALLOS, VENTANA_MS } from './intentos-login';

describe('IntentosLogin', () => {
  let t: number;
  let intentos: IntentosLogin;
  beforeEach(() => {
    t = 1_000_000;
    intentos = new IntentosLogin(() => t);
  });

  const fallar = (usuario: string, veces: number) => {
    for (let i = 0; i < veces; i++) intentos.comenzar(usuario).fallo();
  };
  const codigo = (f: () => unknown) => {
    try {
      f();
      return 'OK';
    } catch (err) {
      return err instanceof ApiError ? `${err.getStatus()} ${(err.getResponse() as { codigo: string }).codigo}` : String(err);
    }
  };

  it('locks a name after MAX_FALLOS failures, for BLOQUEO_MS, even for a would-be success', () => {
    fallar('ana', MAX_FALLOS);
    expect(codigo(() => intentos.comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    expect(codigo(() => intentos.comenzar('beto'))).toBe('OK');
    t += BLOQUEO_MS - 1;
    expect(codigo(() => intentos.comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    t += 1;
    expect(codigo(() => intentos.comenzar('ana'))).toBe('OK');
  });

  it('forgets failures older than the window', () => {
    fallar('ana', MAX_FALLOS - 1);
    t += VENTANA_MS;
    fallar('ana', MAX_FALLOS - 1);
    expect(codigo(() => intentos.comenzar('ana'))).toBe('OK');
  });

  it('a success clears the count', () => {
    fallar('ana', MAX_FALLOS - 1);
    intentos.comenzar('ana').exito();
    fallar('ana', MAX_FALLOS - 1);
    expect(codigo(() => intentos.comenzar('ana'))).toBe('OK');
  });

  it('counts running attempts, so a parallel burst gets at most MAX_FALLOS guesses', () => {
    const enCurso = Array.from({ length: MAX_FALLOS }, () => intentos.comenzar('ana'));
    expect(codigo(() => intentos.comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    enCurso.forEach((i) => i.fallo());
    expect(codigo(() => intentos.comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
  });

  it('an attempt that could not be judged does not count, and outcomes are taken once', () => {
    for (let i = 0; i < MAX_FALLOS * 2; i++) intentos.comenzar('ana').anular();
    const i = intentos.comenzar('ana');
    i.fallo();
    i.fallo();
    i.anular();
    fallar('ana', MAX_FALLOS - 2);
    expect(codigo(() => intentos.comenzar('ana'))).toBe('OK');
  });

  it('tells the person how long to wait, in Spanish', () => {
    fallar('ana', MAX_FALLOS);
    t += BLOQUEO_MS - 60_000;
    let cuerpo: unknown;
    try {
      intentos.comenzar('ana');
    } catch (err) {
      cuerpo = (err as ApiError).getResponse();
    }
    expect(cuerpo).toEqual({ codigo: 'DEMASIADOS_INTENTOS', mensaje: expect.stringMatching(/espere 1 minuto e intente/) });
  });
});
