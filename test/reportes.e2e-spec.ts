import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { EntityManager } from '@mikro-orm/postgresql';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import type { EventoActaEnBitacora } from '@prep/audit';
import { carpetaDeDatosPropia, Harness, startHarness } from './support/harness';
import { crearUsuarioConToken, hacerPuestaEnCeros } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, esperar, jpegDePrueba } from './support/actas';
import { claveNueva } from './support/idempotencia';

const FIGURAS = ['acopiadas', 'digitalizadas', 'capturadas', 'verificadas', 'publicadas', 'contabilizadas'] as const;
type Figura = (typeof FIGURAS)[number];

/** What one acta's bitácora says it reached, by the same definitions the report prints. */
function alcanzadoSegunBitacora(eventos: EventoActaEnBitacora[]): Record<Figura, boolean> {
  const hay = (t: string) => eventos.some((e) => e.tipo === t);
  const publicada = eventos.find((e) => e.tipo === 'ACTA_PUBLICADA');
  return {
    acopiadas: hay('ACTA_ACOPIADA'),
    digitalizadas: hay('IMAGEN_DIGITALIZADA'),
    capturadas: hay('CAPTURAS_COMPARADAS'),
    verificadas: hay('ACTA_VERIFICADA'),
    publicadas: eventos.at(-1)?.faseNueva === 'PUBLICADA',
    contabilizadas: (publicada?.datos as { contabilizada?: number } | undefined)?.contabilizada === 1,
  };
}

/**
 * The COTAPREP reports on the real stack: actas driven to different phases through the API, then
 * the Avance figures compared with what the test did and with each acta's bitácora.
 */
