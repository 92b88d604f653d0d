import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { Browser } from 'puppeteer-core';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { construirInforme, htmlInforme, REPORTES_DEL_INFORME, type ReporteObtenido } from '@prep/simulacro';
import { resumenDeEjemplo } from '../libs/simulacro/src/informe-ejemplo';
import { carpetaDeDatosPropia, Harness, startHarness } from './support/harness';
import { crearUsuarioConToken, hacerPuestaEnCeros } from './support/usuarios';
import { cargarCatalogoDePrueba, ClienteApi, esperar, jpegDePrueba } from './support/actas';
import { abrirChromium, revisarPagina, type Esperado } from './support/navegador';
import { claveNueva } from './support/idempotencia';

/** Screenshots for a person to look at; .data/ is ignored by git. */
const CAPTURAS = path.join(__dirname, '..', '.data', 'capturas');

/** What each report's page must show; a report added to REPORTES_DEL_INFORME without an entry here still needs an <h1>, a section and a chart. */
const SECCIONES_REPORTE: Record<string, string[]> = {
  avance: ['elecciones', 'grafica', 'cortes', 'definiciones'],
  catd: ['grafica', 'catd', 'definiciones'],
  tiempos: ['fases', 'noche', 'definiciones'],
  calidad: ['resumen', 'capturistas', 'campos', 'verificaciones', 'observaciones', 'definiciones'],
  operacion: ['alertas', 'atoradas', 'flujos', 'reinicios', 'bitacora', 'compilacion', 'definiciones'],
};

/**
 * The COTAPREP reports and the informe de simulacro as a committee member sees them: each page
 * opened in headless Chromium (the system's, see scripts/services/chromium.ts) must load with no
 * console error and no failed resource, and show its title, sections and charts.
 */
