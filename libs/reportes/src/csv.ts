/** The reports as CSV: UTF-8 with BOM (so spreadsheets read the accents), comma separated, CRLF. */
import { stringify } from 'csv-stringify/sync';
import { FIGURAS_AVANCE, type ReporteAvance } from './avance';
import { FASES_PENDIENTES, type ReporteCatd } from './catd';

const BOM = '\uFEFF';
const columna = (f: string) => f.replace(/([A-Z])/g, '_$1').toUpperCase();

export function csv(filas: (string | number | null)[][]): string {
  return BOM + stringify(filas, { record_delimiter: '\r\n' });
}

/** One row per election, then a TOTAL row. Cortes are in the JSON and HTML forms. */
export function csvAvance(r: ReporteAvance): string {
  const cab = ['TIPO_ACTA', 'ELECCION', ...FIGURAS_AVANCE.map(columna), 'PORCENTAJE_PUBLICADAS', 'PORCENTAJE_CONTABILIZADAS'];
  const filas = r.elecciones.map((e) => [e.tipoActa, e.nombre, ...FIGURAS_AVANCE.map((f) => e[f]), e.porcentajePublicadas, e.porcentajeContabilizadas]);
  const total = ['TOTAL', '', ...FIGURAS_AVANCE.map((f) => r.totales[f]), '', ''];
  return csv([cab, ...filas, total]);
}

export function csvCatd(r: ReporteCatd): string {
  const cab = [
    'CATD',
    'NOMBRE',
    'PUBLICADAS',
    ...FASES_PENDIENTES.map((f) => `PENDIENTES_${f}`),
    'TOTAL_PENDIENTES',
    'ATORADAS',
    'ACTA_MAS_ANTIGUA',
    'FASE_MAS_ANTIGUA',
    'ACOPIO_MAS_ANTIGUA',
    'MINUTOS_ESPERA_MAS_ANTIGUA',
  ];
  const filas = r.catds.map((c) => [
    c.catd,
    c.nombre,
    c.publicadas,
    ...FASES_PENDIENTES.map((f) => c.pendientes[f]),
    c.totalPendientes,
    c.atoradas,
    c.masAntigua?.claveActa ?? '',
    c.masAntigua?.fase ?? '',
    c.masAntigua?.fechaHoraAcopio ?? '',
    c.minutosEsperaMasAntigua ?? '',
  ]);
  return csv([cab, ...filas]);
}
