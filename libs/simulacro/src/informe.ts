/**
 * The informe de simulacro: what the committee files as the drill's report. Built from the drill's
 * summary and the COTAPREP reports read from the API at the end (pure: the CLI fetches and writes),
 * the same object is written as informe.json and rendered as informe.html (informe-html.ts).
 */
import { minutosDeZona } from '@prep/domain';
import { ACCIONES_DEL_PERSONAL, evaluarMetas, type ResultadoMeta } from './informe-metas';
import type { ReporteFalla } from './fallas';
import type { ResultadoPaso, ResumenSimulacro } from './resumen';
import { TASAS_POR_OMISION, type TasasSimulacro } from './tasas';

/**
 * The COTAPREP reports the informe carries, by their route `/reportes/<nombre>`. Adding a report to
 * the informe (and to the browser test that opens each report) is one line here.
 */
export const REPORTES_DEL_INFORME: readonly string[] = ['avance', 'catd', 'tiempos', 'calidad', 'operacion'];

/** One report as the CLI read it: its JSON, or why it could not be read. */
export interface ReporteObtenido {
  nombre: string;
  ruta: string;
  datos: unknown;
  error: string | null;
}

/** An injected reality: how many the plan put in, and how many the system showed where it is counted. */
export interface FilaRealidad {
  id: string;
  titulo: string;
  /** The rate asked for (--errores); null when the reality is not drawn at random. */
  tasa: number | null;
  planeadas: number;
  /** null: no direct count (the comparison acta by acta still covers it, see `nota`). */
  ocurridas: number | null;
  nota: string;
}

export type EstadoIntegridad = 'limpia' | 'con problemas' | 'no se hizo';

export interface ComprobacionIntegridad {
  id: string;
  titulo: string;
  estado: EstadoIntegridad;
  detalle: string[];
}

