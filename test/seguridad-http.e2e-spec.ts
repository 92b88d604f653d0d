import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ActaDelCatalogo } from '@prep/domain';
import { rutaSecretoJwt } from '@prep/config';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { cargarCatalogoDePrueba, ClienteApi } from './support/actas';
import { abrirChromium } from './support/navegador';
import { claveNueva } from './support/idempotencia';

/** More than any socket buffers hold on loopback, far less than the bodies declared (≥ 50 MB). */
const LEIDO_MAXIMO = 24 * 1024 * 1024;

type Persona = { id: string; nombreUsuario: string; token: string };

/**
 * Sends a request whose headers declare `declarado` bytes, then trickles the body, and reports the
 * answer and how much had been sent when it came: a limit that holds "before the body is buffered"
 * answers long before the client could have finished.
 */
function enviarGrande(
  puerto: number,
  ruta: string,
  cabeceras: Record<string, string>,
  declarado: number,
): Promise<{ status: number; cuerpo: string; enviados: number; cabeceras: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    let enviados = 0;
    let respondio = false;
    const req = http.request({ host: '127.0.0.1', port: puerto, method: 'POST', path: ruta, headers: { ...cabeceras, 'Content-Length': String(declarado) } });
    const limite = setTimeout(() => {
      req.destroy();
      reject(new Error(`sin respuesta en 20 s tras enviar ${enviados} de ${declarado} bytes: el servidor espera el cuerpo entero`));
    }, 20_000);
    req.on('response', (res) => {
      respondio = true;
      const enviadosAlResponder = enviados;
      let cuerpo = '';
      res.on('data', (d) => (cuerpo += d));
      res.on('end', () => {
        clearTimeout(limite);
        req.destroy();
        resolve({ status: res.statusCode!, cuerpo, enviados: enviadosAlResponder, cabeceras: res.headers });
      });
    });
    req.on('error', (err) => {
      if (respondio) return;
      clearTimeout(limite);
      reject(new Error(`la conexión falló tras enviar ${enviados} bytes sin respuesta: ${err.message}`));
    });
    // Writes wait for the previous one to reach the socket, so `enviados` is what the server could have read.
    const trozo = Buffer.alloc(64 * 1024, 0x41);
    const escribir = () => {
      if (respondio || req.destroyed || enviados + trozo.length > declarado) return;
      enviados += trozo.length;
      req.write(trozo, () => setImmediate(escribir));
    };
    escribir();
  });
}

