import request from 'supertest';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { SA_CATD } from '@prep/workflows/search-attributes';
import { TemporalService } from '@prep/api';
import { UsuariosService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { CONTRASENA_PRUEBA, crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, expectCadenaCompleta } from './support/actas';
import { claveNueva } from './support/idempotencia';

type Persona = { id: string; nombreUsuario: string; token: string };

const JORNADA = '2026-01-04T08:00:00-06:00';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Acopio bound to the catálogo's CATD, its time bounds, claves that cannot be of this PREP, accounts
 * in CATD the catálogo lacks, and the correction of an acta received in the wrong CATD.
 * Entidad 21 (no other test file uses it). Two harnesses: the default policy, then the permissive one.
 */
describe('acopio and the CATD of the catálogo', () => {
  let actas: ActaDelCatalogo[];
  /** Three CATD of the catálogo, each with actas: A (the acta's), B (the wrong one), C (a third). */
  let A: string, B: string, C: string;
  let siguiente = 0;
  /** A fresh acta of CATD A that is not a casilla especial. */
  const nuevaActaDeA = () => {
    const a = actas.filter((x) => x.casilla.catd === A && x.casilla.tipo !== 'S')[siguiente++];
    if (!a) throw new Error('el catálogo de prueba se quedó sin actas');
    return a;
  };

  async function cargar(h: Harness) {
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 21, semilla: 53, casillas: 90 }));
    const porCatd = [...new Set(actas.map((a) => a.casilla.catd))];
    [A, B, C] = porCatd;
    if (!C) throw new Error('el catálogo de prueba necesita tres CATD con casillas');
  }

  describe('with the default policy (acta of another CATD refused)', () => {
    let h: Harness;
    let api: ClienteApi;
    let acoA: Persona, acoB: Persona, coordA: Persona, admin: Persona;
    const acopiar = (p: Persona, cuerpo: Record<string, unknown>) =>
      request(h.app.getHttpServer())
        .post('/actas/acopio')
        .set(claveNueva())
        .set(bearer(p.token))
        .send({ mecanismoTraslado: 'F', ...cuerpo });

    beforeAll(async () => {
      process.env.PREP_POLITICA = JSON.stringify({ inicioJornada: JORNADA });
      h = await startHarness();
      api = new ClienteApi(h.app);
      await cargar(h);
      acoA = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: A });
      acoB = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: B });
      coordA = await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: A });
      admin = await crearUsuarioConToken(h.app, { roles: ['administrador', 'auditor'] });
    });
    afterAll(async () => {
      await h?.close();
    });

    it("refuses an acta of another CATD naming the right one, records nothing, and the right CATD's acopio still works", async () => {
      const acta = nuevaActaDeA();
      const r = await acopiar(acoB, { claveActa: acta.claveActa }).expect(422);
      expect(r.body.codigo).toBe('ACTA_DE_OTRO_CATD');
      expect(r.body.mensaje).toContain(`corresponde al CATD ${A}, no a su CATD ${B}`);
      await api.detalle(admin.token, acta.claveActa).expect(404);
      expect(await bitacoraDeActa(acta.claveActa)).toEqual([]);

      const bien = await acopiar(acoA, { claveActa: acta.claveActa }).expect(201);
      expect(bien.body).toMatchObject({ fase: 'ACOPIADA', fueraDeCatalogo: false });
      const d = await api.detalle(coordA.token, acta.claveActa).expect(200);
      expect(d.body).toMatchObject({ catd: A, acopio: { catd: A, usuario: acoA.nombreUsuario, otroCatd: null }, correccionesCatd: [] });
    });

    it('refuses an acopio stamped in the future (beyond the clock tolerance) or before the jornada opens', async () => {
      const acta = nuevaActaDeA();
      const futura = await acopiar(acoA, { claveActa: acta.claveActa, fechaHora: '2099-12-31T23:59:00-06:00' }).expect(422);
      expect(futura.body.codigo).toBe('FECHA_FUTURA');
      expect(futura.body.mensaje).toMatch(/posterior a la hora del servidor/);
      const diezMinutos = new Date(Date.now() + 10 * 60_000).toISOString();
      expect((await acopiar(acoA, { claveActa: acta.claveActa, fechaHora: diezMinutos }).expect(422)).body.codigo).toBe('FECHA_FUTURA');
      const antes = await acopiar(acoA, { claveActa: acta.claveActa, fechaHora: '2026-01-04T07:59:00-06:00' }).expect(422);
      expect(antes.body.codigo).toBe('FECHA_ANTERIOR_A_JORNADA');
      expect(antes.body.mensaje).toContain(JORNADA);
      await api.detalle(admin.token, acta.claveActa).expect(404);

      // A CATD computer a minute ahead of the server is within the tolerance.
      const unMinuto = new Date(Date.now() + 60_000).toISOString();
      await acopiar(acoA, { claveActa: acta.claveActa, fechaHora: unMinuto }).expect(201);
      expect((await api.detalle(admin.token, acta.claveActa).expect(200)).body.acopio.fechaHora).toBe(unMinuto);
    });

    it('refuses a clave of another entidad or of an election the catálogo lacks; a casilla it lacks is fuera de catálogo in the acopiador CATD', async () => {
      const acta = nuevaActaDeA();
      const otraEntidad = `15${acta.claveActa.slice(2)}`;
      const e = await acopiar(acoA, { claveActa: otraEntidad }).expect(422);
      expect(e.body).toMatchObject({ codigo: 'CLAVE_DE_OTRA_ENTIDAD', mensaje: expect.stringMatching(/entidad 15.*entidad 21/) });
      const sinEleccion = `${acta.claveCasilla}9`;
      const t = await acopiar(acoA, { claveActa: sinEleccion }).expect(422);
      expect(t.body).toMatchObject({ codigo: 'TIPO_ACTA_DESCONOCIDO', mensaje: expect.stringMatching(/tipo de acta 9/) });
      await api.detalle(admin.token, otraEntidad).expect(404);
      await api.detalle(admin.token, sinEleccion).expect(404);

      const fuera = `219999B0100${acta.eleccion.tipoActa}`;
      const f = await acopiar(acoB, { claveActa: fuera }).expect(201);
      expect(f.body.fueraDeCatalogo).toBe(true);
      expect((await api.detalle(admin.token, fuera).expect(200)).body.catd).toBe(B);
    });

    it('refuses an account in a CATD the catálogo lacks, over HTTP and from the CLI', async () => {
      const nuevo = (catd: string) => ({
        nombreUsuario: `acopio.catd.${Math.random().toString(36).slice(2, 8)}`,
        nombreCompleto: 'Persona de prueba',
        contrasena: CONTRASENA_PRUEBA,
        roles: ['acopiador'],
        catd,
      });
      const r = await request(h.app.getHttpServer()).post('/usuarios').set(claveNueva()).set(bearer(admin.token)).send(nuevo('M999')).expect(422);
      expect(r.body.codigo).toBe('CATD_DESCONOCIDO');
      expect(r.body.mensaje).toContain("El CATD 'M999' no existe en el catálogo cargado");
      expect(r.body.mensaje).toContain(A);
      expect(r.body.errores).toEqual([{ campo: 'catd', mensajes: [r.body.mensaje] }]);
      await request(h.app.getHttpServer()).post('/usuarios').set(claveNueva()).set(bearer(admin.token)).send(nuevo(A)).expect(201);

      const cli = await promisify(execFile)(
        process.execPath,
        [
          path.join(__dirname, '..', 'scripts', 'run.js'),
          'scripts/usuarios.ts',
          'crear',
          '--usuario',
          'cli.m999',
          '--nombre',
          'CLI',
          '--roles',
          'acopiador',
          '--catd',
          'M999',
        ],
        { cwd: path.join(__dirname, '..'), env: { ...process.env, PREP_CONTRASENA: CONTRASENA_PRUEBA } },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain("El CATD 'M999' no existe en el catálogo cargado");
      expect(await h.app.get(UsuariosService).buscarPorNombre('cli.m999')).toBeNull();
    });
  });

  describe('with acopioEnOtroCatd = permitir_con_motivo, and the correction of a wrong CATD', () => {
    let h: Harness;
    let api: ClienteApi;
    const p: Record<string, Persona> = {};
    const http = () => request(h.app.getHttpServer());
    const corregir = (quien: Persona, clave: string, cuerpo: Record<string, unknown>) =>
      http().post(`/actas/${clave}/acopio/correccion`).set(claveNueva()).set(bearer(quien.token)).send(cuerpo);

    beforeAll(async () => {
      // maxDevoluciones 0: the first return escalates, so the acta has a coordinador task to move.
      process.env.PREP_POLITICA = JSON.stringify({ acopioEnOtroCatd: 'permitir_con_motivo', maxDevoluciones: 0 });
      // The first describe's actas froze its catálogo: this one loads another on empty databases.
      h = await startHarness({ basesNuevas: true });
      api = new ClienteApi(h.app);
      await cargar(h);
      const personas: [string, string[], string | null][] = [
        ['acoB', ['acopiador'], B],
        ['dig', ['digitalizador'], B],
        ['cap1', ['capturista'], B],
        ['cap2', ['capturista'], B],
        ['ver', ['verificador'], B],
        ['coordA', ['coordinador'], A],
        ['coordB', ['coordinador'], B],
        ['coordC', ['coordinador'], C],
        ['auditor', ['auditor'], null],
      ];
      for (const [nombre, roles, catd] of personas) p[nombre] = await crearUsuarioConToken(h.app, { roles: roles as never, catd });
    });
    afterAll(async () => {
      delete process.env.PREP_POLITICA;
      await h?.close();
    });

    it('an acta of another CATD needs a motivo, which the bitácora records with the acopio', async () => {
      const acta = nuevaActaDeA();
      const sin = await api.acopio(p.acoB.token, acta.claveActa).expect(422);
      expect(sin.body.codigo).toBe('MOTIVO_OTRO_CATD_REQUERIDO');
      expect(sin.body.mensaje).toContain(`CATD ${A}`);
      const motivo = `El CATD ${A} está cerrado por inundación; sus paquetes llegan aquí`;
      await http()
        .post('/actas/acopio')
        .set(claveNueva())
        .set(bearer(p.acoB.token))
        .send({ claveActa: acta.claveActa, mecanismoTraslado: 'F', motivo })
        .expect(201);
      const [acopio] = await bitacoraDeActa(acta.claveActa);
      expect(acopio).toMatchObject({ tipo: 'ACTA_ACOPIADA', usuario: p.acoB.nombreUsuario });
      expect(acopio.datos).toEqual({ catd: B, mecanismoTraslado: 'F', fueraDeCatalogo: false, otroCatd: { catdCatalogo: A, motivo } });
      const d = await api.detalle(p.coordB.token, acta.claveActa).expect(200);
      expect(d.body).toMatchObject({ catd: B, acopio: { catd: B, otroCatd: { catdCatalogo: A, motivo } } });
    });

    it("the right CATD's coordinador moves a wrongly received acta: bitácora, detail, inbox and search attribute follow; others are refused", async () => {
      const acta = nuevaActaDeA();
      const clave = acta.claveActa;
      await http()
        .post('/actas/acopio')
        .set(claveNueva())
        .set(bearer(p.acoB.token))
        .send({ claveActa: clave, mecanismoTraslado: 'F', motivo: 'clave tecleada de otra acta' })
        .expect(201);
      await api.digitalizar(p.dig.token, clave).expect(201);
      const datos = generarCaptura('acopio-catd', acta.casilla, acta.eleccion.columnasVoto);
      await api.tomarYCapturar(p.cap1.token, clave, datos);
      await api.tomarYCapturar(p.cap2.token, clave, datos);
      const esc = await api.tomarYVerificar(p.ver.token, clave, { decision: 'DEVOLVER', motivo: 'imagen de otra casilla' });
      expect(esc.body.fase).toBe('ESCALADA');
      // The escalated acta waits in B's inbox; A's coordinador can neither take it nor see it.
      await api.tomar(p.coordA.token, 'DECISION_COORDINADOR', clave).expect(204);
      expect((await api.detalle(p.coordA.token, clave).expect(403)).body.codigo).toBe('FUERA_DE_SU_CATD');

      const ajeno = await corregir(p.coordC, clave, { catd: A, motivo: 'no es mía pero la muevo' }).expect(403);
      expect(ajeno.body).toMatchObject({ codigo: 'CORRECCION_NO_PERMITIDA', mensaje: expect.stringContaining(`coordinador del CATD ${A}`) });
      const sinMotivo = await corregir(p.coordA, clave, { catd: A, motivo: ' ' }).expect(400);
      expect(sinMotivo.body.codigo).toBe('ENTRADA_INVALIDA');
      expect((await corregir(p.coordA, clave, { catd: 'M999', motivo: 'x' }).expect(422)).body.codigo).toBe('CATD_DESCONOCIDO');

      const motivo = `El paquete está en el CATD ${A}; en ${B} se tecleó mal la clave`;
      const ok = await corregir(p.coordA, clave, { catd: A, motivo }).expect(200);
      expect(ok.body).toMatchObject({ claveActa: clave, fase: 'ESCALADA', eventos: ['ACOPIO_CORREGIDO'] });

      const bitacora = await bitacoraDeActa(clave);
      expectCadenaCompleta(bitacora, [
        'ACTA_ACOPIADA',
        'IMAGEN_DIGITALIZADA',
        'CAPTURA_REGISTRADA',
        'CAPTURA_REGISTRADA',
        'CAPTURAS_COMPARADAS',
        'ACTA_ESCALADA',
        'ACOPIO_CORREGIDO',
      ]);
      expect(bitacora[6]).toMatchObject({
        usuario: p.coordA.nombreUsuario,
        faseAnterior: 'ESCALADA',
        faseNueva: 'ESCALADA',
        datos: { catdAnterior: B, catdNuevo: A, motivo, catdCatalogo: A },
      });

      const d = await api.detalle(p.coordA.token, clave).expect(200);
      expect(d.body).toMatchObject({ catd: A, fase: 'ESCALADA', acopio: { catd: B } });
      expect(d.body.correccionesCatd).toEqual([expect.objectContaining({ usuario: p.coordA.nombreUsuario, catdAnterior: B, catdNuevo: A, motivo })]);
      expect((await api.detalle(p.coordB.token, clave).expect(403)).body.codigo).toBe('FUERA_DE_SU_CATD');
      await api.tomar(p.coordB.token, 'DECISION_COORDINADOR', clave).expect(204);
      const tarea = await api.tomar(p.coordA.token, 'DECISION_COORDINADOR', clave).expect(200);
      expect(tarea.body.tarea).toMatchObject({ claveActa: clave, catd: A });

      const wf = await h.app.get(TemporalService).client.workflow.getHandle(clave).describe();
      expect(wf.typedSearchAttributes.get(SA_CATD)).toBe(A);
      expect((await corregir(p.coordA, clave, { catd: A, motivo }).expect(409)).body.codigo).toBe('CATD_SIN_CAMBIO');

      // The auditor's check rebuilds the CATD from the bitácora and agrees with the read model.
      const check = await http().post('/auditoria/verificaciones?pruebas=ninguna').set(bearer(p.auditor.token)).expect(200);
      expect(check.body.hallazgos.filter((x: { claveActa: string }) => x.claveActa === clave)).toEqual([]);
    });
  });
});
