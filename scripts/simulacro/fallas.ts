import { DESCRIPCION_FALLA, FALLAS, type Contadores, type NombreFalla, type ReporteFalla } from '@prep/simulacro';
import { esperarSalud, type Procesos } from '../services/arranque';
import { archivoTemporal, detenerServicio, iniciarServicio, type ServicioDelStack } from '../services/control';
import type { StackHandle } from '../services/stack';
import type { Metricas } from './http';

/**
 * The failure drills (`npm run simulacro -- fallas`): while the night runs, each fault is injected
 * against the real services and processes, one after the other, each bounded in time, and measured
 * from outside as staff and a supervisor would see it (the read model's counts, the staff's answers,
 * GET /health). The auditor's full check at the end of the simulacro says whether anything was
 * lost or doubled.
 */
export interface EntornoFallas {
  stack: StackHandle;
  procesos: () => Procesos;
  apiUrl: string;
  tokenAdmin: string;
  /** The run's administrador: the drill logs in with it during each outage (a login is a staff action recorded in the bitácora). */
  admin: { usuario: string; contrasena: string };
  log: (m: string) => void;
  lista: readonly NombreFalla[];
}

/** How long each outage lasts, and how long a drill may take to drain before it counts as failed. */
export const DURACION_MS = {
  worker: 5_000,
  dosWorkers: 15_000,
  immudb: 30_000,
  temporal: 30_000,
  postgres: 10_000,
  api: 5_000,
  calentamiento: 30_000,
  pausa: 10_000,
};
const DRENADO_MAX_MS = 4 * 60_000;
const SIN_ACCIONES_MS = 15_000;
const SONDA_MS = 3_000;

