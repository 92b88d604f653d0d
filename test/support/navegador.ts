import * as fs from 'node:fs';
import * as path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { asegurarChromium } from '../../scripts/services/chromium';

/**
 * Opens a page in headless Chromium as a committee member would and lists what is wrong with it:
 * console errors, uncaught exceptions, resources that failed or answered ≥ 400, a missing <h1>,
 * section or SVG chart, a chart drawn with no size, and a page wider than the window (an
 * overflowing table). Saves a full-page PNG. Driven by puppeteer-core on the system Chromium
 * (scripts/services/chromium.ts installs it): console and network events come from DevTools.
 */
export const ANCHO_VENTANA = 1280;

// The page's DOM as used inside page.evaluate (it runs in Chromium; the project compiles without lib.dom).
interface ElementoDom {
  id: string;
  tagName: string;
  textContent: string | null;
  parentElement: ElementoDom | null;
  querySelector(selector: string): ElementoDom | null;
  getBoundingClientRect(): { width: number; height: number; right: number };
}
declare function getComputedStyle(e: ElementoDom): { overflowX: string };
declare const document: {
  documentElement: { lang: string; scrollWidth: number };
  querySelector(selector: string): ElementoDom | null;
  querySelectorAll(selector: string): Iterable<ElementoDom>;
};

export async function abrirChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: asegurarChromium(),
    headless: true,
    // Root (CI) cannot use Chromium's sandbox, and containers often lack its namespaces; the pages are our own.
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
}

export interface Esperado {
  /** ids of the <section>s the page must have. */
  secciones: string[];
  /** Minimum number of <svg> charts. */
  graficas: number;
}

export interface Revision {
  problemas: string[];
  titulo: string;
  secciones: string[];
  graficas: number;
  captura: string;
}

export async function revisarPagina(
  navegador: Browser,
  url: string,
  esperado: Esperado,
  captura: string,
  cabeceras: Record<string, string> = {},
): Promise<Revision> {
  const problemas: string[] = [];
  const pagina = await navegador.newPage();
  try {
    await pagina.setViewport({ width: ANCHO_VENTANA, height: 900 });
    await pagina.setExtraHTTPHeaders(cabeceras);
    pagina.on('console', (m) => {
      if (m.type() === 'error') problemas.push(`error en la consola: ${m.text()}`);
    });
    pagina.on('pageerror', (err) => problemas.push(`excepción en la página: ${err instanceof Error ? err.message : String(err)}`));
    pagina.on('requestfailed', (r) => problemas.push(`no cargó ${r.url()}: ${r.failure()?.errorText ?? '?'}`));
    pagina.on('response', (r) => {
      if (r.status() >= 400) problemas.push(`HTTP ${r.status()} al cargar ${r.url()}`);
    });
    const res = await pagina.goto(url, { waitUntil: 'load' });
    if (res && !res.ok() && !url.startsWith('file:')) problemas.push(`la página respondió HTTP ${res.status()}`);
    const dom = await pagina.evaluate(() => ({
      lang: document.documentElement.lang,
      titulo: document.querySelector('h1')?.textContent?.trim() ?? '',
      secciones: [...document.querySelectorAll('section[id]')].map((s) => s.id),
      sinTitulo: [...document.querySelectorAll('section[id]')].filter((s) => !s.querySelector('h2')).map((s) => s.id),
      graficas: [...document.querySelectorAll('svg')].map((s) => {
        const r = s.getBoundingClientRect();
        return { ancho: Math.round(r.width), alto: Math.round(r.height) };
      }),
      anchoDocumento: document.documentElement.scrollWidth,
      // A table or chart wider than the column it sits in spills past the page's margin (unless its box scrolls).
      salidas: [...document.querySelectorAll('table, svg')]
        .filter((x) => {
          const padre = x.parentElement;
          return padre && getComputedStyle(padre).overflowX === 'visible' && x.getBoundingClientRect().right > padre.getBoundingClientRect().right + 1;
        })
        .map((x) => `${x.tagName.toLowerCase()} en ${x.parentElement?.id || x.parentElement?.tagName.toLowerCase()}`),
    }));
    if (dom.lang !== 'es') problemas.push(`<html lang> es '${dom.lang}', no 'es'`);
    if (!dom.titulo) problemas.push('falta el <h1>');
    for (const id of esperado.secciones) if (!dom.secciones.includes(id)) problemas.push(`falta la sección #${id}`);
    for (const id of dom.sinTitulo) problemas.push(`la sección #${id} no tiene <h2>`);
    if (dom.graficas.length < esperado.graficas) problemas.push(`se esperaban al menos ${esperado.graficas} gráficas <svg> y hay ${dom.graficas.length}`);
    dom.graficas.forEach((g, i) => {
      if (g.ancho < 100 || g.alto < 100) problemas.push(`la gráfica ${i + 1} se dibuja de ${g.ancho}×${g.alto} px`);
    });
    for (const x of dom.salidas) problemas.push(`se sale del margen: ${x}`);
    if (dom.anchoDocumento > ANCHO_VENTANA) problemas.push(`la página mide ${dom.anchoDocumento} px de ancho en una ventana de ${ANCHO_VENTANA} px`);
    fs.mkdirSync(path.dirname(captura), { recursive: true });
    await pagina.screenshot({ path: captura as `${string}.png`, fullPage: true });
    return { problemas, titulo: dom.titulo, secciones: dom.secciones, graficas: dom.graficas.length, captura };
  } finally {
    await pagina.close();
  }
}