describe('HTTP hardening: headers, CORS, request ids, body and upload limits, image paths', () => {
  let h: Harness;
  let api: ClienteApi;
  let puerto: number;
  let acta: ActaDelCatalogo;
  const p: Record<string, Persona> = {};
  const srv = () => request(h.app.getHttpServer());

  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen(0, '127.0.0.1');
    puerto = (h.app.getHttpServer().address() as AddressInfo).port;
    api = new ClienteApi(h.app);
    // Entidad 4: no other test file uses it (claves are workflow ids in one shared Temporal namespace).
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 4, semilla: 27, casillas: 12, municipios: 2 });
    acta = actas[0];
    const catd = acta.casilla.catd;
    p.acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd });
    p.digitalizador = await crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd });
    p.admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('security headers (helmet)', () => {
    it.each([
      ['a public JSON route', '/health'],
      ['an error', '/no-existe'],
      ['a refused request', '/usuarios'],
      ['Swagger UI', '/docs'],
    ])('are on %s', async (_que, ruta) => {
      const r = await srv().get(ruta);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(r.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'.*object-src 'none'.*script-src 'self'/);
      expect(r.headers['x-powered-by']).toBeUndefined();
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    });

    it('the public feed may be embedded by other sites (difusores), still with the other headers', async () => {
      const r = await srv().get('/difusion/cortes');
      expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    });

    it('Swagger UI still loads: its page, every script and style it names, and the OpenAPI document, all from this origin', async () => {
      const pagina = await srv().get('/docs/').redirects(1).expect(200);
      expect(pagina.headers['content-type']).toMatch(/text\/html/);
      const recursos = [...pagina.text.matchAll(/(?:src|href)=["']([^"']+\.(?:js|css))["']/g)].map((m) => m[1]);
      expect(recursos.length).toBeGreaterThanOrEqual(4);
      // No inline script: the policy (script-src 'self') would block it.
      expect(pagina.text).not.toMatch(/<script>(?!\s*<\/script>)/);
      for (const r of recursos) {
        expect(r).not.toMatch(/^https?:/);
        const url = new URL(r, `http://127.0.0.1:${puerto}/docs/`).pathname;
        const res = await srv().get(url).expect(200);
        expect(res.headers['content-type']).toMatch(/javascript|css/);
      }
      const init = await srv().get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toContain('"openapi"');
    });
  });

  it('Swagger UI renders in Chromium under the policy: no console error, no refused or failed resource', async () => {
    const navegador = await abrirChromium();
    const problemas: string[] = [];
    try {
      const pagina = await navegador.newPage();
      pagina.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problemas.push(`consola: ${m.text()}`);
      });
      pagina.on('pageerror', (err) => problemas.push(`excepción: ${err instanceof Error ? err.message : String(err)}`));
      pagina.on('requestfailed', (r) => problemas.push(`no cargó ${r.url()}: ${r.failure()?.errorText ?? '?'}`));
      pagina.on('response', (r) => {
        if (r.status() >= 400) problemas.push(`HTTP ${r.status()} en ${r.url()}`);
      });
      await pagina.goto(`http://127.0.0.1:${puerto}/docs`, { waitUntil: 'networkidle0' });
      await pagina.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
      const titulo = await pagina.$eval('.swagger-ui .info .title', (e) => e.textContent ?? '');
      const operaciones = await pagina.$$eval('.opblock', (es) => es.length);
      expect(titulo).toMatch(/PREP/);
      expect(operaciones).toBeGreaterThan(20);
      expect(problemas).toEqual([]);
    } finally {
      await navegador.close();
    }
  });

  describe('request ids', () => {
    it('every response carries one; a well-formed incoming X-Request-Id is kept, anything else replaced', async () => {
      const nuevo = await srv().get('/health');
      expect(nuevo.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const propio = await srv().get('/health').set('X-Request-Id', 'balanceador-7f3a9c21');
      expect(propio.headers['x-request-id']).toBe('balanceador-7f3a9c21');
      for (const malo of ['corto', 'x'.repeat(200), 'id con espacios', 'a"b{}<script>']) {
        const r = await srv().get('/health').set('X-Request-Id', malo);
        expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Even a request refused before any route (by the JSON parser) has one.
      const roto = await srv().post('/auth/login').set('Content-Type', 'application/json').send('{"usuario":');
      expect(roto.status).toBe(400);
      expect(roto.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('CORS', () => {
    it('is closed by default: no Access-Control-Allow-Origin for any origin, preflight included', async () => {
      for (const origen of ['https://atacante.example', 'http://127.0.0.1:3000', 'null']) {
        const r = await srv().get('/health').set('Origin', origen);
        expect(r.headers['access-control-allow-origin']).toBeUndefined();
        const pre = await srv()
          .options('/actas/acopio')
          .set('Origin', origen)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(pre.headers['access-control-allow-origin']).toBeUndefined();
        expect(pre.headers['access-control-allow-headers']).toBeUndefined();
      }
    });

    it('opens only to the origins PREP_CORS_ORIGENES names', async () => {
      const abierto = await startHarness({ withWorker: false, env: { PREP_CORS_ORIGENES: 'https://captura.prep.example,http://127.0.0.1:5173' } });
      try {
        const s = () => request(abierto.app.getHttpServer());
        const ok = await s().get('/health').set('Origin', 'https://captura.prep.example');
        expect(ok.headers['access-control-allow-origin']).toBe('https://captura.prep.example');
        expect(ok.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
        expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
        const pre = await s()
          .options('/actas/acopio')
          .set('Origin', 'http://127.0.0.1:5173')
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'authorization,content-type');
        expect(pre.status).toBe(204);
        expect(pre.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
        expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);
        for (const otro of ['https://atacante.example', 'https://captura.prep.example.atacante.example', 'http://captura.prep.example']) {
          const r = await s().get('/health').set('Origin', otro);
          expect(r.headers['access-control-allow-origin']).toBeUndefined();
        }
      } finally {
        await abierto.close();
      }
    });
  });

  describe('JSON bodies have a size limit', () => {
    it('a body over 100 KB gets a fast 413 in Spanish, public route or not, and the API keeps serving', async () => {
      const grande = { usuario: 'alguien', contrasena: 'x'.repeat(200 * 1024) };
      const inicio = Date.now();
      const r = await srv().post('/auth/login').send(grande);
      expect(Date.now() - inicio).toBeLessThan(2000);
      expect(r.status).toBe(413);
      expect(r.body).toEqual({ codigo: 'CARGA_DEMASIADO_GRANDE', mensaje: expect.stringMatching(/excede el límite de 100 KB/) });
      const cap = await srv()
        .post(`/actas/${acta.claveActa}/capturas`)
        .set(claveNueva())
        .set('Authorization', `Bearer ${p.acopiador.token}`)
        .send({ valores: { PAN: 'x'.repeat(150 * 1024) } });
      expect(cap.status).toBe(413);
      expect(cap.body.codigo).toBe('CARGA_DEMASIADO_GRANDE');
      await srv().get('/health').expect(200);
    });

    it('a declared Content-Length of 1 GB is refused from the headers, before the body is read', async () => {
      const r = await enviarGrande(puerto, '/auth/login', { 'Content-Type': 'application/json' }, 1024 ** 3);
      expect(r.status).toBe(413);
      expect(JSON.parse(r.cuerpo).codigo).toBe('CARGA_DEMASIADO_GRANDE');
      expect(r.enviados).toBeLessThan(LEIDO_MAXIMO);
    });
  });

  describe('upload size and type limits hold before the body is buffered', () => {
    const subir = (cabeceras: Record<string, string>, declarado: number, ruta = `/actas/${acta.claveActa}/imagenes`) =>
      enviarGrande(puerto, ruta, { ...claveNueva(), ...cabeceras }, declarado);

    it('an image upload declaring 2 GB is refused with 413 while the client has sent almost nothing', async () => {
      const r = await subir({ Authorization: `Bearer ${p.digitalizador.token}`, 'Content-Type': 'multipart/form-data; boundary=xyz' }, 2 * 1024 ** 3);
      expect(r.status).toBe(413);
      expect(JSON.parse(r.cuerpo)).toEqual({ codigo: 'CARGA_DEMASIADO_GRANDE', mensaje: expect.stringMatching(/^La imagen pesa 2048\.0 MB y el límite es/) });
      expect(r.enviados).toBeLessThan(LEIDO_MAXIMO);
      // Nothing of it reached the store's temporary area.
      const recepcion = `${h.cfg.PREP_DATA_DIR}/imagenes/.recepcion`;
      expect(fs.existsSync(recepcion) ? fs.readdirSync(recepcion) : []).toEqual([]);
    });

    it('a catálogo upload declaring 1 GB is refused the same way', async () => {
      const r = await subir({ Authorization: `Bearer ${p.admin.token}`, 'Content-Type': 'multipart/form-data; boundary=xyz' }, 1024 ** 3, '/catalogo');
      expect(r.status).toBe(413);
      expect(JSON.parse(r.cuerpo).mensaje).toMatch(/^El catálogo pesa 1024\.0 MB/);
      expect(r.enviados).toBeLessThan(LEIDO_MAXIMO);
    });

    it('an upload that is not multipart/form-data gets 415 naming the type, unread', async () => {
      // (A JSON body is read by the JSON parser first: over 100 KB it is a 413, malformed a 400.)
      for (const [tipo, declarado] of [
        ['image/jpeg', 50 * 1024 ** 2],
        ['application/octet-stream', 50 * 1024 ** 2],
        ['text/plain', 50 * 1024 ** 2],
      ] as const) {
        const r = await subir({ Authorization: `Bearer ${p.digitalizador.token}`, 'Content-Type': tipo }, declarado);
        expect(r.status).toBe(415);
        expect(JSON.parse(r.cuerpo)).toEqual({ codigo: 'TIPO_NO_SOPORTADO', mensaje: `La imagen se envía como multipart/form-data (llegó '${tipo}').` });
        expect(r.enviados).toBeLessThanOrEqual(Math.min(declarado, LEIDO_MAXIMO));
      }
      const sinTipo = await srv().post('/catalogo').set(claveNueva()).set('Authorization', `Bearer ${p.admin.token}`).send(Buffer.from('x'));
      expect(sinTipo.status).toBe(415);
    });

    it('the limits come after authentication: an anonymous upload is 401 whatever it declares', async () => {
      const r = await subir({ 'Content-Type': 'multipart/form-data; boundary=xyz' }, 2 * 1024 ** 3);
      expect(r.status).toBe(401);
      expect(r.enviados).toBeLessThan(LEIDO_MAXIMO);
    });
  });

  describe('image downloads never leave the image store', () => {
    let sha: string;
    const secreto = () => fs.readFileSync(rutaSecretoJwt(h.cfg.PREP_DATA_DIR), 'utf8').trim();

    beforeAll(async () => {
      sha = (await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201)).body.sha256;
    });

    it.each([
      ['..%2F..%2Fsecretos%2Fjwt.secret'],
      ['%2e%2e%2f%2e%2e%2fsecretos%2fjwt.secret'],
      ['..%252F..%252Fsecretos%252Fjwt.secret'],
      ['%2Fetc%2Fpasswd'],
      ['..'],
      ['%2e%2e'],
    ])('GET /actas/{clave}/imagenes/%s answers 404 without reading any file', async (param) => {
      const r = await srv().get(`/actas/${acta.claveActa}/imagenes/${param}`).set('Authorization', `Bearer ${p.digitalizador.token}`);
      expect(r.status).toBe(404);
      expect(r.text).not.toContain(secreto());
      expect(r.text).not.toContain('root:');
    });

    it.each([['..%2F..%2Fsecretos'], ['%2e%2e%2f'], ['%2Fetc%2Fpasswd']])(
      'a clave like %s is refused by its pipe (400) on both image routes',
      async (clave) => {
        const a = await srv().get(`/actas/${clave}/imagenes/${sha}`).set('Authorization', `Bearer ${p.digitalizador.token}`);
        const b = await srv().get(`/difusion/actas/${clave}/imagen`);
        for (const r of [a, b]) {
          expect([400, 404]).toContain(r.status);
          expect(r.text).not.toContain(secreto());
        }
      },
    );

    it('even a read-model row tampered to point outside the store is not served', async () => {
      const em = h.app.get(EntityManager).fork();
      const [{ estado }] = await em.execute<{ estado: { imagenes: { sha256: string; ruta: string }[] } }[]>('select estado from acta where clave_acta = ?', [
        acta.claveActa,
      ]);
      expect(estado.imagenes[0].ruta).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}\.jpg$/);
      for (const ruta of ['../secretos/jwt.secret', `${h.cfg.PREP_DATA_DIR}/secretos/jwt.secret`]) {
        estado.imagenes[0].ruta = ruta;
        await em.execute('update acta set estado = ? where clave_acta = ?', [JSON.stringify(estado), acta.claveActa]);
        const r = await srv().get(`/actas/${acta.claveActa}/imagenes/${sha}`).set('Authorization', `Bearer ${p.digitalizador.token}`);
        expect(r.status).toBe(500);
        expect(r.body).toEqual({ codigo: 'ERROR_INTERNO', mensaje: expect.any(String) });
        expect(r.text).not.toContain(secreto());
      }
    });
  });
});