/** While the fault lasts, a staff action that must reach the bitácora (a login), as an operator would try: what does the API answer? */
async function sondear(e: EntornoFallas, sonda: { activa: boolean; respuestas: Map<string, number> }): Promise<void> {
  while (sonda.activa) {
    let clave: string;
    try {
      const r = await fetch(`${e.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(e.admin),
        signal: AbortSignal.timeout(20_000),
      });
      const cuerpo = (await r.json().catch(() => ({}))) as { codigo?: string };
      clave = `${r.status}${cuerpo.codigo ? ` ${cuerpo.codigo}` : ''}`;
    } catch {
      clave = 'sin respuesta';
    }
    sonda.respuestas.set(clave, (sonda.respuestas.get(clave) ?? 0) + 1);
    await dormir(SONDA_MS);
  }
}

const dormir = (ms: number) => new Promise((r) => setTimeout(r, ms));
const segundos = (desde: number, hasta: number) => (hasta - desde) / 1000;

interface Medida {
  /** Claves of the actas in the read model not yet PUBLICADA or SIN_ACTA. */
  enVuelo: Set<string>;
  finales: number;
}

const FINALES = new Set(['PUBLICADA', 'SIN_ACTA']);

/** Actas in flight and final, from the read model (as a supervisor lists them). null when the API cannot answer. */
async function medir(e: EntornoFallas): Promise<Medida | null> {
  try {
    const enVuelo = new Set<string>();
    let finales = 0;
    for (let pagina = 1; ; pagina++) {
      const r = await fetch(`${e.apiUrl}/actas?porPagina=500&pagina=${pagina}`, {
        headers: { authorization: `Bearer ${e.tokenAdmin}` },
        signal: AbortSignal.timeout(15_000),
      });
      if (!r.ok) return null;
      const { actas, total } = (await r.json()) as { total: number; actas: { claveActa: string; fase: string }[] };
      for (const a of actas) {
        if (FINALES.has(a.fase)) finales++;
        else enVuelo.add(a.claveActa);
      }
      if (actas.length === 0 || pagina * 500 >= total) return { enVuelo, finales };
    }
  } catch {
    return null;
  }
}

async function apiSana(apiUrl: string): Promise<boolean> {
  return fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.ok,
    () => false,
  );
}

/** One drill: measure, inject, wait out the outage, bring the service back, time the recovery and the drain. */
async function simulacroDeFalla(
  e: EntornoFallas,
  c: { metricas: Metricas },
  falla: NombreFalla,
  inyectar: () => Promise<void>,
  reponer: () => Promise<void>,
  notas: string[] = [],
): Promise<ReporteFalla> {
  const base: ReporteFalla = {
    falla,
    descripcion: DESCRIPCION_FALLA[falla],
    estado: 'hecho',
    detalle: null,
    enVueloAlInyectar: null,
    completadas: null,
    caidaSegundos: null,
    primeraAccionSegundos: null,
    drenadoSegundos: null,
    respuestas503: {},
    apiSanaSinReinicio: null,
    notas,
  };
  const antes = await medir(e);
  const vistosAntes = new Map(c.metricas.vistos503);
  base.enVueloAlInyectar = antes?.enVuelo.size ?? null;
  e.log(`falla '${falla}': ${base.descripcion}; ${antes?.enVuelo.size ?? '?'} actas en vuelo`);
  const t0 = Date.now();
  const sonda = { activa: true, respuestas: new Map<string, number>() };
  let repuesto = 0;
  try {
    await inyectar();
    const sondeo = sondear(e, sonda);
    try {
      await reponer();
      repuesto = Date.now();
    } finally {
      sonda.activa = false;
      await sondeo;
    }
  } catch (err) {
    base.estado = 'fallido';
    base.detalle = `no se pudo inyectar o reponer: ${err instanceof Error ? err.message : String(err)}`;
    return base;
  }
  if (sonda.respuestas.size) {
    const vistas = [...sonda.respuestas].map(([k, v]) => `${v}× ${k}`).join(', ');
    base.notas.push(`login del administrador cada ${SONDA_MS / 1000} s durante la caída: ${vistas}`);
  }
  base.caidaSegundos = segundos(t0, repuesto);
  const limite = repuesto + DRENADO_MAX_MS;
  let despues: Medida | null = null;
  while (Date.now() < limite) {
    if (base.primeraAccionSegundos === null && c.metricas.ultimoExitoPost > repuesto)
      base.primeraAccionSegundos = segundos(repuesto, c.metricas.ultimoExitoPost);
    despues = await medir(e);
    // Drained once every acta that was in flight when the fault hit has reached a final state.
    if (despues && base.drenadoSegundos === null && [...(antes?.enVuelo ?? [])].every((clave) => !despues!.enVuelo.has(clave))) {
      base.drenadoSegundos = segundos(repuesto, Date.now());
    }
    // Nobody had anything to do (the night's work was done): there is no first action to wait for.
    const sinAcciones = Date.now() - repuesto > SIN_ACCIONES_MS && c.metricas.ultimoIntentoPost < repuesto;
    if (base.drenadoSegundos !== null && (base.primeraAccionSegundos !== null || sinAcciones)) break;
    await dormir(1_000);
  }
  if (despues && antes) base.completadas = despues.finales - antes.finales;
  for (const [codigo, n] of c.metricas.vistos503) {
    const d = n - (vistosAntes.get(codigo) ?? 0);
    if (d > 0) base.respuestas503[codigo] = d;
  }
  base.apiSanaSinReinicio = await apiSana(e.apiUrl);
  const intentadas = c.metricas.ultimoIntentoPost >= repuesto;
  if (!intentadas) base.notas.push('el personal no tenía acciones pendientes tras la reposición (la jornada ya había terminado su trabajo)');
  if (base.drenadoSegundos === null || (intentadas && base.primeraAccionSegundos === null) || !base.apiSanaSinReinicio) {
    base.estado = 'fallido';
    base.detalle = `sin recuperación en ${DRENADO_MAX_MS / 1000} s (primera acción: ${base.primeraAccionSegundos ?? 'ninguna'}, drenado: ${base.drenadoSegundos ?? 'no'}, API sana: ${base.apiSanaSinReinicio ? 'sí' : 'no'})`;
  }
  e.log(
    `falla '${falla}': ${base.estado}; caída ${base.caidaSegundos.toFixed(1)} s, primera acción ${base.primeraAccionSegundos ?? '—'} s, drenado ${base.drenadoSegundos ?? '—'} s`,
  );
  return base;
}

function servicioCaido(e: EntornoFallas, c: { metricas: Metricas }, falla: NombreFalla, servicio: ServicioDelStack, ms: number, notas: string[] = []) {
  return simulacroDeFalla(
    e,
    c,
    falla,
    () => detenerServicio(e.stack, servicio),
    async () => {
      await dormir(ms);
      await iniciarServicio(e.stack, servicio);
    },
    notas,
  );
}

const omitida = (falla: NombreFalla, detalle: string): ReporteFalla => ({
  falla,
  descripcion: DESCRIPCION_FALLA[falla],
  estado: 'omitido',
  detalle,
  enVueloAlInyectar: null,
  completadas: null,
  caidaSegundos: null,
  primeraAccionSegundos: null,
  drenadoSegundos: null,
  respuestas503: {},
  apiSanaSinReinicio: null,
  notas: [],
});

/** Runs the listed drills in FALLAS order; never throws (a drill that cannot run is reported as such). */
export async function ejecutarFallas(e: EntornoFallas, c: { metricas: Metricas; contadores: Contadores }): Promise<ReporteFalla[]> {
  const reportes: ReporteFalla[] = [];
  // The worker the drills kill: after 'dos-workers' the survivor is the second one.
  let workerVivo = 'worker';
  await dormir(DURACION_MS.calentamiento);
  for (const falla of FALLAS.filter((f) => e.lista.includes(f))) {
    let r: ReporteFalla;
    try {
      switch (falla) {
        case 'worker':
          r = await simulacroDeFalla(
            e,
            c,
            falla,
            () => e.procesos().matar(workerVivo),
            async () => {
              await dormir(DURACION_MS.worker);
              e.procesos().lanzarWorker(workerVivo);
            },
          );
          break;
        case 'dos-workers': {
          e.procesos().lanzarWorker('worker-2');
          await dormir(DURACION_MS.dosWorkers); // both poll the queue before one dies
          const muerto = workerVivo;
          workerVivo = 'worker-2';
          r = await simulacroDeFalla(
            e,
            c,
            falla,
            () => e.procesos().matar(muerto),
            async () => undefined,
            ['el segundo worker siguió solo; el primero no se reinició'],
          );
          break;
        }
        case 'immudb':
          r = await servicioCaido(e, c, falla, 'immudb', DURACION_MS.immudb);
          break;
        case 'temporal':
          r = await servicioCaido(e, c, falla, 'temporal', DURACION_MS.temporal, [`historia de Temporal en disco: ${archivoTemporal(e.stack)}`]);
          break;
        case 'postgres':
          r = await servicioCaido(e, c, falla, 'postgres', DURACION_MS.postgres);
          break;
        case 'api':
          // SIGKILL under load: requests in flight die with it; staff retry with the same Idempotency-Key
          // (connection refused, then 409 IDEMPOTENCIA_EN_CURSO until the dead process's claim lapses).
          // The full check at the end says whether any action was applied twice.
          r = await simulacroDeFalla(
            e,
            c,
            falla,
            () => e.procesos().matar('api'),
            async () => {
              await dormir(DURACION_MS.api);
              e.procesos().relanzar('api');
              if (!(await esperarSalud(e.apiUrl, 60_000))) throw new Error('la API relanzada no respondió /health en 60 s');
            },
          );
          break;
      }
    } catch (err) {
      r = { ...omitida(falla, `falló: ${err instanceof Error ? err.message : String(err)}`), estado: 'fallido' };
    }
    reportes.push(r);
    if (r.estado !== 'omitido') await dormir(DURACION_MS.pausa);
  }
  return reportes;
}
