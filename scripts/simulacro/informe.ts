import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPORTES_DEL_INFORME, construirInforme, htmlInforme, type ReporteObtenido, type ResumenSimulacro } from '@prep/simulacro';
import { ErrorHttp, type ClienteHttp } from './http';

/**
 * The informe de simulacro's I/O: the COTAPREP reports read from the drill's API at the end, then
 * informe.html and informe.json written next to resumen.json (building and rendering are pure, in
 * libs/simulacro).
 */

/** Each report of REPORTES_DEL_INFORME as JSON, as the cotaprep account; a failure is kept as the report's error (and counted by the client). */
export async function obtenerReportes(http: ClienteHttp, tokenCotaprep: string, nombres: readonly string[] = REPORTES_DEL_INFORME): Promise<ReporteObtenido[]> {
  return Promise.all(
    nombres.map(async (nombre) => {
      const ruta = `/reportes/${nombre}?formato=json`;
      try {
        const r = await http.pedir(`reporte ${nombre}`, 'GET', ruta, { token: tokenCotaprep });
        return { nombre, ruta, datos: r.cuerpo, error: null };
      } catch (err) {
        const error = err instanceof ErrorHttp ? `HTTP ${err.status} ${JSON.stringify(err.cuerpo).slice(0, 200)}` : String(err);
        return { nombre, ruta, datos: null, error };
      }
    }),
  );
}

export const rutasInforme = (dir: string) => ({ informeHtml: path.join(dir, 'informe.html'), informeJson: path.join(dir, 'informe.json') });

/** Writes informe.json and informe.html (the same content) at the paths the summary names. */
export function escribirInforme(resumen: ResumenSimulacro, reportes: ReporteObtenido[], zonaPublicacion: string, generadoEn = new Date()): void {
  const { informeHtml, informeJson } = resumen.rutas;
  if (!informeHtml || !informeJson) throw new Error('el resumen no trae las rutas del informe');
  const informe = construirInforme({ resumen, reportes, generadoEn, zonaPublicacion });
  fs.mkdirSync(path.dirname(informeHtml), { recursive: true });
  fs.writeFileSync(informeJson, `${JSON.stringify(informe, null, 2)}\n`);
  fs.writeFileSync(informeHtml, htmlInforme(informe));
}
