import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { actasEsperadas, DomainError, generarCatalogo, indexarCatalogo, type Catalogo } from '@prep/domain';
import { CasillaRow } from '@prep/persistence';
import { CatalogoInvalidoError, escribirCatalogo, escribirCarpetaCatalogo, leerCarpetaCatalogo } from '@prep/catalogo';
import { CatalogoService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { claveNueva } from './support/idempotencia';

/**
 * The catálogo tables are shared by every test file of a run, so each catálogo here has a seed of
 * its own (its SHA-256 is new to the run) and nothing assumes what was loaded before.
 */
function catalogoDePrueba(semilla: string, casillas: number): Catalogo {
  return generarCatalogo({ semilla, casillas, distritos: 4, municipios: 6, catdsMunicipales: 3 });
}

describe('catálogo: loading and reading through CatalogoService (real PostgreSQL)', () => {
  let h: Harness;
  let servicio: CatalogoService;
  let tmp: string;
  const a = catalogoDePrueba('catalogo-e2e-a', 300);
  const b = catalogoDePrueba('catalogo-e2e-b', 200);

  const casillasEnTabla = () => h.app.get(EntityManager).fork().count(CasillaRow, {});

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    servicio = h.app.get(CatalogoService);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-catalogo-'));
    escribirCarpetaCatalogo(path.join(tmp, 'a'), a);
    escribirCarpetaCatalogo(path.join(tmp, 'b'), b);
  });
  afterAll(async () => {
    await h?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads a catálogo written to a folder: counts, elecciones and CATD as in the files', async () => {
    const r = await servicio.cargar(leerCarpetaCatalogo(path.join(tmp, 'a')), 'prueba-e2e');
    expect(r).toMatchObject({
      sinCambios: false,
      version: a.version,
      entidad: a.entidad,
      totalCasillas: 300,
      totalActasEsperadas: actasEsperadas(a).length,
      distritos: 4,
      municipios: 6,
      catds: a.catds.length,
      cargadoPor: 'prueba-e2e',
    });
    expect(r.elecciones).toEqual(a.elecciones.map((e) => ({ tipoActa: e.tipoActa, nombre: e.nombre, ambito: e.ambito, columnas: e.columnasVoto })));
    expect(await casillasEnTabla()).toBe(300);
    expect(await servicio.actual()).toMatchObject({ sha256: r.sha256, totalCasillas: 300 });
    expect(await servicio.entidad()).toEqual(a.entidad);
    expect(await servicio.contarActasEsperadas()).toBe(600);
  });

  it('loading the same content again changes nothing (sinCambios), even with different whitespace', async () => {
    const antes = await servicio.actual();
    const { json, csv } = escribirCatalogo(a);
    const compacto = JSON.stringify(JSON.parse(json));
    const r = await servicio.cargar({ json: compacto, csv: csv.replace(/\n/g, '\r\n') }, 'otra-persona');
    expect(r.sinCambios).toBe(true);
    expect(r.sha256).toBe(antes!.sha256);
    expect(r.cargadoPor).toBe('prueba-e2e');
    expect((await servicio.actual())!.cargadoEn).toEqual(antes!.cargadoEn);
  });

  it('refuses a malformed CSV whole, with the line, and leaves the current catálogo intact', async () => {
    const antes = await servicio.actual();
    const { json, csv } = escribirCatalogo(b);
    const lineas = csv.split('\n');
    lineas[41] = lineas[41].replace(/,[DM]\d+$/, ',X99'); // line 42: unknown CATD
    const error = await servicio.cargar({ json, csv: lineas.join('\n') }, 'prueba-e2e').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogoInvalidoError);
    expect((error as CatalogoInvalidoError).errores).toEqual(["casillas.csv línea 42: el CATD 'X99' no existe."]);
    expect(await servicio.actual()).toEqual(antes);
    expect(await casillasEnTabla()).toBe(300);
  });

  it('buscarActa: finds an acta of the catálogo, undefined for a casilla it lacks, DomainError for a clave that cannot be of this PREP', async () => {
    const indice = indexarCatalogo(a);
    const [clave, esperada] = [...indice.entries()][137];
    expect(await servicio.buscarActa(clave)).toEqual(esperada);

    const claveCasilla = esperada.claveCasilla;
    const seccionLibre = String(9000).padStart(4, '0');
    expect(await servicio.buscarActa(`${claveCasilla.slice(0, 2)}${seccionLibre}${claveCasilla.slice(6)}${esperada.eleccion.tipoActa}`)).toBeUndefined();
    await expect(servicio.buscarActa(`${claveCasilla}9`)).rejects.toMatchObject({ codigo: 'TIPO_ACTA_DESCONOCIDO', status: 422 });
    await expect(servicio.buscarActa(`15${claveCasilla.slice(2)}${esperada.eleccion.tipoActa}`)).rejects.toMatchObject({
      codigo: 'CLAVE_DE_OTRA_ENTIDAD',
      status: 422,
    });
    await expect(servicio.buscarActa('14-0001-B')).rejects.toBeInstanceOf(DomainError);
    await expect(servicio.buscarActa('14-0001-B')).rejects.toMatchObject({ codigo: 'CLAVE_INVALIDA' });
  });

  it('clavesActasEsperadas lists every casilla × elección once', async () => {
    const claves: string[] = [];
    for await (const c of servicio.clavesActasEsperadas(70)) claves.push(c);
    expect(claves).toHaveLength(600);
    expect(new Set(claves)).toEqual(new Set(actasEsperadas(a).map((x) => x.claveActa)));
  });

  it('a new catálogo replaces the old one (rows it lacks are deleted); going back to the first re-applies it', async () => {
    const rb = await servicio.cargar(leerCarpetaCatalogo(path.join(tmp, 'b')), 'prueba-e2e');
    expect(rb).toMatchObject({ sinCambios: false, totalCasillas: 200 });
    expect(await casillasEnTabla()).toBe(200);
    const soloEnA = actasEsperadas(a).find((x) => !indexarCatalogo(b).has(x.claveActa))!;
    expect(await servicio.buscarActa(soloEnA.claveActa)).toBeUndefined();
    expect(rb.eliminadas.casillas).toBeGreaterThan(0);

    const ra = await servicio.cargar(leerCarpetaCatalogo(path.join(tmp, 'a')), 'prueba-e2e');
    expect(ra).toMatchObject({ sinCambios: false, totalCasillas: 300 });
    expect((await servicio.actual())!.sha256).toBe(ra.sha256);
    expect(await servicio.buscarActa(soloEnA.claveActa)).toBeDefined();
    expect(await casillasEnTabla()).toBe(300);
  });
});

