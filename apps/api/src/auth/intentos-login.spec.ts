import { ApiError } from '../common/api-error';
import { BLOQUEO_MS, IntentosLogin, MAX_FALLOS, MAX_FALLOS_DIRECCION, VENTANA_MS } from './intentos-login';

describe('IntentosLogin', () => {
  let t: number;
  let intentos: IntentosLogin;
  beforeEach(() => {
    t = 1_000_000;
    intentos = new IntentosLogin(() => t);
  });

  const comenzar = (usuario: string, direccion = '10.0.0.1') => intentos.comenzar(usuario, direccion);
  const fallar = (usuario: string, veces: number, direccion?: string) => {
    for (let i = 0; i < veces; i++) comenzar(usuario, direccion).fallo();
  };
  const rechazo = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return { cuerpo: (err as ApiError).getResponse(), cabeceras: (err as ApiError).cabeceras };
    }
    throw new Error('se esperaba un rechazo');
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
    expect(codigo(() => comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    expect(codigo(() => comenzar('beto'))).toBe('OK');
    t += BLOQUEO_MS - 1;
    expect(codigo(() => comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    t += 1;
    expect(codigo(() => comenzar('ana'))).toBe('OK');
  });

  it('forgets failures older than the window', () => {
    fallar('ana', MAX_FALLOS - 1);
    t += VENTANA_MS;
    fallar('ana', MAX_FALLOS - 1);
    expect(codigo(() => comenzar('ana'))).toBe('OK');
  });

  it('a success clears the count', () => {
    fallar('ana', MAX_FALLOS - 1);
    comenzar('ana').exito();
    fallar('ana', MAX_FALLOS - 1);
    expect(codigo(() => comenzar('ana'))).toBe('OK');
  });

  it('counts running attempts, so a parallel burst gets at most MAX_FALLOS guesses', () => {
    const enCurso = Array.from({ length: MAX_FALLOS }, () => comenzar('ana'));
    expect(codigo(() => comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
    enCurso.forEach((i) => i.fallo());
    expect(codigo(() => comenzar('ana'))).toBe('429 DEMASIADOS_INTENTOS');
  });

  it('an attempt that could not be judged does not count, and outcomes are taken once', () => {
    for (let i = 0; i < MAX_FALLOS * 2; i++) comenzar('ana').anular();
    const i = comenzar('ana');
    i.fallo();
    i.fallo();
    i.anular();
    fallar('ana', MAX_FALLOS - 2);
    expect(codigo(() => comenzar('ana'))).toBe('OK');
  });

  it('tells the person how long to wait, in Spanish', () => {
    fallar('ana', MAX_FALLOS);
    t += BLOQUEO_MS - 60_000;
    let cuerpo: unknown;
    try {
      comenzar('ana');
    } catch (err) {
      cuerpo = (err as ApiError).getResponse();
    }
    expect(cuerpo).toEqual({ codigo: 'DEMASIADOS_INTENTOS', mensaje: expect.stringMatching(/espere 1 minuto e intente/) });
  });

  it('says how long to wait in Retry-After (seconds)', () => {
    fallar('ana', MAX_FALLOS);
    t += 1_500;
    expect(rechazo(() => comenzar('ana')).cabeceras).toEqual({ 'Retry-After': String(BLOQUEO_MS / 1000 - 1) });
  });

  describe('per client address', () => {
    const nombres = (n: number, desde = 0) => Array.from({ length: n }, (_, i) => `inventado${desde + i}`);

    it('refuses every login from an address after MAX_FALLOS_DIRECCION failures under any names, not other addresses', () => {
      for (const nombre of nombres(MAX_FALLOS_DIRECCION)) {
        comenzar(nombre, '203.0.113.7').fallo();
        t += 1_000;
      }
      const r = rechazo(() => comenzar('otro.nombre', '203.0.113.7'));
      expect(r.cuerpo).toEqual({ codigo: 'DEMASIADOS_INTENTOS', mensaje: expect.stringMatching(/desde esta dirección de red: espere 15 minutos/) });
      expect(Number(r.cabeceras['Retry-After'])).toBe(VENTANA_MS / 1000 - MAX_FALLOS_DIRECCION);
      // A right password from that address is refused too: letting it through would let spraying through.
      expect(codigo(() => comenzar('ana', '203.0.113.7'))).toBe('429 DEMASIADOS_INTENTOS');
      expect(codigo(() => comenzar('ana', '198.51.100.9'))).toBe('OK');
    });

    it('is a sliding window: each failure that leaves it frees one attempt', () => {
      for (const nombre of nombres(MAX_FALLOS_DIRECCION)) {
        comenzar(nombre, 'A').fallo();
        t += 1_000;
      }
      t += VENTANA_MS - MAX_FALLOS_DIRECCION * 1_000;
      comenzar('uno.mas', 'A').fallo();
      expect(codigo(() => comenzar('otro.mas', 'A'))).toBe('429 DEMASIADOS_INTENTOS');
    });

    it('counts only failures: successes neither count nor clear them', () => {
      for (let i = 0; i < MAX_FALLOS_DIRECCION * 3; i++) comenzar(`persona${i}`, 'A').exito();
      for (const nombre of nombres(MAX_FALLOS_DIRECCION - 1)) comenzar(nombre, 'A').fallo();
      comenzar('valida', 'A').exito();
      comenzar('ultimo', 'A').fallo();
      expect(codigo(() => comenzar('valida', 'A'))).toBe('429 DEMASIADOS_INTENTOS');
    });

    it('counts running attempts, so a parallel burst of new names gets at most the allowance', () => {
      const enCurso = nombres(MAX_FALLOS_DIRECCION).map((n) => comenzar(n, 'A'));
      expect(codigo(() => comenzar('uno.mas', 'A'))).toBe('429 DEMASIADOS_INTENTOS');
      enCurso.forEach((i) => i.anular());
      expect(codigo(() => comenzar('uno.mas', 'A'))).toBe('OK');
    });

    it('a locked name does not use up the address allowance', () => {
      fallar('ana', MAX_FALLOS, 'A');
      for (let i = 0; i < 50; i++) expect(codigo(() => comenzar('ana', 'A'))).toBe('429 DEMASIADOS_INTENTOS');
      for (const nombre of nombres(MAX_FALLOS_DIRECCION - MAX_FALLOS - 1)) comenzar(nombre, 'A').fallo();
      expect(codigo(() => comenzar('beto', 'A'))).toBe('OK');
    });

    it('takes its allowance from the configuration', () => {
      intentos = new IntentosLogin(() => t, { maxFallosDireccion: 2 });
      fallar('a', 1, 'A');
      fallar('b', 1, 'A');
      expect(codigo(() => comenzar('c', 'A'))).toBe('429 DEMASIADOS_INTENTOS');
    });
  });
});
