import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { PREFIJO_PERSONAL, type BitacoraImmudb } from '@prep/audit';
import { BitacoraFallosLogin, MAX_FALLOS_DIRECCION, USUARIO_SIN_SESION } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { conectarBitacora } from './support/actas';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';

/** What an attacker's script sends: a fresh invented name and a guess each time. */
const inventado = () => ({ usuario: `nadie.${randomUUID().slice(0, 12)}`, contrasena: 'adivinanza-123' });

/** Staff actions written to the bitácora since `desde` (keys are personal/<fechaHora>/<id>, in time order). */
async function accionesDesde(bitacora: BitacoraImmudb, desde: Date): Promise<{ tipo: string; usuario: string; datos: Record<string, unknown> }[]> {
  const entradas = await bitacora.scan(PREFIJO_PERSONAL, { seekKey: `${PREFIJO_PERSONAL}${desde.toISOString()}`, limit: 1000 });
  return entradas.map((e) => JSON.parse(e.value));
}

describe('failed logins: limited per client address and aggregated in the bitácora', () => {
  let bitacora: BitacoraImmudb;
  beforeAll(async () => {
    bitacora = await conectarBitacora('limites-login');
  });
  afterAll(() => bitacora?.close());

  describe('API bound directly (no trusted proxy)', () => {
    let h: Harness;
    const http = () => request(h.app.getHttpServer());
    beforeAll(async () => {
      h = await startHarness({ withWorker: false });
    });
    afterAll(async () => {
      await h?.close();
    });

    it('an address that keeps failing gets 429 with Retry-After, and the bitácora grows by O(1), not per attempt', async () => {
      const valida = await crearUsuarioConToken(h.app, { roles: ['capturista'] });
      // One millisecond on, so the account's own SESION_INICIADA (same millisecond) stays out of the count.
      const inicio = new Date(Date.now() + 1);
      const estados: number[] = [];
      for (let i = 0; i < MAX_FALLOS_DIRECCION + 5; i++) {
        // X-Forwarded-For is ignored without PREP_TRUST_PROXY: a client cannot claim a fresh address per try.
        const res = await http().post('/auth/login').set('X-Forwarded-For', `198.51.100.${i}`).send(inventado());
        estados.push(res.status);
        if (res.status === 429) {
          expect(res.body).toEqual({ codigo: 'DEMASIADOS_INTENTOS', mensaje: expect.stringMatching(/desde esta dirección de red: espere 15 minutos/) });
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(800);
        }
      }
      expect(estados).toEqual([...Array(MAX_FALLOS_DIRECCION).fill(401), ...Array(5).fill(429)]);

      // The address limit counts only failures but, once reached, holds valid logins from that address too.
      await http().post('/auth/login').send({ usuario: valida.nombreUsuario, contrasena: CONTRASENA_PRUEBA }).expect(429);

      const durante = await accionesDesde(bitacora, inicio);
      expect(durante.length).toBeLessThanOrEqual(2);

      // Nothing is lost: the window's summary (written when it ends, or on shutdown) holds every attempt.
      await h.app.get(BitacoraFallosLogin).vaciar();
      const acciones = await accionesDesde(bitacora, inicio);
      expect(acciones.length).toBeLessThanOrEqual(2);
      expect(acciones.every((a) => a.tipo === 'SESION_FALLIDA' && a.usuario === USUARIO_SIN_SESION)).toBe(true);
      const suma = (campo: 'fallos' | 'rechazos') => acciones.reduce((n, a) => n + (a.datos[campo] as number), 0);
      expect(suma('fallos')).toBe(MAX_FALLOS_DIRECCION);
      expect(suma('rechazos')).toBe(6);
      expect(new Set(acciones.map((a) => a.datos.direccion))).toEqual(new Set(['127.0.0.1']));
      // Names tried are listed (a bounded list per entry); attempts beyond it are still counted.
      const usuarios = acciones.flatMap((a) => a.datos.usuarios as { usuario: string; intentos: number }[]);
      expect(usuarios.every((u) => u.usuario === valida.nombreUsuario || u.usuario.startsWith('nadie.'))).toBe(true);
      const listados = usuarios.reduce((n, u) => n + u.intentos, 0);
      expect(listados + acciones.reduce((n, a) => n + (a.datos.intentosOtrosUsuarios as number), 0)).toBe(MAX_FALLOS_DIRECCION + 6);
    });
  });

  describe('behind a reverse proxy (PREP_TRUST_PROXY=loopback)', () => {
    let h: Harness;
    let cerrada = false;
    const http = () => request(h.app.getHttpServer());
    beforeAll(async () => {
      process.env.PREP_TRUST_PROXY = 'loopback';
      try {
        h = await startHarness({ withWorker: false });
      } finally {
        delete process.env.PREP_TRUST_PROXY;
      }
    });
    afterAll(async () => {
      if (!cerrada) await h?.close();
    });

    it("limits each client by the proxy's X-Forwarded-For, so one noisy client does not lock out the others", async () => {
      const valida = await crearUsuarioConToken(h.app, { roles: ['capturista'] });
      // One millisecond on, so the account's own SESION_INICIADA (same millisecond) stays out of the count.
      const inicio = new Date(Date.now() + 1);
      for (let i = 0; i < MAX_FALLOS_DIRECCION; i++) {
        await http().post('/auth/login').set('X-Forwarded-For', '203.0.113.7').send(inventado()).expect(401);
      }
      await http().post('/auth/login').set('X-Forwarded-For', '203.0.113.7').send(inventado()).expect(429);
      await http()
        .post('/auth/login')
        .set('X-Forwarded-For', '198.51.100.9')
        .send({ usuario: valida.nombreUsuario, contrasena: CONTRASENA_PRUEBA })
        .expect(200);

      // Stopping the API writes the summary still held in memory.
      await h.close();
      cerrada = true;
      const fallidas = (await accionesDesde(bitacora, inicio)).filter((a) => a.tipo === 'SESION_FALLIDA');
      expect(fallidas.length).toBeLessThanOrEqual(2);
      expect(fallidas.map((a) => a.datos.direccion)).toEqual(fallidas.map(() => '203.0.113.7'));
      expect(fallidas.reduce((n, a) => n + (a.datos.fallos as number) + (a.datos.rechazos as number), 0)).toBe(MAX_FALLOS_DIRECCION + 1);
      const iniciadas = (await accionesDesde(bitacora, inicio)).filter((a) => a.tipo === 'SESION_INICIADA');
      expect(iniciadas).toEqual([expect.objectContaining({ usuario: valida.nombreUsuario, datos: { direccion: '198.51.100.9' } })]);
    });
  });
});
