import * as fs from 'node:fs';
import * as path from 'node:path';
import { escribirCarpetaCatalogo } from '@prep/catalogo';
import { DEFAULT_POLITICA_PREP } from '@prep/domain';
import { indicePlan, type ActaPlaneada, type PlanSimulacro, type ReporteFalla, type ReporteObtenido } from '@prep/simulacro';
import { paqueteAuditoria, verificacionCompleta, type ResultadoPaquete, type ResultadoVerificacion } from './auditoria';
import { comprobarContraPlan } from './comprobacion';
import { ClienteHttp, FormData, Metricas } from './http';
import { escribirInforme, obtenerReportes, rutasInforme } from './informe';
import { pasoAbrirPublicacion, pasoCerrarPublicacion, pasoPuestaEnCeros, type ResultadoPaso } from './pasos-pendientes';
import { contarPlantilla, crearPlantilla, tamanoPlantilla, type TamanoPlantilla } from './personal';
import { construirResumen, type ResumenSimulacro } from './resumen';
import {
  Cola,
  acopiador,
  capturista,
  contadoresEnCero,
  coordinador,
  digitalizador,
  dispositivoCasilla,
  verificador,
  type Contadores,
  type Turno,
} from './trabajadores';

/**
 * The drill's core, separate from the CLI shell so a test can run it against its own stack: given
 * an API's base URL and an administrador's token, it loads the plan's catálogo, creates the staff,
 * runs the night, closes the operation, waits for every acta to reach a final state, runs the
 * auditor's checks and returns (and writes) the summary.
 */
export interface OpcionesSimulacro {
  baseUrl: string;
  tokenAdmin: string;
  plan: PlanSimulacro;
  /** Actas arriving per minute at the CATDs, all together. */
  ritmo: number;
  /** Where resumen.json, the catálogo and the audit bundle go. */
  dirSalida: string;
  /** Environment for `npm run auditoria` (IMMUDB_*, PREP_DATA_DIR, IMMUDB_CLAVE_PUBLICA); null skips the bundle. */
  entornoAuditoria: NodeJS.ProcessEnv | null;
  pruebas?: 'todas' | 'ninguna';
  /** Called about once a second while the night runs. */
  alProgreso?: (p: Progreso) => void;
  log?: (m: string) => void;
  /** Ctrl-C: loops stop after their current request and the summary so far is returned. */
  detener?: { solicitado: boolean };
  /** Give up waiting for final states after this long without any progress. */
  estancamientoMs?: number;
  /** The policy's publication zone (PREP_POLITICA), for the times of the informe; UTC-6 by default. */
  zonaPublicacion?: string;
  /** Staff of a fixed size (the benchmark) instead of one sized to `ritmo`. */
  personal?: Omit<TamanoPlantilla, 'catds'>;
  /** false skips the auditor's full check and the audit bundle (the benchmark times the night only). */
  auditoria?: boolean;
  /** Awaited right before the first acta arrives and right after the last one is final (the benchmark samples there). */
  alIniciarJornada?: () => Promise<void>;
  alTerminarJornada?: () => Promise<void>;
  /**
   * Started when the first acta arrives and awaited before the cierre (the failure drills inject
   * their faults meanwhile, so the night is still running while each one happens).
   */
  duranteLaJornada?: (c: { metricas: Metricas; contadores: Contadores }) => Promise<ReporteFalla[]>;
}

export interface Progreso {
  contadores: Contadores;
  totales: { llegan: number; capturas: number; decisiones: number; actas: number };
  transcurridoMs: number;
  fase: string;
}

