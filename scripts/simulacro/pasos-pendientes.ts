import type { ResultadoPaso } from '@prep/simulacro';
import { ErrorHttp, type ClienteHttp } from './http';

/**
 * Steps of the night that live in other parts of the API (puesta en ceros, publication window). Each
 * calls its endpoint and, while the API answers 404 (not merged yet), says in Spanish that the
 * step is skipped (an API of an older build).
 */
export type { ResultadoPaso };

async function paso(http: ClienteHttp, token: string, nombre: string, ruta: string, cuerpo: unknown, log: (m: string) => void): Promise<ResultadoPaso> {
  try {
    const r = await http.pedir(nombre, 'POST', ruta, { token, json: cuerpo, esperados: [404] });
    if (r.status === 404) {
      log(`${nombre}: se omite (la API aún no tiene POST ${ruta})`);
      return { paso: nombre, hecho: false, detalle: `omitido: POST ${ruta} no existe aún` };
    }
    log(`${nombre}: hecho (HTTP ${r.status})`);
    return { paso: nombre, hecho: true, detalle: `HTTP ${r.status}` };
  } catch (err) {
    const detalle = err instanceof ErrorHttp ? `HTTP ${err.status}: ${JSON.stringify(err.cuerpo).slice(0, 200)}` : String(err);
    log(`${nombre}: falló (${detalle})`);
    return { paso: nombre, hecho: false, detalle: `falló: ${detalle}` };
  }
}

/**
 * Before the first acopio: the PREP shows its databases hold no results (DOMAIN.md "Puesta en
 * ceros"), witnessed by an auditor account (accounts may exist; actas and tareas may not).
 */
export function pasoPuestaEnCeros(http: ClienteHttp, tokenAdmin: string, testigoAuditor: string, log: (m: string) => void): Promise<ResultadoPaso> {
  return paso(http, tokenAdmin, 'puesta en ceros', '/puesta-en-ceros', { testigoAuditor, notario: 'Notaría del simulacro' }, log);
}

/** Publication opens (cortes begin, at least 3 per hour). */
export function pasoAbrirPublicacion(http: ClienteHttp, tokenAdmin: string, log: (m: string) => void): Promise<ResultadoPaso> {
  return paso(http, tokenAdmin, 'apertura de la publicación', '/publicacion/apertura', {}, log);
}

/** Publication closes after the cierre de la operación (the final corte). */
export function pasoCerrarPublicacion(http: ClienteHttp, tokenAdmin: string, log: (m: string) => void): Promise<ResultadoPaso> {
  return paso(http, tokenAdmin, 'cierre de la publicación', '/publicacion/cierre', {}, log);
}
