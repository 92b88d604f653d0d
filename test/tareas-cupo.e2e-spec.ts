import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { PREFIJO_PERSONAL } from '@prep/audit';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { BitacoraService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { cargarCatalogoDePrueba, ClienteApi, esperar } from './support/actas';
import { claveNueva } from './support/idempotencia';

type Persona = { id: string; nombreUsuario: string; token: string };

describe('one live task claim per person; deactivation releases claims at once', () => {
  let h: Harness;
  let api: ClienteApi;
  let actas: ActaDelCatalogo[];
  let siguiente = 0;
  let catd: string;
  const p: Record<string, Persona> = {};
  const nuevaActa = () => actas[siguiente++];
  const capturista = () => crearUsuarioConToken(h.app, { roles: ['capturista'], catd });

  async function hastaCaptura(acta: ActaDelCatalogo) {
    esperar(await api.acopio(p.acopiador.token, acta.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(p.digitalizador.token, acta.claveActa), 201, 'digitalizar');
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 24, semilla: 61, casillas: 30 }));
    catd = actas[0].casilla.catd;
    actas = actas.filter((a) => a.casilla.catd === catd);
    p.acopiador = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd });
    p.digitalizador = await crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd });
    p.admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a second claim (even naming another acta) is refused with 409 naming the task held and how to release it', async () => {
    const [a, b] = [nuevaActa(), nuevaActa()];
    await hastaCaptura(a);
    await hastaCaptura(b);
    const yo = await capturista();
    const primera = esperar(await api.tomar(yo.token, 'CAPTURA', a.claveActa), 200, 'primera toma');
    const id = primera.body.tarea.id as string;
    const segunda = await api.tomar(yo.token, 'CAPTURA', b.claveActa);
    esperar(segunda, 409, 'segunda toma');
    expect(segunda.body.codigo).toBe('TAREA_YA_TOMADA');
    expect(segunda.body.mensaje).toContain(`captura del acta ${a.claveActa}`);
    expect(segunda.body.mensaje).toContain(`POST /tareas/${id}/liberar`);
    // Asking again for the task already held still returns it (idempotent).
    const otraVez = esperar(await api.tomar(yo.token, 'CAPTURA'), 200, 'volver a pedir');
    expect(otraVez.body.tarea.id).toBe(id);
    // Released, the person may take another one.
    await request(h.app.getHttpServer()).post(`/tareas/${id}/liberar`).set(claveNueva()).set('Authorization', `Bearer ${yo.token}`).expect(200);
    const tercera = esperar(await api.tomar(yo.token, 'CAPTURA', b.claveActa), 200, 'toma tras liberar');
    expect(tercera.body.tarea.claveActa).toBe(b.claveActa);
  });

  it('two claims sent at once by the same person: exactly one succeeds', async () => {
    const [a, b] = [nuevaActa(), nuevaActa()];
    await hastaCaptura(a);
    await hastaCaptura(b);
    const yo = await capturista();
    const r = await Promise.all([api.tomar(yo.token, 'CAPTURA', a.claveActa), api.tomar(yo.token, 'CAPTURA', b.claveActa)]);
    expect(r.map((x) => x.status).sort()).toEqual([200, 409]);
  });

  it('deactivating a capturista frees their claimed slot at once, recorded in tarea_evento and in the bitácora', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    // The first capture is done, so the acta has exactly one capture slot left.
    const primero = await capturista();
    await api.tomarYCapturar(primero.token, acta.claveActa, generarCaptura('c1', acta.casilla, acta.eleccion.columnasVoto), 201);
    const saliente = await capturista();
    const tomada = esperar(await api.tomar(saliente.token, 'CAPTURA', acta.claveActa), 200, 'toma del saliente');
    const id = tomada.body.tarea.id as string;
    const otro = await capturista();
    await api.tomar(otro.token, 'CAPTURA', acta.claveActa).expect(204);

    await request(h.app.getHttpServer())
      .post(`/usuarios/${saliente.id}/desactivar`)
      .set(claveNueva())
      .set('Authorization', `Bearer ${p.admin.token}`)
      .expect(200);
    const ahora = esperar(await api.tomar(otro.token, 'CAPTURA', acta.claveActa), 200, 'toma tras la desactivación');
    expect(ahora.body.tarea.id).toBe(id);

    const em = h.app.get(EntityManager).fork();
    const eventos = await em.execute(`select tipo, usuario from tarea_evento where tarea_id = ? order by id`, [id]);
    expect(eventos).toEqual([
      { tipo: 'TOMADA', usuario: saliente.nombreUsuario },
      { tipo: 'LIBERADA', usuario: saliente.nombreUsuario },
      { tipo: 'TOMADA', usuario: otro.nombreUsuario },
    ]);
    const bitacora = await h.app.get(BitacoraService).get();
    const acciones = (await bitacora.scan(PREFIJO_PERSONAL, { limit: 1000 })).map((e) => JSON.parse(e.value));
    expect(acciones).toContainEqual(
      expect.objectContaining({
        tipo: 'TAREA_LIBERADA',
        usuario: saliente.nombreUsuario,
        datos: expect.objectContaining({ tarea: id, claveActa: acta.claveActa, motivo: 'USUARIO_DESACTIVADO', por: p.admin.nombreUsuario }),
      }),
    );
  });
});
