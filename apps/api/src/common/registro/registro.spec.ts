import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { crearRegistro, idDeSolicitud, lineaDeSolicitud } from './registro';

function respuesta(): ServerResponse & { cabeceras: Record<string, string> } {
  const cabeceras: Record<string, string> = {};
  return { cabeceras, statusCode: 201, setHeader: (k: string, v: string) => (cabeceras[k] = v) } as never;
}

describe('request logging', () => {
  it('keeps a well-formed incoming X-Request-Id, replaces anything else with a UUID, and echoes it', () => {
    const res = respuesta();
    expect(idDeSolicitud({ headers: { 'x-request-id': 'lb-0a1b2c3d' } } as never, res)).toBe('lb-0a1b2c3d');
    expect(res.cabeceras['X-Request-Id']).toBe('lb-0a1b2c3d');
    for (const malo of ['corto', 'x'.repeat(129), 'con espacio', 'a\nb', ['a', 'b'], undefined]) {
      const r = respuesta();
      const id = idDeSolicitud({ headers: { 'x-request-id': malo } } as never, r);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.cabeceras['X-Request-Id']).toBe(id);
    }
  });

  it('a request line names method, path without query, route, status, duration and the account, and nothing else', () => {
    const req = {
      method: 'POST',
      originalUrl: '/actas/140001B01005/capturas?token=abc',
      baseUrl: '',
      route: { path: '/actas/:clave/capturas' },
      headers: { authorization: 'Bearer secreto', cookie: 'sesion=1' },
      body: { valores: { PAN: 12 } },
      user: { id: 'u-1', nombreUsuario: 'ana', roles: ['capturista'], catd: 'M001' },
    } as unknown as IncomingMessage;
    expect(lineaDeSolicitud(req, respuesta(), 12)).toEqual({
      method: 'POST',
      path: '/actas/140001B01005/capturas',
      route: '/actas/:clave/capturas',
      status: 201,
      durationMs: 12,
      userId: 'u-1',
      roles: ['capturista'],
    });
  });

  it('censors passwords, tokens, vote values and headers wherever a log call puts them', () => {
    let salida = '';
    const destino = new Writable({
      write(trozo, _enc, cb) {
        salida += trozo;
        cb();
      },
    });
    const log = crearRegistro({ LOG_LEVEL: 'log', NODE_ENV: 'production', PREP_LOG_FORMATO: undefined }, destino);
    log.info({ contrasena: 'Secreta-123', token: 'eyJ.abc', valores: { PAN: 87001 }, req: { headers: { authorization: 'Bearer eyJ.abc' } } }, 'prueba');
    const linea = JSON.parse(salida);
    expect(linea).toMatchObject({ level: 'info', msg: 'prueba', contrasena: '[oculto]', token: '[oculto]', valores: '[oculto]' });
    expect(salida).not.toMatch(/Secreta-123|eyJ\.abc|87001/);
  });
});