describe('reportes e informe de simulacro en un navegador (headless Chromium)', () => {
  let h: Harness;
  let navegador: Browser;
  let base: string;
  const t: Record<string, string> = {};
  const capturas: string[] = [];
  const dataDir = carpetaDeDatosPropia('navegador');

  beforeAll(async () => {
    // Chromium first: installing it (apt, as root) is the slow part when it is missing.
    navegador = await abrirChromium();
    h = await startHarness({ env: { PREP_DATA_DIR: dataDir } });
    await h.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
    const api = new ClienteApi(h.app);
    // Entidad 7: no other test file uses it (claves are workflow ids in one shared Temporal namespace).
    const cat = await cargarCatalogoDePrueba(h.app, { idEntidad: 7, semilla: 7, casillas: 12, municipios: 2 });
    const catd = cat.actas[0].casilla.catd;
    const actas: ActaDelCatalogo[] = cat.actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S');
    for (const [n, roles] of Object.entries({
      aco: ['acopiador'],
      dig: ['digitalizador'],
      c1: ['capturista'],
      c2: ['capturista'],
      ver: ['verificador'],
    } as const)) {
      t[n] = (await crearUsuarioConToken(h.app, { roles: [...roles], catd })).token;
    }
    t.admin = (await crearUsuarioConToken(h.app, { roles: ['administrador'] })).token;
    t.cotaprep = (await crearUsuarioConToken(h.app, { roles: ['cotaprep'] })).token;
    await hacerPuestaEnCeros(h.app, t.admin);
    esperar(await request(h.app.getHttpServer()).post('/publicacion/apertura').set(claveNueva()).set('Authorization', `Bearer ${t.admin}`), 201, 'apertura');

    // Three actas published, one waiting for verification, one for its image: every chart has bars.
    const hasta = ['publicada', 'publicada', 'publicada', 'captura', 'acopio'] as const;
    for (const [i, paso] of hasta.entries()) {
      const acta = actas[i];
      esperar(await api.acopio(t.aco, acta.claveActa), 201, 'acopio');
      if (paso === 'acopio') continue;
      esperar(await api.digitalizar(t.dig, acta.claveActa, jpegDePrueba(`navegador-${i}`)), 201, 'digitalización');
      const datos = generarCaptura(acta.claveActa, acta.casilla, acta.eleccion.columnasVoto);
      await api.tomarYCapturar(t.c1, acta.claveActa, datos);
      await api.tomarYCapturar(t.c2, acta.claveActa, datos);
      if (paso === 'captura') continue;
      await api.tomarYVerificar(t.ver, acta.claveActa, { decision: 'CONFIRMAR' });
    }
    // Closing publication publishes the final corte: the Avance report lists it.
    esperar(await request(h.app.getHttpServer()).post('/publicacion/cierre').set(claveNueva()).set('Authorization', `Bearer ${t.admin}`), 200, 'cierre');
  }, 600_000);

  afterAll(async () => {
    await navegador?.close();
    await h?.close();
    if (capturas.length) console.log(`Capturas de pantalla (ábralas para revisar cómo se ve):\n${capturas.map((c) => `  ${c}`).join('\n')}`);
  });

  it('the check itself catches a console error, a failed resource, a missing section, no chart and a table past the margin', async () => {
    const rota = path.join(dataDir, 'rota.html');
    fs.writeFileSync(
      rota,
      '<!DOCTYPE html><html lang="es"><body><p>sin título</p><img src="falta.png"><script>console.error("algo falló")</script><section id="otra"><h2>Otra</h2><div style="width:300px"><table style="width:900px"><tr><td>ancha</td></tr></table></div></section></body></html>',
    );
    const r = await revisarPagina(navegador, `file://${rota}`, { secciones: ['grafica'], graficas: 1 }, path.join(dataDir, 'rota.png'));
    expect(r.problemas).toEqual(
      expect.arrayContaining([
        'error en la consola: algo falló',
        expect.stringMatching(/^no cargó file:\/\/.*falta\.png: net::ERR_FILE_NOT_FOUND$/),
        'falta el <h1>',
        'falta la sección #grafica',
        'se esperaban al menos 1 gráficas <svg> y hay 0',
        'se sale del margen: table en div',
      ]),
    );
  });

  it.each([...REPORTES_DEL_INFORME])('the %s report, served by the API to the cotaprep user, renders cleanly with its sections and charts', async (nombre) => {
    const esperado: Esperado = { secciones: SECCIONES_REPORTE[nombre] ?? [], graficas: 1 };
    const captura = path.join(CAPTURAS, `reporte-${nombre}.png`);
    // The token goes as a header through DevTools, so the page is exactly what the API serves.
    const r = await revisarPagina(navegador, `${base}/reportes/${nombre}?formato=html`, esperado, captura, { Authorization: `Bearer ${t.cotaprep}` });
    capturas.push(captura);
    expect(r.problemas).toEqual([]);
    expect(r.secciones.length).toBeGreaterThan(0);
    expect(fs.statSync(captura).size).toBeGreaterThan(10_000);
  });

  it('the informe de simulacro, rendered from a fixture with this API’s own reports, renders cleanly with every section and chart', async () => {
    const reportes: ReporteObtenido[] = [];
    for (const nombre of REPORTES_DEL_INFORME) {
      const ruta = `/reportes/${nombre}?formato=json`;
      const res = await request(h.app.getHttpServer()).get(ruta).set('Authorization', `Bearer ${t.cotaprep}`).expect(200);
      reportes.push({ nombre, ruta, datos: res.body, error: null });
    }
    const informe = construirInforme({ resumen: resumenDeEjemplo(), reportes, generadoEn: new Date(), zonaPublicacion: 'UTC-6' });
    fs.mkdirSync(CAPTURAS, { recursive: true });
    const archivo = path.join(CAPTURAS, 'informe-simulacro.html');
    fs.writeFileSync(archivo, htmlInforme(informe));
    const captura = path.join(CAPTURAS, 'informe-simulacro.png');
    const secciones = [
      'resultado',
      'metas',
      'parametros',
      'realidades',
      'integridad',
      'tiempos',
      'operacion',
      'archivos',
      ...REPORTES_DEL_INFORME.map((n) => `reporte-${n}`),
      ...REPORTES_DEL_INFORME.flatMap((n) => (SECCIONES_REPORTE[n] ?? []).map((s) => `${n}-${s}`)),
    ];
    // Its own two charts (realities, staff times) plus the reports' (a report without its own renderer in
    // libs/simulacro/src/informe-reportes.ts shows tables only, so count one report chart at least).
    const r = await revisarPagina(navegador, `file://${archivo}`, { secciones, graficas: 3 }, captura);
    capturas.push(captura);
    expect(r.problemas).toEqual([]);
    expect(r.titulo).toBe('Informe del simulacro');
  });
});
