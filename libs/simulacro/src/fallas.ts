/**
 * The failure drills' report (`npm run simulacro -- fallas`): what each injected fault did to a
 * running night and how long the PREP took to recover, plus the auditor's verdict at the end.
 * Pure: the CLI (scripts/simulacro/fallas*.ts) measures, this shapes and prints.
 */
import type { Comprobacion, ResultadoVerificacion } from './resumen';

/** The drills, in the order they run. `api` (an API killed mid-request, retried with Idempotency-Key) is a hook left for that work. */
export const FALLAS = ['worker', 'dos-workers', 'immudb', 'temporal', 'postgres', 'api'] as const;
export type NombreFalla = (typeof FALLAS)[number];

export const DESCRIPCION_FALLA: Record<NombreFalla, string> = {
  worker: 'worker terminado (SIGKILL) y reiniciado',
  'dos-workers': 'dos workers; uno terminado (SIGKILL) para siempre',
  immudb: 'immudb detenido 30 s',
  temporal: 'Temporal reiniciado (historia en SQLite conservada)',
  postgres: 'PostgreSQL reiniciado',
  api: 'API terminada a media solicitud (Idempotency-Key)',
};

export interface ReporteFalla {
  falla: NombreFalla;
  descripcion: string;
  /** hecho: injected and recovered; omitido: not run (why in `detalle`); fallido: injected and did not recover in time. */
  estado: 'hecho' | 'omitido' | 'fallido';
  detalle: string | null;
  /** Actas acopiadas (or with a casilla photo) and not yet final when the fault was injected. */
  enVueloAlInyectar: number | null;
  /** Actas that reached a final state between the injection and the end of the drain. */
  completadas: number | null;
  /** From the injection until the service answered again (0 when nothing came back: the second worker carried on). */
  caidaSegundos: number | null;
  /** From the service being back until the first staff action (a POST) succeeded. */
  primeraAccionSegundos: number | null;
  /** From the service being back until every acta in flight at the injection reached a final state (the backlog drained). */
  drenadoSegundos: number | null;
  /** 503 answers the virtual staff saw (and waited out) during the drill, by código; SIN_CONEXION: refused connections. */
  respuestas503: Record<string, number>;
  /** GET /health of the same API process answered 200 after the drill (it recovered by itself, nobody restarted it). */
  apiSanaSinReinicio: boolean | null;
  /** What else was seen (e.g. actas waiting on the bitácora, the Temporal file on disk). */
  notas: string[];
}

export interface InformeFallas {
  fallas: ReporteFalla[];
  verificacion: ResultadoVerificacion | null;
  comprobacion: Comprobacion | null;
  /** Every drill recovered and the auditor's full check and the plan check are clean. */
  limpio: boolean;
}

export function construirInformeFallas(fallas: ReporteFalla[], verificacion: ResultadoVerificacion | null, comprobacion: Comprobacion | null): InformeFallas {
  const limpio =
    fallas.every((f) => f.estado !== 'fallido') && verificacion?.ok === true && verificacion.hallazgos === 0 && comprobacion?.totalDiferencias === 0;
  return { fallas, verificacion, comprobacion, limpio };
}

const num = (n: number | null, dec = 0) => (n === null ? '—' : n.toFixed(dec));
const texto503 = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || '0';

/** The Spanish table printed at the end of the drills. */
export function tablaFallas(i: InformeFallas): string {
  const filas = [
    ['Falla', 'Estado', 'En vuelo', 'Completadas', 'Caída (s)', '1.ª acción (s)', 'Drenado (s)', 'API sana', '503 vistos por el personal'],
    ...i.fallas.map((f) => [
      f.descripcion,
      f.estado,
      num(f.enVueloAlInyectar),
      num(f.completadas),
      num(f.caidaSegundos, 1),
      num(f.primeraAccionSegundos, 1),
      num(f.drenadoSegundos, 1),
      f.apiSanaSinReinicio === null ? '—' : f.apiSanaSinReinicio ? 'sí' : 'NO',
      texto503(f.respuestas503),
    ]),
  ];
  const anchos = filas[0].map((_, c) => Math.max(...filas.map((f) => f[c].length)));
  const linea = (f: string[]) => `  ${f.map((x, c) => x.padEnd(anchos[c])).join('  ')}`.trimEnd();
  const salida = ['', '  Simulacros de fallas', linea(filas[0]), `  ${anchos.map((a) => '─'.repeat(a)).join('  ')}`, ...filas.slice(1).map(linea)];
  const notas = i.fallas.flatMap((f) => [...(f.detalle ? [`${f.falla}: ${f.detalle}`] : []), ...f.notas.map((n) => `${f.falla}: ${n}`)]);
  if (notas.length) salida.push('', '  Notas:', ...notas.map((n) => `  - ${n}`));
  const v = i.verificacion;
  salida.push(
    '',
    v
      ? `  Verificación completa del auditor: ${v.ok && v.hallazgos === 0 ? 'LIMPIA' : `CON ${v.hallazgos} HALLAZGOS`} (${v.actasEnBitacora} actas en la bitácora, ${v.actasEnModelo} en el modelo de lectura, ${v.entradasRevisadas} entradas revisadas; ninguna falta ni está repetida si está limpia)`
      : '  Verificación completa del auditor: no se hizo',
    i.comprobacion ? `  Comprobación contra el plan: ${i.comprobacion.totalDiferencias} diferencias` : '  Comprobación contra el plan: no se hizo',
    `  Resultado: ${i.limpio ? 'LIMPIO' : 'CON PROBLEMAS (vea arriba)'}`,
    '',
  );
  return salida.join('\n');
}
