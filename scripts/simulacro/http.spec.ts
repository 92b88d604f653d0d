import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClienteHttp, ErrorHttp, Metricas } from './http';

/** A local server that answers 503 BITACORA_NO_DISPONIBLE `caidas` times, then 201: an outage as the staff see it. */
async function servidorConCaida(caidas: number): Promise<{ url: string; pedidas: () => number; cerrar: () => Promise<void> }> {
  let n = 0;
  const s = http.createServer((req, res) => {
    n++;
    res.setHeader('content-type', 'application/json');
    if (n <= caidas) {
      res.statusCode = 503;
      res.end(JSON.stringify({ codigo: 'BITACORA_NO_DISPONIBLE', mensaje: 'La bitácora inmutable (immudb) no responde; la acción no se realizó' }));
    } else {
      res.statusCode = 201;
      res.end(JSON.stringify({ ok: true }));
    }
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    pedidas: () => n,
    cerrar: () => new Promise((r) => s.close(() => r())),
  };
}

describe('the drill staff wait out an outage (503) instead of dropping the acta', () => {
  it('keeps retrying a staff action through a long run of 503 answers, counts them by código and records the success', async () => {
    // Twenty refusals: more than a fixed handful of retries would bear (an immudb down for 30 s).
    const srv = await servidorConCaida(20);
    const m = new Metricas();
    const c = new ClienteHttp(srv.url, m, 4, { totalMs: 30_000, esperaMs: 5, maxEsperaMs: 20 });
    try {
      const r = await c.pedir('acopio', 'POST', '/actas/acopio', { json: {} });
      expect(r.status).toBe(201);
      expect(srv.pedidas()).toBe(21);
      expect(m.vistos503.get('BITACORA_NO_DISPONIBLE')).toBe(20);
      expect(m.totalErrores()).toBe(0);
      expect(m.ultimoExitoPost).toBeGreaterThan(0);
    } finally {
      await c.cerrar();
      await srv.cerrar();
    }
  });

  it('gives up once its patience runs out, with the 503 counted as an error', async () => {
    const srv = await servidorConCaida(1_000);
    const m = new Metricas();
    const c = new ClienteHttp(srv.url, m, 4, { totalMs: 300, esperaMs: 5, maxEsperaMs: 20 });
    try {
      await expect(c.pedir('acopio', 'POST', '/actas/acopio', { json: {} })).rejects.toBeInstanceOf(ErrorHttp);
      expect(m.errores.get('acopio 503 BITACORA_NO_DISPONIBLE')).toBe(1);
    } finally {
      await c.cerrar();
      await srv.cerrar();
    }
  });
});
