import request from 'supertest';
import { generarCaptura, type ActaDelCatalogo, type Captura } from '@prep/domain';
import { capturarUpdate, verificarUpdate } from '@prep/workflows/acta.messages';
import { EntityManager } from '@mikro-orm/postgresql';
import { TemporalService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, jpegDePrueba, cargarCatalogoDePrueba, ClienteApi, expectCadenaCompleta } from './support/actas';
import { claveNueva } from './support/idempotencia';

// Actas idle for 3 s are flagged atorada in this file (default policy: 30 min).
process.env.PREP_POLITICA = JSON.stringify({ atoradaTrasMinutos: 0.05 });

const FLUJO_COMPLETO = [
  'ACTA_ACOPIADA',
  'IMAGEN_DIGITALIZADA',
  'CAPTURA_REGISTRADA',
  'CAPTURA_REGISTRADA',
  'CAPTURAS_COMPARADAS',
  'ACTA_VERIFICADA',
  'ACTA_PUBLICADA',
];

type Persona = { id: string; nombreUsuario: string; token: string };

describe('the journey of an acta through HTTP, Temporal, immudb and PostgreSQL', () => {
  let h: Harness;
  let api: ClienteApi;
  let actas: ActaDelCatalogo[];
  let siguiente = 0;
  /** A CATD of the catálogo other than the one this file's staff work in. */
  let otroCatd: string;
  const p: Record<string, Persona> = {};

  /** A fresh acta of the catálogo whose CATD is `catd` (so that CATD's staff can act on it). */
  const nuevaActa = () => actas[siguiente++];
  const votos = (acta: ActaDelCatalogo, semilla: string, opciones = {}) => generarCaptura(semilla, acta.casilla, acta.eleccion.columnasVoto, opciones);

  async function hastaCaptura(acta: ActaDelCatalogo) {
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    const d = await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201);
    expect(d.body.fase).toBe('EN_CAPTURA');
  }

  async function dobleCaptura(acta: ActaDelCatalogo, c1: Captura, c2: Captura, [a, b] = [p.cap1, p.cap2]) {
    await api.tomarYCapturar(a.token, acta.claveActa, c1, 201);
    return api.tomarYCapturar(b.token, acta.claveActa, c2, 201);
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 14 }));
    const catd = actas[0].casilla.catd;
    otroCatd = actas.find((a) => a.casilla.catd !== catd)!.casilla.catd;
    actas = actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S');
    const roles = {
      acopiador: ['acopiador'],
      digitalizador: ['digitalizador'],
      cap1: ['capturista'],
      cap2: ['capturista'],
      cap3: ['capturista'],
      ver1: ['verificador'],
      ver2: ['verificador'],
      capver: ['capturista', 'verificador'],
      coord: ['coordinador'],
    } as const;
    for (const [nombre, r] of Object.entries(roles)) p[nombre] = await crearUsuarioConToken(h.app, { roles: [...r], catd });
    p.casilla = await crearUsuarioConToken(h.app, { roles: ['prep_casilla'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('captures equal → verified → published, with every transition in the bitácora in order', async () => {
    const acta = nuevaActa();
    const acopio = await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    expect(acopio.body).toMatchObject({ claveActa: acta.claveActa, fase: 'ACOPIADA', secuencia: 1, fueraDeCatalogo: false });
    await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201);
    const datos = votos(acta, 'igual');
    await api.tomarYCapturar(p.cap1.token, acta.claveActa, datos, 201);
    // The second capturista works blind: the acta shows how many captures exist, never their values.
    const ciego = await api.detalle(p.cap2.token, acta.claveActa).expect(200);
    expect(ciego.body.capturasRegistradas).toBe(1);
    expect(ciego.body.capturas).toBeUndefined();
    const segunda = await api.tomarYCapturar(p.cap2.token, acta.claveActa, datos, 201);
    expect(segunda.body.fase).toBe('EN_VERIFICACION');
    const ver = await api.tomarYVerificar(p.ver1.token, acta.claveActa, { decision: 'CONFIRMAR' }, 200);
    expect(ver.body.fase).toBe('PUBLICADA');

    const d = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    const suma = acta.eleccion.columnasVoto.reduce((s, c) => s + (datos[c] as number), 0);
    expect(d.body.resultado).toMatchObject({ contabilizada: 1, totalVotosCalculado: suma, observaciones: null });
    expect(d.body.resultado.imagenSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.body.entradasBitacora).toBe(7);
    const bitacora = await bitacoraDeActa(acta.claveActa);
    expectCadenaCompleta(bitacora, FLUJO_COMPLETO);
    expect(bitacora[0].usuario).toBe(p.acopiador.nombreUsuario);
    expect(bitacora[2].datos).toMatchObject({ valores: datos });
    expect(bitacora[6].faseNueva).toBe('PUBLICADA');
  });

  it('captures differ → the verificador sees both and must decide every discrepant field', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const c1 = votos(acta, 'difieren');
    const campo = acta.eleccion.columnasVoto[0];
    const c2 = { ...c1, [campo]: (c1[campo] as number) + 7 };
    const r = await dobleCaptura(acta, c1, c2);
    expect(r.body.fase).toBe('EN_VERIFICACION');
    await api.tomar(p.ver1.token, 'VERIFICACION', acta.claveActa).expect(200);
    const d = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    expect(d.body.modoVerificacion).toBe('desempate');
    expect(d.body.discrepancias).toEqual([campo]);
    expect(d.body.capturas).toHaveLength(2);

    const confirmar = await api.verificar(p.ver1.token, acta.claveActa, { decision: 'CONFIRMAR' }).expect(422);
    expect(confirmar.body.codigo).toBe('DESEMPATE_REQUIERE_CORRECCION');
    const decidido = (c1[campo] as number) + 1;
    await api.verificar(p.ver1.token, acta.claveActa, { decision: 'CORREGIR', valores: { [campo]: decidido } }).expect(200);
    const fin = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    expect(fin.body.fase).toBe('PUBLICADA');
    expect(fin.body.resultado.datos[campo]).toBe(decidido);
    expect(fin.body.verificacion).toMatchObject({ decision: 'CORREGIR', modo: 'desempate', camposCorregidos: [campo] });
    // The refused CONFIRMAR left no trace: the bitácora has exactly the accepted transitions.
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), FLUJO_COMPLETO);
  });

  it('returned for a new double capture with a reason, then published from round 2', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const datos = votos(acta, 'devuelta');
    await dobleCaptura(acta, datos, datos);
    await api.tomar(p.ver1.token, 'VERIFICACION', acta.claveActa).expect(200);
    const sinMotivo = await api.verificar(p.ver1.token, acta.claveActa, { decision: 'DEVOLVER' }).expect(422);
    expect(sinMotivo.body.codigo).toBe('MOTIVO_REQUERIDO');
    const dev = await api.verificar(p.ver1.token, acta.claveActa, { decision: 'DEVOLVER', motivo: 'la imagen no coincide con lo capturado' }).expect(200);
    expect(dev.body.fase).toBe('EN_CAPTURA');
    await dobleCaptura(acta, datos, datos, [p.cap3, p.cap1]);
    // ver1 returned it but never captured it, so ver1 may verify round 2; ver2 does here.
    await api.tomarYVerificar(p.ver2.token, acta.claveActa, { decision: 'CONFIRMAR' }, 200);
    const d = await api.detalle(p.ver2.token, acta.claveActa).expect(200);
    expect(d.body).toMatchObject({ fase: 'PUBLICADA', ronda: 2 });
    expect(d.body.historial[0].devolucion).toMatchObject({ usuario: p.ver1.nombreUsuario, motivo: 'la imagen no coincide con lo capturado' });
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), [
      'ACTA_ACOPIADA',
      'IMAGEN_DIGITALIZADA',
      'CAPTURA_REGISTRADA',
      'CAPTURA_REGISTRADA',
      'CAPTURAS_COMPARADAS',
      'ACTA_DEVUELTA',
      'CAPTURA_REGISTRADA',
      'CAPTURA_REGISTRADA',
      'CAPTURAS_COMPARADAS',
      'ACTA_VERIFICADA',
      'ACTA_PUBLICADA',
    ]);
  });

  it('ilegible and sin dato fields are published with their observaciones and still count', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const [a, b] = acta.eleccion.columnasVoto;
    const datos: Captura = { ...votos(acta, 'ilegible'), [a]: 'ilegible', [b]: 'sin_dato' };
    await dobleCaptura(acta, datos, datos);
    await api.tomarYVerificar(p.ver1.token, acta.claveActa, { decision: 'CONFIRMAR' }, 200);
    const d = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    expect(d.body.resultado).toMatchObject({ contabilizada: 1, observaciones: 'Ilegible, Sin dato' });
    expect(d.body.resultado.datos[a]).toBe('ilegible');
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), FLUJO_COMPLETO);
  });

  it('excede lista nominal → published but not contabilizada', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const datos = votos(acta, 'excede', { excederListaNominal: true });
    await dobleCaptura(acta, datos, datos);
    await api.tomarYVerificar(p.ver1.token, acta.claveActa, { decision: 'CONFIRMAR' }, 200);
    const d = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    expect(d.body.resultado.contabilizada).toBe(0);
    expect(d.body.resultado.observaciones).toContain('Excede Lista Nominal');
    expect(d.body.resultado.totalVotosCalculado).toBeGreaterThan(acta.casilla.listaNominal + acta.casilla.representantes);
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), FLUJO_COMPLETO);
  });

  it('keeps every image (PREP Casilla photos and the CATD scan) and publishes the first complete one', async () => {
    const acta = nuevaActa();
    const clave = acta.claveActa;
    await api.acopio(p.acopiador.token, clave).expect(201);
    const movil = { origen: 'CASILLA', medio: 'MOVIL' };
    const cortada = await api.digitalizar(p.casilla.token, clave, jpegDePrueba(`${clave}-cortada`), { ...movil, completa: 'false' }).expect(201);
    expect(cortada.body.fase).toBe('ACOPIADA');
    const foto = await api.digitalizar(p.casilla.token, clave, jpegDePrueba(`${clave}-foto`), movil).expect(201);
    expect(foto.body.fase).toBe('EN_CAPTURA');
    const repetida = await api.digitalizar(p.casilla.token, clave, jpegDePrueba(`${clave}-foto`), movil).expect(409);
    expect(repetida.body.codigo).toBe('IMAGEN_DUPLICADA');
    const datos = votos(acta, 'casilla');
    await dobleCaptura(acta, datos, datos);
    await api.tomarYVerificar(p.ver1.token, clave, { decision: 'CONFIRMAR' }, 200);
    const escaneo = await api.digitalizar(p.digitalizador.token, clave, jpegDePrueba(`${clave}-escaneo`)).expect(201);
    expect(escaneo.body.fase).toBe('PUBLICADA');
    const d = await api.detalle(p.ver1.token, clave).expect(200);
    expect(d.body.imagenes.map((i: { origen: string; completa: boolean }) => [i.origen, i.completa])).toEqual([
      ['CASILLA', false],
      ['CASILLA', true],
      ['CATD', true],
    ]);
    expect(d.body.resultado.imagenSha256).toBe(foto.body.sha256);
    const img = await request(h.app.getHttpServer()).get(d.body.imagenes[2].url).set('Authorization', `Bearer ${p.ver1.token}`).expect(200);
    expect(img.headers['x-codigo-integridad']).toBe(escaneo.body.sha256);
  });

  it('an acta outside the catálogo is registered as fuera de catálogo, never rejected', async () => {
    const clave = `${String(actas[0].claveCasilla).slice(0, 2)}9999B0100${actas[0].eleccion.tipoActa}`;
    const r = await api.acopio(p.acopiador.token, clave).expect(201);
    expect(r.body).toMatchObject({ fueraDeCatalogo: true, fase: 'ACOPIADA' });
    const img = await api.digitalizar(p.digitalizador.token, clave).expect(201);
    expect(img.body.fase).toBe('PUBLICADA');
    const d = await api.detalle(p.coord.token, clave).expect(200);
    expect(d.body.resultado).toMatchObject({ contabilizada: 2, observaciones: 'FUERA DE CATALOGO' });
    expectCadenaCompleta(await bitacoraDeActa(clave), ['ACTA_ACOPIADA', 'IMAGEN_DIGITALIZADA', 'ACTA_PUBLICADA']);
  });

  it('a second acopio of the same acta is refused and the first stays intact', async () => {
    const acta = nuevaActa();
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    const otro = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: acta.casilla.catd });
    const r = await api.acopio(otro.token, acta.claveActa, 'I').expect(409);
    expect(r.body.codigo).toBe('ACTA_YA_ACOPIADA');
    expect(r.body.mensaje).toMatch(/ya fue acopiada/);
    const d = await api.detalle(p.coord.token, acta.claveActa).expect(200);
    expect(d.body.acopio).toMatchObject({ usuario: p.acopiador.nombreUsuario, catd: acta.casilla.catd, mecanismoTraslado: 'F' });
    expectCadenaCompleta(await bitacoraDeActa(acta.claveActa), ['ACTA_ACOPIADA']);
  });

  it('the same capturista cannot capture an acta twice: the inbox never offers it and the workflow refuses it', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const datos = votos(acta, 'repetido');
    await api.tomarYCapturar(p.cap1.token, acta.claveActa, datos, 201);
    await api.tomar(p.cap1.token, 'CAPTURA', acta.claveActa).expect(204);
    const viaApi = await api.capturar(p.cap1.token, acta.claveActa, datos).expect(409);
    expect(viaApi.body.codigo).toBe('TAREA_NO_TOMADA');
    // Straight to Temporal, past the API's checks: the workflow's validator refuses it.
    const handle = h.app.get(TemporalService).client.workflow.getHandle(acta.claveActa);
    await expect(
      handle.executeUpdate(capturarUpdate, {
        args: [
          { comando: { tipo: 'CAPTURA', usuario: p.cap1.nombreUsuario, fechaHora: new Date().toISOString(), valores: datos }, rolesUsuario: ['capturista'] },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'RechazoActa', details: [expect.objectContaining({ codigo: 'CAPTURISTA_REPETIDO' })] } });
    const d = await api.detalle(p.coord.token, acta.claveActa).expect(200);
    expect(d.body).toMatchObject({ fase: 'EN_CAPTURA', capturasRegistradas: 1, entradasBitacora: 3 });
  });

  it('a capturista cannot verify an acta they captured, even holding the verificador role', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const datos = votos(acta, 'autoverifica');
    await dobleCaptura(acta, datos, datos, [p.capver, p.cap2]);
    await api.tomar(p.capver.token, 'VERIFICACION', acta.claveActa).expect(204);
    const handle = h.app.get(TemporalService).client.workflow.getHandle(acta.claveActa);
    await expect(
      handle.executeUpdate(verificarUpdate, {
        args: [
          {
            comando: { tipo: 'VERIFICACION', usuario: p.capver.nombreUsuario, fechaHora: new Date().toISOString(), decision: 'CONFIRMAR' },
            rolesUsuario: ['verificador'],
          },
        ],
      }),
    ).rejects.toMatchObject({ cause: { details: [expect.objectContaining({ codigo: 'VERIFICADOR_CAPTURO', status: 403 })] } });
    const d = await api.detalle(p.ver1.token, acta.claveActa).expect(200);
    expect(d.body.fase).toBe('EN_VERIFICACION');
  });

  it('three returns escalate the acta to its CATD coordinador, who decides it', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const datos = votos(acta, 'escalada');
    for (let i = 0; i < 3; i++) {
      await dobleCaptura(acta, datos, datos);
      const r = await api.tomarYVerificar(p.ver1.token, acta.claveActa, { decision: 'DEVOLVER', motivo: `dudas ${i + 1}` }, 200);
      expect(r.body.fase).toBe(i < 2 ? 'EN_CAPTURA' : 'ESCALADA');
    }
    const lista = await api.listar(p.coord.token, { fase: 'ESCALADA' }).expect(200);
    expect(lista.body.actas.map((a: { claveActa: string }) => a.claveActa)).toContain(acta.claveActa);
    await api.tomar(p.ver2.token, 'DECISION_COORDINADOR').expect(403);
    const r = await api.tomarYVerificar(
      p.coord.token,
      acta.claveActa,
      { decision: 'CORREGIR', valores: datos, motivo: 'revisado contra el acta física' },
      200,
      'DECISION_COORDINADOR',
    );
    expect(r.body.fase).toBe('PUBLICADA');
    const eventos = await bitacoraDeActa(acta.claveActa);
    expect(eventos.map((e) => e.tipo)).toContain('ACTA_ESCALADA');
    expect(eventos[eventos.length - 1]).toMatchObject({ tipo: 'ACTA_PUBLICADA', usuario: p.coord.nombreUsuario });
  });

  it('refuses a wrong role with 403 and malformed input with 400 naming the field', async () => {
    const rol = await api.acopio(p.cap1.token, nuevaActa().claveActa).expect(403);
    expect(rol.body.codigo).toBe('SIN_PERMISO');
    const clave = await api.acopio(p.acopiador.token, 'abc').expect(400);
    expect(clave.body.codigo).toBe('ENTRADA_INVALIDA');
    expect(clave.body.errores[0].campo).toBe('claveActa');
    const extra = await request(h.app.getHttpServer())
      .post('/actas/acopio')
      .set(claveNueva())
      .set('Authorization', `Bearer ${p.acopiador.token}`)
      .send({ claveActa: actas[0].claveActa, mecanismoTraslado: 'F', hackeo: 1 })
      .expect(400);
    expect(extra.body.errores.map((e: { campo: string }) => e.campo)).toContain('hackeo');

    const acta = nuevaActa();
    await hastaCaptura(acta);
    await api.tomar(p.cap1.token, 'CAPTURA', acta.claveActa).expect(200);
    const sinValores = await api.capturar(p.cap1.token, acta.claveActa, undefined).expect(400);
    expect(sinValores.body.errores[0].campo).toBe('valores');
    const campoRaro = await api.capturar(p.cap1.token, acta.claveActa, { ...votos(acta, 'x'), PARTIDO_FANTASMA: 3 }).expect(422);
    expect(campoRaro.body.codigo).toBe('CAPTURA_INVALIDA');
    expect(JSON.stringify(campoRaro.body.errores)).toContain('PARTIDO_FANTASMA');
    const noImagen = await api.digitalizar(p.digitalizador.token, acta.claveActa, Buffer.from('<html>no soy un acta</html>')).expect(415);
    expect(noImagen.body.codigo).toBe('IMAGEN_NO_SOPORTADA');
  });

  it('two clients claiming at once never get the same task, nor both captures of one acta', async () => {
    const lote = [nuevaActa(), nuevaActa(), nuevaActa(), nuevaActa()];
    for (const acta of lote) await hastaCaptura(acta);
    const capturistas = await Promise.all(Array.from({ length: 8 }, () => crearUsuarioConToken(h.app, { roles: ['capturista'] })));
    const tomas = await Promise.all(capturistas.map((c) => api.tomar(c.token, 'CAPTURA')));
    const tareas = tomas.filter((t) => t.status === 200).map((t) => t.body.tarea);
    expect(tareas.length).toBe(8);
    expect(new Set(tareas.map((t) => t.id)).size).toBe(tareas.length);
    const porActa = new Map<string, number>();
    for (const t of tareas) porActa.set(`${t.claveActa}/${t.slot}`, (porActa.get(`${t.claveActa}/${t.slot}`) ?? 0) + 1);
    expect([...porActa.values()].every((n) => n === 1)).toBe(true);
  });

  it('an expired lease returns the task to the queue; the old holder can no longer submit', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const primero = await api.tomar(p.cap2.token, 'CAPTURA', acta.claveActa).expect(200);
    const em = h.app.get(EntityManager).fork();
    await em.execute(`update tarea set lease_hasta = now() - interval '1 second' where id = ?`, [primero.body.tarea.id]);
    const segundo = await crearUsuarioConToken(h.app, { roles: ['capturista'] });
    const otra = await api.tomar(segundo.token, 'CAPTURA', acta.claveActa).expect(200);
    expect(otra.body.tarea.id).toBe(primero.body.tarea.id);
    const tarde = await api.capturar(p.cap2.token, acta.claveActa, votos(acta, 'tarde')).expect(409);
    expect(tarde.body.codigo).toBe('TAREA_NO_TOMADA');
    const eventos = await em.execute(`select tipo, usuario from tarea_evento where tarea_id = ? order by id`, [primero.body.tarea.id]);
    expect(eventos).toEqual([
      { tipo: 'TOMADA', usuario: p.cap2.nombreUsuario },
      { tipo: 'EXPIRADA', usuario: p.cap2.nombreUsuario },
      { tipo: 'TOMADA', usuario: segundo.nombreUsuario },
    ]);
  });

  it('an acta idle past the policy time is flagged atorada without losing its place', async () => {
    const acta = nuevaActa();
    await api.acopio(p.acopiador.token, acta.claveActa).expect(201);
    let atorada = false;
    for (let i = 0; i < 40 && !atorada; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const l = await api.listar(p.coord.token, { atorada: 'true', fase: 'ACOPIADA' }).expect(200);
      atorada = l.body.actas.some((a: { claveActa: string }) => a.claveActa === acta.claveActa);
    }
    expect(atorada).toBe(true);
    const d = await api.detalle(p.coord.token, acta.claveActa).expect(200);
    expect(d.body).toMatchObject({ fase: 'ACOPIADA', atorada: true });
    await api.digitalizar(p.digitalizador.token, acta.claveActa).expect(201);
    const despues = await api.detalle(p.coord.token, acta.claveActa).expect(200);
    expect(despues.body).toMatchObject({ fase: 'EN_CAPTURA', atorada: false });
  });

  it('a coordinador sees only their own CATD', async () => {
    const ajeno = await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: otroCatd });
    const r = await api.detalle(ajeno.token, actas[0].claveActa).expect(403);
    expect(r.body.codigo).toBe('FUERA_DE_SU_CATD');
    // Other test files may have actas in that CATD: the list holds only those, never this file's.
    const l = await api.listar(ajeno.token, {}).expect(200);
    expect(l.body.actas.every((a: { catd: string }) => a.catd === otroCatd)).toBe(true);
    expect(l.body.actas.some((a: { claveActa: string }) => a.claveActa === actas[0].claveActa)).toBe(false);
  });
});