export interface FilaTiempos {
  accion: string;
  delPersonal: boolean;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface InformeSimulacro {
  version: 1;
  titulo: string;
  generadoEn: string;
  zona: { etiqueta: string; minutos: number };
  resultado: { limpio: boolean; interrumpido: boolean; metasCumplidas: number; metasNoCumplidas: number; metasNoAplican: number };
  parametros: {
    inicio: string;
    fin: string;
    semilla: number | string;
    actas: number;
    actasCatalogo: number;
    llegan: number;
    catds: number;
    ritmoActasPorMinuto: number;
    tasas: { nombre: keyof TasasSimulacro; valor: number; porOmision: number }[];
    plantilla: Record<string, number>;
    segundosJornada: number;
    segundosTotales: number;
    actasPorSegundo: number;
    cortes: number;
  };
  realidades: FilaRealidad[];
  estadosFinales: { porFase: Record<string, number>; porContabilizada: Record<string, number> } | null;
  metas: ResultadoMeta[];
  integridad: ComprobacionIntegridad[];
  tiempos: FilaTiempos[];
  errores: ResumenSimulacro['errores'];
  pasos: ResultadoPaso[];
  reportes: ReporteObtenido[];
  rutas: ResumenSimulacro['rutas'];
  /** The failure drills of the night, when it was a drill of failures (`npm run simulacro -- fallas`). */
  fallas: ReporteFalla[] | null;
}

function realidades(r: ResumenSimulacro): FilaRealidad[] {
  const p = r.plan.porRealidad;
  const o = r.comprobacion?.observadas ?? null;
  const t = r.tasas;
  const porActa = r.comprobacion
    ? `Sin conteo directo: lo cubre la comprobación acta por acta de observaciones y CONTABILIZADA (${r.comprobacion.totalDiferencias} diferencias).`
    : 'Sin conteo directo, y no se hizo la comprobación contra el plan.';
  return [
    {
      id: 'sinActa',
      titulo: 'Paquete no llega (SIN ACTA)',
      tasa: t.sinActa,
      planeadas: p.sinActa,
      ocurridas: o?.sinActa ?? null,
      nota: 'Actas en SIN_ACTA al final.',
    },
    {
      id: 'fueraDeCatalogo',
      titulo: 'Acta fuera de catálogo',
      tasa: t.fueraDeCatalogo,
      planeadas: p.fueraDeCatalogo,
      ocurridas: o?.fueraDeCatalogo ?? null,
      nota: 'Actas con CONTABILIZADA 2.',
    },
    {
      id: 'capturasDistintas',
      titulo: 'Capturas distintas (desempate)',
      tasa: t.capturasDistintas,
      planeadas: r.plan.desempates,
      ocurridas: o?.desempates ?? null,
      nota: 'Actas que un verificador decidió en desempate.',
    },
    {
      id: 'devolucion',
      titulo: 'Devuelta a nueva captura',
      tasa: t.devolucion,
      planeadas: p.devolucion + p.escalamiento,
      ocurridas: o?.devueltas ?? null,
      nota: 'Actas que terminaron en una ronda posterior a la primera (incluye las escaladas).',
    },
    {
      id: 'escalamiento',
      titulo: 'Escalada al coordinador',
      tasa: t.escalamiento,
      planeadas: p.escalamiento,
      ocurridas: o?.escaladas ?? null,
      nota: 'Actas que decidió el coordinador del CATD.',
    },
    { id: 'ilegible', titulo: 'Campos ilegibles', tasa: t.ilegible, planeadas: p.ilegible, ocurridas: null, nota: porActa },
    { id: 'sinDato', titulo: 'Campos sin dato', tasa: t.sinDato, planeadas: p.sinDato, ocurridas: null, nota: porActa },
    { id: 'excedeListaNominal', titulo: 'Excede lista nominal', tasa: t.excedeListaNominal, planeadas: p.excedeListaNominal, ocurridas: null, nota: porActa },
    {
      id: 'casillaEspecial',
      titulo: 'Casilla especial (S)',
      tasa: null,
      planeadas: p.casillaEspecial,
      ocurridas: null,
      nota: 'El catálogo siempre trae al menos una; su tope de votos se comprueba acta por acta.',
    },
    {
      id: 'fotoCasilla',
      titulo: 'Foto de PREP Casilla antes del acopio',
      tasa: t.fotoCasilla,
      planeadas: p.fotoCasilla,
      ocurridas: r.contadores.fotos,
      nota: 'Fotos enviadas por los dispositivos.',
    },
    {
      id: 'abandono',
      titulo: 'Capturista abandona la tarea',
      tasa: t.abandono,
      planeadas: p.abandono,
      ocurridas: r.contadores.abandonos,
      nota: 'Tareas tomadas y abandonadas (vuelven a la cola al vencer el plazo).',
    },
  ];
}

const n = (x: number) => x.toLocaleString('es-MX');

function integridad(r: ResumenSimulacro): ComprobacionIntegridad[] {
  const c = r.comprobacion;
  const v = r.verificacion;
  const q = r.paquete;
  const estado = (hecho: boolean, ok: boolean): EstadoIntegridad => (!hecho ? 'no se hizo' : ok ? 'limpia' : 'con problemas');
  return [
    {
      id: 'plan',
      titulo: 'Comprobación acta por acta contra el plan',
      estado: estado(c !== null, c?.totalDiferencias === 0),
      detalle: c ? [`${n(c.totalDiferencias)} diferencias`, ...c.diferencias.slice(0, 10)] : [],
    },
    {
      id: 'verificacion-completa',
      titulo: 'Verificación completa del auditor (POST /auditoria/verificaciones)',
      estado: estado(v !== null, v?.ok === true),
      detalle: v
        ? [
            `${n(v.actasEnBitacora)} actas en la bitácora, ${n(v.actasEnModelo)} en el modelo de lectura`,
            `${n(v.entradasRevisadas)} entradas revisadas, ${n(v.entradasProbadas)} con prueba criptográfica, ${n(v.imagenesRevisadas)} imágenes`,
            `${n(v.hallazgos)} hallazgos; ${v.segundos.toLocaleString('es-MX', { maximumFractionDigits: 1 })} s`,
            ...v.primerosHallazgos.slice(0, 10).map((h) => JSON.stringify(h)),
          ]
        : [],
    },
    {
      id: 'paquete',
      titulo: 'Paquete de auditoría fuera de línea (npm run auditoria -- exportar / verificar)',
      estado: estado(q !== null, q?.exportado === true && q.verificado),
      detalle: q
        ? [
            `exportado: ${q.exportado ? 'sí' : 'no'}; verificado: ${q.verificado ? 'sin problemas' : 'con problemas'}`,
            `huella (SHA-256 de manifiesto.json): ${q.huella ?? '—'}`,
            `carpeta: ${q.carpeta}`,
          ]
        : [],
    },
    {
      id: 'corte-verificar',
      titulo: 'Último corte contra la bitácora (npm run auditoria -- corte verificar)',
      estado: estado(q?.corte != null, q?.corte?.verificado === true),
      detalle: q?.corte ? [`zip descargado del sitio público: ${q.corte.zip}`] : [],
    },
  ];
}

export function construirInforme(d: { resumen: ResumenSimulacro; reportes: ReporteObtenido[]; generadoEn: Date; zonaPublicacion: string }): InformeSimulacro {
  const r = d.resumen;
  const metas = evaluarMetas(r, { reportesObtenidos: d.reportes.filter((x) => x.error === null).length, reportesPedidos: d.reportes.length });
  const cuenta = (e: string) => metas.filter((m) => m.estado === e).length;
  const personal = new Set<string>(ACCIONES_DEL_PERSONAL);
  return {
    version: 1,
    titulo: 'Informe del simulacro',
    generadoEn: d.generadoEn.toISOString(),
    zona: { etiqueta: d.zonaPublicacion, minutos: minutosDeZona(d.zonaPublicacion) ?? 0 },
    resultado: {
      limpio: r.limpio,
      interrumpido: r.interrumpido,
      metasCumplidas: cuenta('cumplida'),
      metasNoCumplidas: cuenta('no cumplida'),
      metasNoAplican: cuenta('no aplica'),
    },
    parametros: {
      inicio: r.inicio,
      fin: r.fin,
      semilla: r.semilla,
      actas: r.plan.actas,
      actasCatalogo: r.plan.actasCatalogo,
      llegan: r.plan.llegan,
      catds: r.catds,
      ritmoActasPorMinuto: r.ritmoActasPorMinuto,
      tasas: (Object.keys(TASAS_POR_OMISION) as (keyof TasasSimulacro)[]).map((nombre) => ({
        nombre,
        valor: r.tasas[nombre],
        porOmision: TASAS_POR_OMISION[nombre],
      })),
      plantilla: r.plantilla,
      segundosJornada: r.segundosJornada,
      segundosTotales: r.segundosTotales,
      actasPorSegundo: r.actasPorSegundo,
      cortes: r.cortes,
    },
    realidades: realidades(r),
    estadosFinales: r.comprobacion ? { porFase: r.comprobacion.porFase, porContabilizada: r.comprobacion.porContabilizada } : null,
    metas,
    fallas: r.fallas ?? null,
    integridad: integridad(r),
    // Staff actions first, in the order of the night; then the rest (set-up, supervision, audit) by name.
    tiempos: Object.entries(r.tiempos)
      .map(([accion, t]) => ({ accion, delPersonal: personal.has(accion), ...t }))
      .sort(
        (a, b) =>
          Number(b.delPersonal) - Number(a.delPersonal) ||
          (ACCIONES_DEL_PERSONAL as readonly string[]).indexOf(a.accion) - (ACCIONES_DEL_PERSONAL as readonly string[]).indexOf(b.accion) ||
          a.accion.localeCompare(b.accion),
      ),
    errores: r.errores,
    pasos: r.pasos,
    reportes: d.reportes,
    rutas: r.rutas,
  };
}
