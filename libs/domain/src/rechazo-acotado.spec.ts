import { acotarRechazo, MENSAJE_RECHAZO_MAX, MAX_ERRORES_LISTADOS, recortar, type RechazoActa } from './index';

describe('acotarRechazo', () => {
  it('leaves a normal refusal as it is', () => {
    const r: RechazoActa = {
      codigo: 'CAPTURA_INVALIDA',
      mensaje: 'Falta el campo PAN.',
      status: 422,
      errores: [{ campo: 'PAN', mensaje: 'Falta el campo PAN.' }],
      totalErrores: 1,
    };
    expect(acotarRechazo(r)).toEqual(r);
    expect(acotarRechazo({ codigo: 'FASE_INVALIDA', mensaje: 'ya publicada', status: 409 })).toEqual({
      codigo: 'FASE_INVALIDA',
      mensaje: 'ya publicada',
      status: 409,
    });
  });

  it('bounds a refusal of megabytes to a few KB, keeping the count', () => {
    const enorme: RechazoActa = {
      codigo: 'C'.repeat(1000),
      mensaje: 'm'.repeat(6_500_000),
      status: 500 as never,
      errores: Array.from({ length: 5000 }, (_, i) => ({ campo: `CAMPO_${i}_${'x'.repeat(1000)}`, mensaje: 'y'.repeat(1300) })),
    };
    const a = acotarRechazo(enorme);
    expect(JSON.stringify(a).length).toBeLessThan(12_000);
    expect(a.mensaje).toHaveLength(MENSAJE_RECHAZO_MAX);
    expect(a.mensaje.endsWith('…')).toBe(true);
    expect(a.errores).toHaveLength(MAX_ERRORES_LISTADOS);
    expect(a.totalErrores).toBe(5000);
    expect(a.status).toBe(422);
    expect(a.codigo.length).toBeLessThanOrEqual(64);
  });

  it('recortar turns anything that is not text into an empty string', () => {
    expect(recortar({ a: 1 }, 10)).toBe('');
    expect(recortar('abcdef', 4)).toBe('abc…');
  });
});
