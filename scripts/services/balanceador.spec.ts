import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { crearBalanceador, type Balanceador } from './balanceador';

/** A stand-in API replica that answers who it is, what it received and the X-Forwarded-For it saw. */
function replica(nombre: string, recibidos: string[]): Promise<http.Server> {
  const s = http.createServer((req, res) => {
    let cuerpo = '';
    req.on('data', (c) => (cuerpo += c));
    req.on('end', () => {
      recibidos.push(`${nombre}:${req.method} ${req.url} ${cuerpo}`);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ nombre, xff: req.headers['x-forwarded-for'] }));
    });
  });
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r(s)));
}

const puerto = (s: http.Server) => (s.address() as AddressInfo).port;

/** A port nobody listens on: bound, then closed. */
async function puertoCerrado(): Promise<number> {
  const s = await replica('x', []);
  const p = puerto(s);
  await new Promise((r) => s.close(r));
  return p;
}

describe('the cluster balancer in front of the API replicas', () => {
  const abiertos: { cerrar(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(abiertos.splice(0).map((a) => a.cerrar()));
  });

  async function balancear(destinos: number[]): Promise<{ b: Balanceador; url: string }> {
    const b = crearBalanceador(destinos.map((p) => `http://127.0.0.1:${p}`));
    abiertos.push(b);
    await new Promise<void>((r) => b.server.listen(0, '127.0.0.1', () => r()));
    return { b, url: `http://127.0.0.1:${puerto(b.server)}` };
  }

  async function servir(s: http.Server) {
    abiertos.push({ cerrar: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))) });
    return s;
  }

  it('spreads requests round-robin and tells each replica the client address', async () => {
    const recibidos: string[] = [];
    const a = await servir(await replica('a', recibidos));
    const c = await servir(await replica('c', recibidos));
    const { b, url } = await balancear([puerto(a), puerto(c)]);
    const respuestas = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${url}/actas?i=${i}`, { method: 'POST', body: `cuerpo${i}` });
      expect(r.status).toBe(201);
      respuestas.push((await r.json()) as { nombre: string; xff: string });
    }
    expect(respuestas.map((r) => r.nombre)).toEqual(['a', 'c', 'a', 'c']);
    expect(respuestas[0].xff).toBe('127.0.0.1');
    expect(recibidos).toContain('c:POST /actas?i=3 cuerpo3');
    expect(b.enviadas).toEqual([2, 2]);
  });

  it('sends a request refused by a dead replica to the next one, exactly once', async () => {
    const recibidos: string[] = [];
    const viva = await servir(await replica('viva', recibidos));
    const { url } = await balancear([await puertoCerrado(), puerto(viva)]);
    for (let i = 0; i < 3; i++) expect((await fetch(`${url}/x`, { method: 'POST', body: `n${i}` })).status).toBe(201);
    expect(recibidos).toEqual(['viva:POST /x n0', 'viva:POST /x n1', 'viva:POST /x n2']);
  });

  /**
   * A replica whose first connection answers one request keeping the connection alive, then resets it
   * when the next request arrives on it (as a Node server closing an idle socket does, or a replica
   * dying with the request); new connections answer. Returns how many requests each connection saw.
   */
  async function replicaQueReinicia(): Promise<{ puerto: number; vistas: number[] }> {
    const vistas: number[] = [];
    const respuesta = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\n{"ok":true}';
    const server = net.createServer((socket) => {
      const n = vistas.push(0) - 1;
      socket.on('data', () => {
        vistas[n]++;
        if (n === 0 && vistas[n] === 2) socket.resetAndDestroy();
        else socket.write(respuesta);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    abiertos.push({ cerrar: () => new Promise<void>((r) => server.close(() => r())) });
    return { puerto: (server.address() as AddressInfo).port, vistas };
  }

  it('resends a repeatable request (Idempotency-Key, or GET) whose reused connection the replica reset, instead of a 502', async () => {
    const r = await replicaQueReinicia();
    const { url } = await balancear([r.puerto]);
    expect((await fetch(`${url}/a`, { method: 'POST', body: 'uno', headers: { 'idempotency-key': 'k1' } })).status).toBe(200);
    expect((await fetch(`${url}/a`, { method: 'POST', body: 'dos', headers: { 'idempotency-key': 'k2' } })).status).toBe(200);
    expect(r.vistas).toEqual([2, 1]);
  });

  it('never resends a POST without Idempotency-Key after a reset: the replica may have acted on it', async () => {
    const r = await replicaQueReinicia();
    const { url } = await balancear([r.puerto]);
    expect((await fetch(`${url}/a`, { method: 'POST', body: 'uno' })).status).toBe(200);
    const segunda = await fetch(`${url}/a`, { method: 'POST', body: 'dos' });
    expect(segunda.status).toBe(502);
    expect(r.vistas).toEqual([2]);
  });

  it('answers 502 with a codigo and a Spanish mensaje when no replica answers', async () => {
    const { url } = await balancear([await puertoCerrado()]);
    const r = await fetch(`${url}/health`);
    expect(r.status).toBe(502);
    expect(await r.json()).toEqual({ codigo: 'API_NO_DISPONIBLE', mensaje: expect.stringContaining('ninguna réplica de la API respondió') });
  });
});
