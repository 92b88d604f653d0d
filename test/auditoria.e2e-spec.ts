import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { generarCaptura, generarCatalogo, indexarCatalogo, type ActaDelCatalogo } from '@prep/domain';
import { PREFIJO_PERSONAL } from '@prep/audit';
import { BitacoraService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { ClienteApi, conectarBitacora, esperar } from './support/actas';
import { claveNueva } from './support/idempotencia';

type Persona = { nombreUsuario: string; token: string };

describe('the auditor checks the bitácora without trusting the API', () => {
  let h: Harness;
  let api: ClienteApi;
  let auditor: Persona;
  let publicada: ActaDelCatalogo;
  const http = () => request(h.app.getHttpServer());
  const verificar = () => http().post('/auditoria/verificaciones').set('Authorization', `Bearer ${auditor.token}`);

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const catalogo = generarCatalogo({ semilla: 41, casillas: 20, distritos: 2, municipios: 2, idEntidad: 17, nombreEntidad: 'ENTIDAD 17' });
    esperar(
      await http()
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', Buffer.from(JSON.stringify(catalogo)), 'catalogo.json'),
      201,
      'cargar catálogo',
    );
    const actas = [...indexarCatalogo(catalogo).values()].filter((a) => a.casilla.tipo !== 'S');
    publicada = actas[0];
    const catd = publicada.casilla.catd;
    const [aco, dig, c1, c2, ver] = await Promise.all(
      ['acopiador', 'digitalizador', 'capturista', 'capturista', 'verificador'].map((r) => crearUsuarioConToken(h.app, { roles: [r as never], catd })),
    );
    auditor = await crearUsuarioConToken(h.app, { roles: ['auditor'] });
    const clave = publicada.claveActa;
    esperar(await api.acopio(aco.token, clave), 201, 'acopio');
    esperar(await api.digitalizar(dig.token, clave), 201, 'digitalización');
    const datos = generarCaptura('auditoria', publicada.casilla, publicada.eleccion.columnasVoto);
    await api.tomarYCapturar(c1.token, clave, datos);
    await api.tomarYCapturar(c2.token, clave, datos);
    await api.tomarYVerificar(ver.token, clave, { decision: 'CONFIRMAR' });
    esperar(await api.acopio(aco.token, actas[1].claveActa), 201, 'acopio 2');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('reads the signed state, checked against the server key the auditor was given', async () => {
    const r = await http().get('/auditoria/estado').set('Authorization', `Bearer ${auditor.token}`).expect(200);
    expect(r.body.verificacionFirma).toEqual({ firmado: true, firmaValida: true, claveEsperada: true });
    expect(r.body.txId).toBeGreaterThan(0);
    expect(r.body.txHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.estadoConfiableActual.txId).toBe(r.body.txId);
  });

  it('only the auditor role may use it', async () => {
    const otro = await crearUsuarioConToken(h.app, { roles: ['coordinador'] });
    const r = await http().get('/auditoria/estado').set('Authorization', `Bearer ${otro.token}`).expect(403);
    expect(r.body.codigo).toBe('SIN_PERMISO');
  });

  it("gives an acta's full history, every entry proven", async () => {
    const r = await http().get(`/auditoria/actas/${publicada.claveActa}/historial`).set('Authorization', `Bearer ${auditor.token}`).expect(200);
    expect(r.body.entradas).toHaveLength(7);
    for (const e of r.body.entradas) expect(e).toMatchObject({ verificada: true, datosIntegros: true, txId: expect.any(Number) });
    expect(r.body.entradas.map((e: { evento: { secuencia: number } }) => e.evento.secuencia)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the full check passes on an untouched system, then names exactly the acta and field changed in PostgreSQL', async () => {
    const limpio = await verificar().expect(200);
    expect(limpio.body.hallazgos).toEqual([]);
    expect(limpio.body.ok).toBe(true);
    expect(limpio.body.entradasProbadas).toBe(limpio.body.entradasRevisadas);

    const em = h.app.get(EntityManager).fork();
    await em.execute('update acta set total_votos_calculado = total_votos_calculado + 10 where clave_acta = ?', [publicada.claveActa]);
    try {
      const r = await verificar().expect(200);
      expect(r.body.ok).toBe(false);
      expect(r.body.hallazgos).toEqual([expect.objectContaining({ tipo: 'DIFERENCIA_CAMPO', claveActa: publicada.claveActa, campo: 'totalVotosCalculado' })]);
      expect(r.body.hallazgos[0].encontrado).toBe(r.body.hallazgos[0].bitacora + 10);
    } finally {
      await em.execute('update acta set total_votos_calculado = total_votos_calculado - 10 where clave_acta = ?', [publicada.claveActa]);
    }
  });

  it('reports an image file changed on disk as a hash mismatch', async () => {
    const d = await api.detalle(auditor.token, publicada.claveActa).expect(200);
    const sha = d.body.imagenes[0].sha256 as string;
    const archivo = path.join(process.env.PREP_DATA_DIR!, 'imagenes', sha.slice(0, 2), `${sha}.jpg`);
    const original = fs.readFileSync(archivo);
    fs.writeFileSync(archivo, Buffer.concat([original, Buffer.from('retoque')]));
    try {
      const r = await verificar().expect(200);
      expect(r.body.hallazgos).toEqual([expect.objectContaining({ tipo: 'IMAGEN_ALTERADA', claveActa: publicada.claveActa, bitacora: sha })]);
    } finally {
      fs.writeFileSync(archivo, original);
    }
  });

  it('refuses, with a clear error, to vouch for a bitácora that does not extend the trusted state', async () => {
    const otra = await conectarBitacora('otra', `${process.env.IMMUDB_DATABASE}otra`);
    const bitacora = await h.app.get(BitacoraService).get();
    const propio = bitacora.trustedState()!;
    try {
      for (let i = 0; i < propio.txId + 5; i++) await otra.verifiedSet(`x/${i}`, 'x');
      bitacora.setTrustedState({ ...otra.trustedState()!, db: propio.db });
      const r = await http().get(`/auditoria/actas/${publicada.claveActa}/historial`).set('Authorization', `Bearer ${auditor.token}`).expect(409);
      expect(r.body.codigo).toBe('BITACORA_NO_VERIFICABLE');
      expect(r.body.mensaje).toMatch(/estado confiable/);
    } finally {
      bitacora.setTrustedState(propio);
      otra.close();
    }
  });

  it('staff actions are in the bitácora too: logins, task claims and catálogo loads', async () => {
    const bitacora = await h.app.get(BitacoraService).get();
    const acciones = (await bitacora.scan(PREFIJO_PERSONAL, { limit: 1000 })).map((e) => JSON.parse(e.value));
    const tipos = new Set(acciones.map((a) => a.tipo));
    for (const t of ['SESION_INICIADA', 'TAREA_TOMADA', 'CATALOGO_CARGADO']) expect(tipos).toContain(t);
    expect(acciones.some((a) => a.tipo === 'SESION_INICIADA' && a.usuario === auditor.nombreUsuario)).toBe(true);
    expect(acciones.some((a) => a.tipo === 'TAREA_TOMADA' && a.datos.claveActa === publicada.claveActa)).toBe(true);
  });
});