describe('catálogo over HTTP: POST /catalogo and GET /catalogo', () => {
  let h: Harness;
  let http: () => ReturnType<typeof request>;
  let admin: { nombreUsuario: string; token: string };
  let capturista: { token: string };
  const c = catalogoDePrueba('catalogo-e2e-http', 150);
  const archivos = escribirCatalogo(c);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    h = await startHarness({ withWorker: false });
    http = () => request(h.app.getHttpServer());
    admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    capturista = await crearUsuarioConToken(h.app, { roles: ['capturista'] });
  });
  afterAll(async () => {
    await h?.close();
  });

  const subir = (token: string, json: string | Buffer, csv?: string | Buffer) => {
    const req = http().post('/catalogo').set(claveNueva()).set(bearer(token)).attach('catalogo', Buffer.from(json), 'catalogo.json');
    return csv === undefined ? req : req.attach('casillas', Buffer.from(csv), 'casillas.csv');
  };

  it('an administrador loads it: 201 with the summary; the same files again: 200 sinCambios', async () => {
    const res = await subir(admin.token, archivos.json, archivos.csv).expect(201);
    expect(res.body).toMatchObject({
      sinCambios: false,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      totalCasillas: 150,
      totalActasEsperadas: 300,
      entidad: c.entidad,
      cargadoPor: admin.nombreUsuario,
      elecciones: [expect.objectContaining({ tipoActa: c.elecciones[0].tipoActa, columnas: c.elecciones[0].columnasVoto }), expect.anything()],
    });
    const otra = await subir(admin.token, archivos.json, archivos.csv).expect(200);
    expect(otra.body).toMatchObject({ sinCambios: true, sha256: res.body.sha256 });
  });

  it('any authenticated user reads the current summary with GET /catalogo', async () => {
    const res = await http().get('/catalogo').set(bearer(capturista.token)).expect(200);
    expect(res.body).toMatchObject({ totalCasillas: 150, entidad: c.entidad, cargadoEn: expect.any(String) });
    expect(res.body.sinCambios).toBeUndefined();
    await http().get('/catalogo').expect(401);
  });

  it('a malformed file: 422 CATALOGO_INVALIDO with each error under its form field, and nothing changes', async () => {
    const antes = (await http().get('/catalogo').set(bearer(admin.token)).expect(200)).body;
    const doc = JSON.parse(archivos.json);
    doc.catds[0].tipo = 'ESTATAL';
    const csv = archivos.csv.split('\n');
    csv[9] = csv[9].replace(/^\d+,/, 'abc,');
    const res = await subir(admin.token, JSON.stringify(doc), csv.join('\n')).expect(422);
    expect(res.body).toEqual({
      codigo: 'CATALOGO_INVALIDO',
      mensaje: expect.stringMatching(/no se cargó: tiene 2 errores.*No se cambió nada/),
      errores: [
        { campo: 'catalogo', mensajes: [expect.stringMatching(/^catalogo\.json, catds #1: el tipo del CATD '\w+' debe ser DISTRITAL o MUNICIPAL/)] },
        { campo: 'casillas', mensajes: ["casillas.csv línea 10: SECCION debe ser un entero de 1 a 9999 (se recibió 'abc')"] },
      ],
    });
    expect((await http().get('/catalogo').set(bearer(admin.token)).expect(200)).body).toEqual(antes);
  });

  it('400 without the catalogo file, 403 for a role other than administrador', async () => {
    const sin = await http()
      .post('/catalogo')
      .set(claveNueva())
      .set(bearer(admin.token))
      .attach('casillas', Buffer.from(archivos.csv), 'casillas.csv')
      .expect(400);
    expect(sin.body).toEqual({ codigo: 'FALTA_ARCHIVO', mensaje: expect.stringMatching(/Falta el archivo 'catalogo'/) });
    const prohibido = await subir(capturista.token, archivos.json, archivos.csv).expect(403);
    expect(prohibido.body.codigo).toBe('SIN_PERMISO');
  });

  it('is described in the OpenAPI document as multipart/form-data', async () => {
    const res = await http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths['/catalogo'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(res.body.paths['/catalogo'].get).toBeDefined();
  });
});
