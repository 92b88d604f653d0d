import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, jpegDePrueba } from './support/actas';
import { claveNueva } from './support/idempotencia';

type Persona = { id: string; nombreUsuario: string; token: string };

describe('Idempotency-Key on staff POSTs', () => {
  let h: Harness;
  let actas: ActaDelCatalogo[];
  let aco: Persona;
  let dig: Persona;
  const http = () => request(h.app.getHttpServer());
  const bearer = (p: Persona) => ({ Authorization: `Bearer ${p.token}` });
  const acopio = (p: Persona, claveActa: string, clave?: string) =>
    http()
      .post('/actas/acopio')
      .set(bearer(p))
      .set(clave ? claveNueva(clave) : {})
      .send({ claveActa, mecanismoTraslado: 'F' });
  const escaneo = (claveActa: string, clave: string, imagen: Buffer) =>
    http()
      .post(`/actas/${claveActa}/imagenes`)
      .set(bearer(dig))
      .set(claveNueva(clave))
      .attach('imagen', imagen, 'acta.jpg')
      .field('origen', 'CATD')
      .field('medio', 'ESCANER');

  beforeAll(async () => {
    h = await startHarness();
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 4, semilla: 41, casillas: 12 }));
    const catd = actas[0].casilla.catd;
    actas = actas.filter((a) => a.casilla.catd === catd);
    [aco, dig] = await Promise.all([
      crearUsuarioConToken(h.app, { roles: ['acopiador'], catd }),
      crearUsuarioConToken(h.app, { roles: ['digitalizador'], catd }),
    ]);
  });
  afterAll(() => h?.close());

  it('refuses a staff POST without a key, or with a malformed one, with 400 saying what to send; login needs none', async () => {
    const sin = await acopio(aco, actas[0].claveActa).expect(400);
    expect(sin.body).toMatchObject({ codigo: 'IDEMPOTENCY_KEY_FALTANTE' });
    expect(sin.body.mensaje).toContain('Idempotency-Key');
    const mala = await acopio(aco, actas[0].claveActa, 'corta').expect(400);
    expect(mala.body.codigo).toBe('IDEMPOTENCY_KEY_INVALIDA');
    // Nothing was applied.
    expect(await bitacoraDeActa(actas[0].claveActa)).toHaveLength(0);
    // A missing key is refused before the upload is read (the global interceptor runs before multer).
    const sinClaveArchivo = await http()
      .post(`/actas/${actas[0].claveActa}/imagenes`)
      .set(bearer(dig))
      .attach('imagen', jpegDePrueba('x'), 'acta.jpg')
      .field('origen', 'CATD')
      .field('medio', 'ESCANER')
      .expect(400);
    expect(sinClaveArchivo.body.codigo).toBe('IDEMPOTENCY_KEY_FALTANTE');
    await http().post('/auth/login').send({ usuario: aco.nombreUsuario, contrasena: 'Prueba-Segura-2026!' }).expect(200);
  });

  it('replays the first answer for a retry with the same key and applies the action once', async () => {
    const acta = actas[1];
    const clave = randomUUID();
    const primera = await acopio(aco, acta.claveActa, clave).expect(201);
    expect(primera.headers['idempotency-replayed']).toBeUndefined();
    const segunda = await acopio(aco, acta.claveActa, clave).expect(201);
    expect(segunda.headers['idempotency-replayed']).toBe('true');
    expect(segunda.body).toEqual(primera.body);
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);

    // A new key is a new action: the workflow refuses a second acopio, and that refusal is replayed too.
    const otra = randomUUID();
    const repetido = await acopio(aco, acta.claveActa, otra).expect(409);
    expect(repetido.body.codigo).toBe('ACTA_YA_ACOPIADA');
    const repetidoOtraVez = await acopio(aco, acta.claveActa, otra).expect(409);
    expect(repetidoOtraVez.body).toEqual(repetido.body);
    expect(repetidoOtraVez.headers['idempotency-replayed']).toBe('true');

    // Multipart: compared by the file's bytes.
    const clave2 = randomUUID();
    const imagen = jpegDePrueba(`idem ${acta.claveActa}`);
    const escaneada = await escaneo(acta.claveActa, clave2, imagen).expect(201);
    const otraVez = await escaneo(acta.claveActa, clave2, imagen).expect(201);
    expect(otraVez.headers['idempotency-replayed']).toBe('true');
    expect(otraVez.body).toEqual(escaneada.body);
    const otraImagen = await escaneo(acta.claveActa, clave2, jpegDePrueba('otra imagen')).expect(422);
    expect(otraImagen.body.codigo).toBe('IDEMPOTENCIA_CLAVE_REUTILIZADA');
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA', 'IMAGEN_DIGITALIZADA']);
  });

  it('refuses a key reused with another body or route (422), and scopes keys per user', async () => {
    const clave = randomUUID();
    await acopio(aco, actas[2].claveActa, clave).expect(201);
    const otroCuerpo = await acopio(aco, actas[3].claveActa, clave).expect(422);
    expect(otroCuerpo.body).toMatchObject({ codigo: 'IDEMPOTENCIA_CLAVE_REUTILIZADA' });
    expect(otroCuerpo.body.mensaje).toContain('clave nueva');
    const otraRuta = await http()
      .post('/actas/acopio')
      .set(bearer(aco))
      .set(claveNueva(clave))
      .send({ claveActa: actas[2].claveActa, mecanismoTraslado: 'P' })
      .expect(422);
    expect(otraRuta.body.codigo).toBe('IDEMPOTENCIA_CLAVE_REUTILIZADA');
    expect(await bitacoraDeActa(actas[3].claveActa)).toHaveLength(0);

    // Another person's identical key is theirs: executed, not replayed.
    const otro = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: actas[3].casilla.catd });
    const suyo = await acopio(otro, actas[3].claveActa, clave).expect(201);
    expect(suyo.headers['idempotency-replayed']).toBeUndefined();
  });

  it('answers 409 while the first request is in flight; a retry takes over one whose process stopped answering and Temporal answers it once', async () => {
    const acta = actas[4];
    const clave = randomUUID();
    const em = h.app.get(EntityManager).fork();
    const primera = await acopio(aco, acta.claveActa, clave).expect(201);
    // What the row holds if the API had died after Temporal applied the acopio and before answering:
    // still in flight, owned by another process, no answer stored.
    const enVuelo = (latido: string) =>
      em.execute(
        `update solicitud_idempotente set estado = 'EN_CURSO', proceso = ?, latido = ${latido}, status = null, respuesta = null, completada_en = null
         where usuario_id = ? and clave = ?`,
        [randomUUID(), aco.id, clave],
      );

    await enVuelo('now()');
    const enCurso = await acopio(aco, acta.claveActa, clave).expect(409);
    expect(enCurso.body.codigo).toBe('IDEMPOTENCIA_EN_CURSO');
    expect(enCurso.headers['retry-after']).toBe('1');

    // Its heartbeat stopped long ago (the process died): the retry runs the handler again, and the
    // Temporal Update id derived from the same key re-attaches to the first Update: the first
    // outcome, not a second acopio (which the workflow would refuse with 409 ACTA_YA_ACOPIADA).
    await enVuelo(`now() - interval '1 hour'`);
    const retomada = await acopio(aco, acta.claveActa, clave);
    expect({ status: retomada.status, body: retomada.body }).toEqual({ status: 201, body: primera.body });
    expect(retomada.headers['idempotency-replayed']).toBeUndefined();
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);
    const [guardada] = await em.execute<{ estado: string; status: number }[]>(
      'select estado, status from solicitud_idempotente where usuario_id = ? and clave = ?',
      [aco.id, clave],
    );
    expect(guardada).toEqual({ estado: 'COMPLETADA', status: 201 });
  });

  it('a capture retried after its first attempt was abandoned mid-way is answered with the first outcome, and counted once', async () => {
    const acta = actas[5];
    const cap = await crearUsuarioConToken(h.app, { roles: ['capturista'], catd: acta.casilla.catd });
    await acopio(aco, acta.claveActa, randomUUID()).expect(201);
    await escaneo(acta.claveActa, randomUUID(), jpegDePrueba(`cap ${acta.claveActa}`)).expect(201);
    await http().get('/tareas/siguiente').query({ tipo: 'CAPTURA', claveActa: acta.claveActa }).set(bearer(cap)).expect(200);
    const clave = randomUUID();
    const valores = generarCaptura(acta.claveActa, acta.casilla, acta.eleccion.columnasVoto);
    const capturar = () => http().post(`/actas/${acta.claveActa}/capturas`).set(bearer(cap)).set(claveNueva(clave)).send({ valores });
    const primera = await capturar().expect(201);
    await h.app
      .get(EntityManager)
      .fork()
      .execute(
        `update solicitud_idempotente set estado = 'EN_CURSO', proceso = ?, latido = now() - interval '1 hour', status = null, respuesta = null where usuario_id = ? and clave = ?`,
        [randomUUID(), cap.id, clave],
      );
    const retomada = await capturar();
    expect({ status: retomada.status, body: retomada.body }).toEqual({ status: 201, body: primera.body });
    expect((await bitacoraDeActa(acta.claveActa)).filter((e) => e.tipo === 'CAPTURA_REGISTRADA')).toHaveLength(1);

    // An abandoned attempt that never reached Temporal: the retry runs the API's checks as usual, at once.
    const otraClave = randomUUID();
    const sinTarea = () => http().post(`/actas/${acta.claveActa}/capturas`).set(bearer(cap)).set(claveNueva(otraClave)).send({ valores });
    expect((await sinTarea().expect(409)).body.codigo).toBe('TAREA_NO_TOMADA');
    await h.app
      .get(EntityManager)
      .fork()
      .execute(
        `update solicitud_idempotente set estado = 'EN_CURSO', proceso = ?, latido = now() - interval '1 hour', status = null, respuesta = null where usuario_id = ? and clave = ?`,
        [randomUUID(), cap.id, otraClave],
      );
    const t0 = Date.now();
    expect((await sinTarea().expect(409)).body.codigo).toBe('TAREA_NO_TOMADA');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('documents the required header on every staff POST of the OpenAPI document, and on no exempt one', async () => {
    const doc = await http().get('/docs/openapi.json').expect(200);
    const posts = Object.entries(doc.body.paths as Record<string, { post?: { parameters?: { name: string; in: string; required?: boolean }[] } }>).filter(
      ([, ops]) => ops.post,
    );
    const conClave = posts
      .filter(([, ops]) => ops.post!.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key' && p.required))
      .map(([r]) => r);
    const sinClave = posts.map(([r]) => r).filter((r) => !conClave.includes(r));
    expect(sinClave.sort()).toEqual(['/auditoria/verificaciones', '/auth/login']);
    expect(conClave).toEqual(expect.arrayContaining(['/actas/acopio', '/actas/{clave}/imagenes', '/actas/{clave}/capturas', '/catalogo', '/usuarios']));
  });
});
