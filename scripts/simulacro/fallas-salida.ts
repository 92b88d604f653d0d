import * as fs from 'node:fs';
import * as path from 'node:path';
import { construirInformeFallas, FALLAS, tablaFallas, type NombreFalla, type ReporteFalla, type ResumenSimulacro } from '@prep/simulacro';
import { ErrorDeUso } from '../cli';

/** `--solo a,b`: the drills to run (all by default), checked against the known names. */
export function listaDeFallas(solo: string | undefined): NombreFalla[] {
  if (solo === undefined) return [...FALLAS];
  const pedidas = solo
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const desconocidas = pedidas.filter((x) => !(FALLAS as readonly string[]).includes(x));
  if (desconocidas.length || !pedidas.length) throw new ErrorDeUso(`--solo: falla desconocida '${desconocidas.join(', ')}'; use: ${FALLAS.join(', ')}`);
  return pedidas as NombreFalla[];
}

/** Writes fallas.json beside resumen.json and returns the Spanish table for the terminal. */
export function escribirFallas(dir: string, reportes: ReporteFalla[], resumen: ResumenSimulacro): string {
  const informe = construirInformeFallas(reportes, resumen.verificacion, resumen.comprobacion);
  const ruta = path.join(dir, 'fallas.json');
  fs.writeFileSync(ruta, `${JSON.stringify(informe, null, 2)}\n`);
  return `${tablaFallas(informe)}  Informe de fallas (JSON): ${ruta}\n`;
}