export async function ejecutarSimulacro(o: OpcionesSimulacro): Promise<ResumenSimulacro> {
  const log = o.log ?? (() => undefined);
  const detener = o.detener ?? { solicitado: false };
  const inicio = new Date();
  const metricas = new Metricas();
  const http = new ClienteHttp(o.baseUrl, metricas);
  const pasos: ResultadoPaso[] = [];
  const contadores = contadoresEnCero();
  const { plan } = o;
  let fase = 'preparación';
  let inicioJornada: number | null = null;
  let supervision: NodeJS.Timeout | undefined;
  let finNoche: number | null = null;
  let cierre: unknown = null;
  let verificacion: ResultadoVerificacion | null = null;
  let paquete: ResultadoPaquete | null = null;
  let comprobacion: Awaited<ReturnType<typeof comprobarContraPlan>> | null = null;
  let plantillaContada: Record<string, number> = {};
  let reportes: ReporteObtenido[] = [];
  let fallas: ReporteFalla[] | undefined;
  fs.mkdirSync(o.dirSalida, { recursive: true });
  const totales = {
    llegan: plan.conteos.llegan,
    capturas: plan.conteos.capturas,
    decisiones: plan.conteos.decisionesVerificador + plan.conteos.decisionesCoordinador,
    actas: plan.actas.length,
  };
  const informar = () => o.alProgreso?.({ contadores, totales, transcurridoMs: inicioJornada ? Date.now() - inicioJornada : 0, fase });
  const reloj = setInterval(informar, 1_000);

  try {
    fase = 'catálogo';
    escribirCarpetaCatalogo(path.join(o.dirSalida, 'catalogo'), plan.catalogo);
    await http.pedir('cargar catálogo', 'POST', '/catalogo', {
      token: o.tokenAdmin,
      form: () => {
        const f = new FormData();
        f.append('catalogo', new Blob([JSON.stringify(plan.catalogo)], { type: 'application/json' }), 'catalogo.json');
        return f;
      },
    });
    log(`catálogo cargado: ${plan.conteos.actasCatalogo} actas esperadas, ${plan.catalogo.catds.length} CATD`);

    fase = 'personal';
    const catds = [...new Set(plan.actas.map((a) => a.catd))].sort();
    const plantilla = await crearPlantilla(http, o.tokenAdmin, o.personal ? { catds, ...o.personal } : tamanoPlantilla(catds, o.ritmo));
    plantillaContada = contarPlantilla(plantilla);
    log(
      `personal virtual: ${Object.entries(plantillaContada)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}`,
    );
    pasos.push(await pasoPuestaEnCeros(http, o.tokenAdmin, plantilla.auditor.usuario, log));
    pasos.push(await pasoAbrirPublicacion(http, o.tokenAdmin, log));

    fase = 'jornada';
    let todasFinales = false;
    const turno: Turno = { http, plan, indice: indicePlan(plan), contadores, terminado: () => todasFinales || detener.solicitado, abandonadas: new Set() };
    const fotos = new Cola<ActaPlaneada>();
    const acopio = new Map(catds.map((c) => [c, new Cola<ActaPlaneada>()]));
    const escaneo = new Map(catds.map((c) => [c, new Cola<ActaPlaneada>()]));
    const colas = [fotos, ...acopio.values(), ...escaneo.values()];
    const detenerColas = setInterval(() => detener.solicitado && colas.forEach((c) => c.cerrar()), 200);

    // What the read model says is final, as the bars show it (the supervisor's view of the night).
    const contarFinales = async () => {
      const [pub, sin] = await Promise.all(
        ['PUBLICADA', 'SIN_ACTA'].map((f) => http.pedir<{ total: number }>('contar actas', 'GET', `/actas?fase=${f}&porPagina=1`, { token: o.tokenAdmin })),
      );
      contadores.publicadas = pub.cuerpo.total;
      contadores.sinActa = sin.cuerpo.total;
      // What a difusor sees: the public feed's list of cortes (no login).
      const cortes = await http.pedir<unknown[]>('contar cortes', 'GET', '/difusion/cortes', {});
      contadores.cortes = cortes.cuerpo.length;
      return pub.cuerpo.total + sin.cuerpo.total;
    };
    await o.alIniciarJornada?.();
    inicioJornada = Date.now();
    const durante = o.duranteLaJornada?.({ metricas, contadores }).then((r) => (fallas = r));
    let contando = false;
    supervision = setInterval(() => {
      if (contando) return;
      contando = true;
      contarFinales()
        .catch(() => undefined)
        .finally(() => (contando = false));
    }, 2_000);
    const llegada = (async () => {
      const t0 = Date.now();
      let i = 0;
      for (const acta of plan.actas.filter((a) => a.llega)) {
        if (detener.solicitado) break;
        const espera = t0 + (i++ * 60_000) / o.ritmo - Date.now();
        if (espera > 0) await new Promise((r) => setTimeout(r, espera));
        (acta.fotoCasilla ? fotos : acopio.get(acta.catd)!).meter(acta);
      }
      fotos.cerrar();
    })();
    const conFotos = Promise.all(plantilla.dispositivos.map((p) => dispositivoCasilla(turno, p, fotos, acopio)));
    const acopios = Promise.all(
      catds.map(async (c) => {
        await acopiador(turno, plantilla.acopiadores.get(c)!, acopio.get(c)!, escaneo.get(c)!);
        escaneo.get(c)!.cerrar();
      }),
    );
    // An acopio queue may close only once nothing can enter it: arrivals done and photos sent.
    void Promise.all([llegada, conFotos]).then(() => acopio.forEach((c) => c.cerrar()));
    const escaneos = Promise.all(catds.map((c) => digitalizador(turno, plantilla.digitalizadores.get(c)!, escaneo.get(c)!)));
    const mesas = Promise.all([
      ...plantilla.capturistas.map((p) => capturista(turno, p)),
      ...plantilla.verificadores.map((p) => verificador(turno, p)),
      ...[...plantilla.coordinadores.values()].map((p) => coordinador(turno, p)),
    ]);

    await Promise.all([llegada, conFotos, acopios, escaneos, durante]);
    if (!detener.solicitado) {
      fase = 'cierre';
      const r = await http.pedir('cierre de la operación', 'POST', '/operacion/cierre', { token: o.tokenAdmin, json: {} });
      cierre = r.cuerpo;
      log(`cierre de la operación: ${JSON.stringify(r.cuerpo, (k, v) => (k === 'claves' || k === 'actas' ? undefined : v))}`);
    }
    fase = 'esperando estados finales';
    let ultimoAvance = Date.now();
    let anterior = -1;
    while (!detener.solicitado) {
      const finales = await contarFinales();
      if (finales >= plan.actas.length) break;
      if (finales !== anterior) ultimoAvance = Date.now();
      anterior = finales;
      if (Date.now() - ultimoAvance > (o.estancamientoMs ?? 10 * 60_000)) {
        log(
          `sin avance en ${Math.round((o.estancamientoMs ?? 600_000) / 1000)} s: ${finales} de ${plan.actas.length} actas en estado final; se deja de esperar`,
        );
        break;
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    todasFinales = true;
    finNoche = Date.now();
    await o.alTerminarJornada?.();
    clearInterval(detenerColas);
    clearInterval(supervision);
    colas.forEach((c) => c.cerrar());
    await mesas;
    informar();

    if (!detener.solicitado) {
      pasos.push(await pasoCerrarPublicacion(http, o.tokenAdmin, log));
      // The final corte is published by the close: count once more, now that the bars have stopped.
      contadores.cortes = (await http.pedir<unknown[]>('contar cortes', 'GET', '/difusion/cortes', {}).catch(() => null))?.cuerpo.length ?? contadores.cortes;
      fase = 'comprobación contra el plan';
      comprobacion = await comprobarContraPlan(http, o.tokenAdmin, plan);
      if (o.auditoria !== false) {
        fase = 'verificación completa del auditor';
        log('verificación completa del auditor (POST /auditoria/verificaciones)…');
        verificacion = await verificacionCompleta(http, plantilla.auditor.token, o.pruebas ?? 'todas');
      }
      if (o.auditoria !== false && o.entornoAuditoria) {
        fase = 'paquete de auditoría';
        log('paquete de auditoría: exportar y verificar fuera de línea…');
        paquete = await paqueteAuditoria(o.dirSalida, o.entornoAuditoria, await descargarUltimoCorte(o.baseUrl, o.dirSalida));
      }
    }
    // The committee's view of the end (also of an interrupted drill): the reports for the informe.
    fase = 'reportes para el informe';
    reportes = await obtenerReportes(http, plantilla.cotaprep.token);
  } finally {
    clearInterval(reloj);
    clearInterval(supervision);
    await http.cerrar();
  }
  const resumen = construirResumen({
    plan,
    ritmo: o.ritmo,
    inicio,
    inicioJornada: inicioJornada ?? Date.now(),
    finNoche: finNoche ?? Date.now(),
    fin: new Date(),
    interrumpido: detener.solicitado,
    contadores,
    metricas,
    plantilla: plantillaContada,
    pasos,
    cierre,
    comprobacion,
    verificacion,
    paquete,
    dirSalida: o.dirSalida,
    baseUrl: o.baseUrl,
    fallas,
  });
  // The informe is the committee's copy; a failure to write it must not lose the summary.
  try {
    const conInforme = { ...resumen, rutas: { ...resumen.rutas, ...rutasInforme(o.dirSalida) } };
    escribirInforme(conInforme, reportes, o.zonaPublicacion ?? DEFAULT_POLITICA_PREP.zonaPublicacion);
    resumen.rutas = conInforme.rutas;
  } catch (err) {
    log(`no se pudo escribir el informe del simulacro: ${err instanceof Error ? err.message : String(err)}`);
  }
  fs.writeFileSync(path.join(o.dirSalida, 'resumen.json'), `${JSON.stringify(resumen, null, 2)}\n`);
  return resumen;
}

/** The latest corte's zip, downloaded from the public feed as a difusor would; null when none was published. */
async function descargarUltimoCorte(baseUrl: string, dir: string): Promise<string | null> {
  const ultimo = await fetch(new URL('/difusion/cortes/ultimo', baseUrl));
  if (!ultimo.ok) return null;
  const { numero, zip } = (await ultimo.json()) as { numero: number; zip: string };
  const res = await fetch(new URL(zip, baseUrl));
  if (!res.ok) return null;
  const destino = path.join(dir, `corte-${numero}.zip`);
  fs.writeFileSync(destino, Buffer.from(await res.arrayBuffer()));
  return destino;
}