describe('reportes para el COTAPREP', () => {
  let h: Harness;
  let api: ClienteApi;
  let actas: ActaDelCatalogo[];
  let totalCasillas: number;
  let tiposActa: string[];
  let catd: string;
  const t: Record<string, string> = {};
  /** What the test itself did to each acta: the last step reached. */
  const plan: { acta: ActaDelCatalogo; hasta: 'foto' | 'acopio' | 'digitalizacion' | 'captura' | 'publicacion' }[] = [];
  const dataDir = carpetaDeDatosPropia('reportes');
  const http = () => request(h.app.getHttpServer());
  const get = (ruta: string, token?: string) => (token ? http().get(ruta).set('Authorization', `Bearer ${token}`) : http().get(ruta));

  beforeAll(async () => {
    h = await startHarness({ env: { PREP_DATA_DIR: dataDir } });
    api = new ClienteApi(h.app);
    const cat = await cargarCatalogoDePrueba(h.app, { idEntidad: 13, semilla: 77, casillas: 16, municipios: 2 });
    totalCasillas = cat.catalogo.casillas.length;
    tiposActa = cat.catalogo.elecciones.map((e) => e.tipoActa).sort();
    catd = cat.actas[0].casilla.catd;
    actas = cat.actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S');
    const roles = {
      aco: ['acopiador'],
      dig: ['digitalizador'],
      c1: ['capturista'],
      c2: ['capturista'],
      ver: ['verificador'],
      coord: ['coordinador'],
      cotaprep: ['cotaprep'],
      admin: ['administrador'],
    } as const;
    for (const [n, r] of Object.entries(roles))
      t[n] = (await crearUsuarioConToken(h.app, { roles: [...r], catd: n === 'cotaprep' || n === 'admin' ? null : catd })).token;
    t.casilla = (await crearUsuarioConToken(h.app, { roles: ['prep_casilla'] })).token;
    t.otroCoord = (await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: cat.actas.find((a) => a.casilla.catd !== catd)!.casilla.catd })).token;
    // Publication (its final corte is in the report) opens only after the puesta en ceros.
    await hacerPuestaEnCeros(h.app, t.admin);

    const pasos = ['acopio', 'digitalizacion', 'captura', 'publicacion', 'publicacion', 'foto'] as const;
    for (const [i, hasta] of pasos.entries()) {
      const acta = actas[i];
      plan.push({ acta, hasta });
      if (hasta === 'foto') {
        esperar(await api.digitalizar(t.casilla, acta.claveActa, jpegDePrueba(`foto-${i}`), { origen: 'CASILLA', medio: 'MOVIL' }), 201, 'foto de casilla');
        continue;
      }
      esperar(await api.acopio(t.aco, acta.claveActa), 201, 'acopio');
      if (hasta === 'acopio') continue;
      esperar(await api.digitalizar(t.dig, acta.claveActa), 201, 'digitalización');
      if (hasta === 'digitalizacion') continue;
      const datos = generarCaptura(acta.claveActa, acta.casilla, acta.eleccion.columnasVoto);
      await api.tomarYCapturar(t.c1, acta.claveActa, datos);
      await api.tomarYCapturar(t.c2, acta.claveActa, datos);
      if (hasta === 'captura') continue;
      await api.tomarYVerificar(t.ver, acta.claveActa, { decision: 'CONFIRMAR' });
    }
    // One corte: opening and at once closing publication publishes the final corte.
    esperar(await http().post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${t.admin}`), 201, 'apertura');
    esperar(await http().post('/publicacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${t.admin}`), 200, 'cierre');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Avance: each figure equals what the test did and what every acta’s bitácora records', async () => {
    const r = esperar(await get('/reportes/avance', t.cotaprep), 200, 'avance').body;
    const tipos = tiposActa;
    expect(r.elecciones.map((e: { tipoActa: string }) => e.tipoActa)).toEqual(tipos);

    const orden = ['foto', 'acopio', 'digitalizacion', 'captura', 'publicacion'];
    const llego = (p: (typeof plan)[number], paso: string) => orden.indexOf(p.hasta) >= orden.indexOf(paso);
    const porPlan: Record<Figura, (p: (typeof plan)[number]) => boolean> = {
      acopiadas: (p) => p.hasta !== 'foto',
      // The casilla photo counts: the acta has an image before its acopio.
      digitalizadas: (p) => p.hasta === 'foto' || llego(p, 'digitalizacion'),
      capturadas: (p) => p.hasta !== 'foto' && llego(p, 'captura'),
      verificadas: (p) => p.hasta === 'publicacion',
      publicadas: (p) => p.hasta === 'publicacion',
      contabilizadas: (p) => p.hasta === 'publicacion',
    };
    const bitacoras = new Map<string, Record<Figura, boolean>>();
    for (const p of plan) bitacoras.set(p.acta.claveActa, alcanzadoSegunBitacora(await bitacoraDeActa(p.acta.claveActa)));

    for (const e of r.elecciones) {
      const deEsta = plan.filter((p) => p.acta.eleccion.tipoActa === e.tipoActa);
      expect(e.esperadas).toBe(totalCasillas);
      for (const f of FIGURAS) {
        const segunTest = deEsta.filter(porPlan[f]).length;
        const segunBitacora = deEsta.filter((p) => bitacoras.get(p.acta.claveActa)![f]).length;
        expect({ tipoActa: e.tipoActa, f, valor: e[f] }).toEqual({ tipoActa: e.tipoActa, f, valor: segunTest });
        expect(segunBitacora).toBe(segunTest);
      }
    }
    expect(r.totales.publicadas).toBe(2);
    expect(r.totales.acopiadas).toBe(5);
    expect(r.totales.digitalizadas).toBe(5);
    expect(r.definiciones.map((d: { figura: string }) => d.figura)).toEqual(expect.arrayContaining(['digitalizadas', 'capturadas']));

    // The corte of the window: as the corte table holds it, the final one carrying both published actas.
    const filas = await h.app.get(EntityManager).fork().getConnection().execute<{ numero: number }[]>('select numero from corte order by numero');
    expect(r.cortes.map((c: { numero: number }) => c.numero)).toEqual(filas.map((f) => f.numero));
    expect(r.cortes.at(-1)).toMatchObject({ final: true, actas: 2, estado: 'PUBLICADO' });
    expect(Date.parse(r.cortes.at(-1).instante)).not.toBeNaN();
  });

  it('Avance as CSV (UTF-8 with BOM) parses to the JSON figures; as HTML it is one page with its sections and an SVG chart', async () => {
    const json = (await get('/reportes/avance', t.coord).expect(200)).body;
    const csv = await get('/reportes/avance?formato=csv', t.cotaprep)
      .buffer(true)
      .parse((res, cb) => {
        const trozos: Buffer[] = [];
        res.on('data', (x: Buffer) => trozos.push(x));
        res.on('end', () => cb(null, Buffer.concat(trozos)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const filas: string[][] = parse(bytes.subarray(3).toString('utf8'));
    const cab = filas[0];
    for (const e of json.elecciones) {
      const fila = filas.find((f) => f[0] === e.tipoActa)!;
      expect(fila[cab.indexOf('ELECCION')]).toBe(e.nombre);
      for (const f of FIGURAS) expect(Number(fila[cab.indexOf(f.toUpperCase())])).toBe(e[f]);
    }
    expect(filas.at(-1)![0]).toBe('TOTAL');

    const html = await get('/reportes/avance?formato=html', t.admin).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    const pagina = html.text;
    for (const id of ['elecciones', 'grafica', 'cortes', 'definiciones']) expect(pagina).toContain(`<section id="${id}">`);
    expect(pagina).toMatch(/<svg[^>]*>/);
    expect(pagina).not.toMatch(/<script/i);
    expect(pagina).toContain('Qué cuenta cada cifra');
    fs.writeFileSync(path.join(os.tmpdir(), 'reporte-avance.html'), pagina);
  });

  it('Por CATD: backlog per phase and the oldest acta waiting; a coordinador sees only their CATD', async () => {
    const todos = (await get('/reportes/catd', t.cotaprep).expect(200)).body;
    expect(todos.alcance).toBeNull();
    const fila = todos.catds.find((c: { catd: string }) => c.catd === catd);
    expect(fila).toMatchObject({ publicadas: 2, pendientes: { ACOPIADA: 1, EN_CAPTURA: 1, EN_VERIFICACION: 1, ESCALADA: 0 }, totalPendientes: 3 });
    // The first acta acopiada is still waiting: it is the oldest.
    expect(fila.masAntigua).toMatchObject({ claveActa: plan[0].acta.claveActa, fase: 'ACOPIADA' });
    expect(fila.minutosEsperaMasAntigua).toBeGreaterThanOrEqual(0);

    const suyo = (await get('/reportes/catd', t.coord).expect(200)).body;
    expect(suyo.alcance).toBe(catd);
    expect(suyo.catds.map((c: { catd: string }) => c.catd)).toEqual([catd]);
    const otro = (await get('/reportes/catd', t.otroCoord).expect(200)).body;
    expect(otro.catds).toEqual([]);

    const csv = await get('/reportes/catd?formato=csv', t.coord).expect(200);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const filas: string[][] = parse(csv.text.slice(1));
    expect(filas.map((f) => f[0])).toEqual(['CATD', catd]);
    const html = (await get('/reportes/catd?formato=html', t.cotaprep).expect(200)).text;
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain(plan[0].acta.claveActa);
    expect(html).not.toMatch(/<script/i);
  });

  it('refuses a role without access (403), no token (401) and an unknown formato (400)', async () => {
    for (const ruta of ['/reportes/avance', '/reportes/catd']) {
      expect((await get(ruta, t.c1).expect(403)).body.codigo).toBeDefined();
      await get(ruta).expect(401);
    }
    const r = await get('/reportes/avance?formato=xlsx', t.cotaprep).expect(400);
    expect(r.body).toMatchObject({ codigo: 'FORMATO_INVALIDO' });
    expect(r.body.mensaje).toContain('formato=csv');
  });
});
