import type { Response } from 'express';
import { ApiError } from '../common/api-error';
import { CatalogoController } from './catalogo.controller';
import { CatalogoInvalidoError, type CatalogoService } from './catalogo.service';

/** The controller's own decisions (status codes, error shape); the HTTP path is in test/catalogo.e2e-spec.ts. */

describe('CatalogoController', () => {
  const usuario = { id: 'u1', nombreUsuario: 'admin', roles: ['administrador' as const], catd: null };
  const archivo = (texto: string) => ({ buffer: Buffer.from(texto), originalname: 'x', size: texto.length });
  const respuesta = () => ({ status: jest.fn() }) as unknown as Response & { status: jest.Mock };

  async function error(p: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    if (!(e instanceof ApiError)) throw new Error(`se esperaba ApiError, llegó ${String(e)}`);
    return { status: e.getStatus(), body: e.getResponse() as Record<string, unknown> };
  }

  it('GET answers 404 SIN_CATALOGO while nothing has been loaded', async () => {
    const c = new CatalogoController({ actual: async () => null } as unknown as CatalogoService);
    expect(await error(c.actual())).toEqual({ status: 404, body: { codigo: 'SIN_CATALOGO', mensaje: expect.any(String) } });
  });

  it('POST answers 201 for a new catálogo and 200 when it was already current', async () => {
    for (const [sinCambios, status] of [
      [false, 201],
      [true, 200],
    ] as const) {
      const c = new CatalogoController({ cargar: async () => ({ sinCambios }) } as unknown as CatalogoService);
      const res = respuesta();
      await c.cargar({ catalogo: [archivo('{}')] }, usuario, res);
      expect(res.status).toHaveBeenCalledWith(status);
    }
  });

  it('POST groups the errors by form field and keeps the "y N más" line with the group before it', async () => {
    const errores = [
      'catalogo.json, entidad: falta el nombre de la entidad.',
      ...Array.from({ length: 49 }, (_, i) => `casillas.csv línea ${i + 2}: mal`),
      '… y 10 errores más.',
    ];
    const servicio = {
      cargar: async () => {
        throw new CatalogoInvalidoError(errores, 60);
      },
    };
    const c = new CatalogoController(servicio as unknown as CatalogoService);
    const { status, body } = await error(c.cargar({ catalogo: [archivo('{}')], casillas: [archivo('')] }, usuario, respuesta()));
    expect(status).toBe(422);
    expect(body.codigo).toBe('CATALOGO_INVALIDO');
    expect(body.mensaje).toMatch(/tiene 60 errores \(se muestran los primeros 50\)/);
    const grupos = body.errores as { campo: string; mensajes: string[] }[];
    expect(grupos.map((g) => [g.campo, g.mensajes.length])).toEqual([
      ['catalogo', 1],
      ['casillas', 50],
    ]);
    expect(grupos[1].mensajes.at(-1)).toBe('… y 10 errores más.');
  });

  it('POST without the catalogo file is a 400 FALTA_ARCHIVO', async () => {
    const c = new CatalogoController({} as CatalogoService);
    expect(await error(c.cargar({ casillas: [archivo('x')] }, usuario, respuesta()))).toMatchObject({ status: 400, body: { codigo: 'FALTA_ARCHIVO' } });
    expect(await error(c.cargar(undefined, usuario, respuesta()))).toMatchObject({ status: 400 });
  });
});
