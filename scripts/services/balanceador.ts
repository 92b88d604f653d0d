import * as http from 'node:http';

/**
 * The cluster profile's load balancer: a round-robin HTTP reverse proxy in front of the API
 * replicas, the role nginx plays in docker/compose.yaml. It adds X-Forwarded-For (the API believes
 * it because PREP_TRUST_PROXY=loopback). A replica that refuses the connection is skipped: the
 * request never reached it, so the next replica cannot run it twice. A reset of a reused keep-alive
 * connection is ambiguous (the replica closed it as idle just then, or died holding the request), so
 * only a request that is safe to repeat goes on: an idempotent method, or one carrying an
 * Idempotency-Key the API deduplicates. Anything else is answered 502, because the action may have run.
 */
export interface Balanceador {
  server: http.Server;
  /** Requests sent to each destination, in order (to show the spread). */
  enviadas: number[];
  cerrar(): Promise<void>;
}

const IDEMPOTENTES = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const repetible = (req: http.IncomingMessage) => IDEMPOTENTES.has(req.method ?? '') || req.headers['idempotency-key'] !== undefined;

const SALTO_A_SALTO = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function cabecerasHaciaDestino(req: http.IncomingMessage, cuerpo: Buffer): http.OutgoingHttpHeaders {
  const h: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (!SALTO_A_SALTO.has(k)) h[k] = v;
  const cliente = req.socket.remoteAddress ?? '';
  h['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${cliente}` : cliente;
  h['x-forwarded-proto'] = 'http';
  h['content-length'] = String(cuerpo.length);
  return h;
}

export function crearBalanceador(destinos: string[]): Balanceador {
  if (destinos.length === 0) throw new Error('el balanceador necesita al menos una réplica de la API');
  const urls = destinos.map((d) => new URL(d));
  // Idle connections are dropped after 4 s, before Node's 5 s server keep-alive timeout closes them
  // from the API's side: that makes the reuse-versus-close race rare instead of routine.
  const agente = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const enviadas = urls.map(() => 0);
  let siguiente = 0;

  const enviar = (req: http.IncomingMessage, res: http.ServerResponse, cuerpo: Buffer, intentos: number) => {
    const i = siguiente++ % urls.length;
    const destino = urls[i];
    const salida = http.request(
      { host: destino.hostname, port: destino.port, method: req.method, path: req.url, headers: cabecerasHaciaDestino(req, cuerpo), agent: agente },
      (respuesta) => {
        enviadas[i]++;
        const cabeceras = Object.fromEntries(Object.entries(respuesta.headers).filter(([k]) => !SALTO_A_SALTO.has(k)));
        res.writeHead(respuesta.statusCode ?? 502, cabeceras);
        respuesta.pipe(res);
      },
    );
    salida.on('error', (err: NodeJS.ErrnoException) => {
      const otraReplica = err.code === 'ECONNREFUSED' || (err.code === 'ECONNRESET' && salida.reusedSocket && repetible(req));
      if (otraReplica && intentos > 1) return enviar(req, res, cuerpo, intentos - 1);
      if (res.headersSent) return res.destroy(err);
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          codigo: 'API_NO_DISPONIBLE',
          mensaje: `ninguna réplica de la API respondió (${err.code ?? err.message}); reintente en unos segundos`,
        }),
      );
    });
    salida.end(cuerpo);
  };

  // The body is read whole before choosing a replica, so a refused connection can go to the next one.
  const server = http.createServer((req, res) => {
    const partes: Buffer[] = [];
    req.on('data', (c: Buffer) => partes.push(c));
    // Each replica once, plus one: a reused connection's reset says little about the replica's health.
    req.on('end', () => enviar(req, res, Buffer.concat(partes), urls.length + 1));
    req.on('error', () => res.destroy());
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    enviadas,
    cerrar: () =>
      new Promise<void>((resolve) => {
        agente.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Run as a process: PREP_BALANCEADOR_PUERTO and PREP_BALANCEADOR_DESTINOS (URLs separated by commas). */
if (require.main === module) {
  const puerto = Number(process.env.PREP_BALANCEADOR_PUERTO);
  const destinos = (process.env.PREP_BALANCEADOR_DESTINOS ?? '').split(',').filter(Boolean);
  const b = crearBalanceador(destinos);
  b.server.listen(puerto, '127.0.0.1', () => process.stdout.write(`[balanceador] 127.0.0.1:${puerto} → ${destinos.join(', ')}\n`));
  const salir = () => void b.cerrar().then(() => process.exit(0));
  process.once('SIGTERM', salir);
  process.once('SIGINT', salir);
}
