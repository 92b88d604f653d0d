/**
 * A drill's summary and reports as the CLI produces them, for the informe's unit tests and the
 * browser test (test/navegador.e2e-spec.ts), which renders the informe from it. The figures follow
 * the default drill measured in the README (2,009 actas, 12 CATD, 240 actas/min). Not exported from
 * the lib's index: fixtures only.
 */
import { formarAvance, formarReporteCatd, type ConteoCatd } from '@prep/reportes';
import type { ReporteObtenido } from './informe';
import type { ResumenSimulacro } from './resumen';
import { TASAS_POR_OMISION } from './tasas';

const t = (n: number, p50: number, p95: number, p99: number, max: number) => ({ n, p50, p95, p99, max });

export function resumenDeEjemplo(): ResumenSimulacro {
  return {
    version: 1,
    inicio: '2027-05-30T01:00:00.000Z',
    fin: '2027-05-30T01:13:02.000Z',
    interrumpido: false,
    semilla: '2027',
    ritmoActasPorMinuto: 240,
    catds: 12,
    tasas: { ...TASAS_POR_OMISION },
    plan: {
      actasCatalogo: 2000,
      actas: 2009,
      llegan: 1969,
      capturas: 3998,
      decisionesVerificador: 1981,
      decisionesCoordinador: 6,
      devoluciones: 36,
      desempates: 119,
      contabilizadas: 1948,
      porRealidad: {
        sinActa: 40,
        fueraDeCatalogo: 9,
        capturasDistintas: 121,
        ilegible: 58,
        sinDato: 61,
        excedeListaNominal: 11,
        casillaEspecial: 8,
        fotoCasilla: 790,
        abandono: 7,
        devolucion: 30,
        escalamiento: 6,
      },
    },
    plantilla: {
      acopiadores: 12,
      digitalizadores: 12,
      coordinadores: 12,
      capturistas: 16,
      verificadores: 6,
      dispositivosPrepCasilla: 8,
      auditores: 1,
      cotaprep: 1,
    },
    segundosJornada: 697,
    segundosTotales: 782.4,
    actasPorSegundo: 2.88,
    contadores: { fotos: 790, acopiadas: 1969, digitalizadas: 1969, capturas: 3998, decisiones: 1987, abandonos: 7, publicadas: 1969, sinActa: 40, cortes: 12 },
    cortes: 12,
    pasos: [
      { paso: 'puesta en ceros', hecho: true, detalle: 'HTTP 201' },
      { paso: 'apertura de la publicación', hecho: true, detalle: 'HTTP 201' },
      { paso: 'cierre de la publicación', hecho: true, detalle: 'HTTP 200' },
    ],
    cierre: { sinActa: 40 },
    comprobacion: {
      porFase: { PUBLICADA: 1969, SIN_ACTA: 40 },
      porContabilizada: { '0': 52, '1': 1948, '2': 9 },
      diferencias: [],
      totalDiferencias: 0,
      observadas: { desempates: 119, devueltas: 36, escaladas: 6, fueraDeCatalogo: 9, sinActa: 40, contabilizadas: 1948 },
    },
    tiempos: {
      acopio: t(1969, 1900, 4100, 6300, 9100),
      'foto PREP Casilla': t(790, 1200, 2900, 3900, 5200),
      'escaneo CATD': t(1969, 1500, 3300, 4400, 7000),
      'tomar captura': t(5200, 310, 900, 1500, 2600),
      captura: t(3998, 1700, 3500, 4700, 8000),
      'tomar verificación': t(2600, 280, 850, 1400, 2100),
      verificación: t(1981, 1600, 3400, 4500, 6100),
      'tomar decisión de coordinador': t(40, 300, 700, 800, 800),
      'decisión de coordinador': t(6, 1500, 2100, 2100, 2100),
      'contar actas': t(1400, 40, 120, 300, 700),
      'crear usuario': t(69, 250, 400, 450, 460),
      login: t(69, 230, 380, 420, 440),
      'verificación completa': t(1, 17000, 17000, 17000, 17000),
      'reporte avance': t(1, 60, 60, 60, 60),
      'reporte catd': t(1, 45, 45, 45, 45),
    },
    errores: { total: 0, reintentos503: 3, porTipo: {}, ejemplos: {} },
    verificacion: {
      ok: true,
      actasEnBitacora: 2009,
      actasEnModelo: 2009,
      entradasRevisadas: 14520,
      entradasProbadas: 14520,
      imagenesRevisadas: 2759,
      hallazgos: 0,
      primerosHallazgos: [],
      segundos: 17.2,
    },
    paquete: {
      carpeta: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/paquete-auditoria',
      exportado: true,
      verificado: true,
      huella: '5f1d0c3b9a8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a392817060504',
      corte: { zip: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/corte-12.zip', verificado: true },
      bitacoraDeSalida: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/auditoria.log',
      segundos: 9.1,
    },
    rutas: {
      carpeta: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z',
      resumen: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/resumen.json',
      api: 'http://127.0.0.1:3000',
      informeHtml: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/informe.html',
      informeJson: '/srv/prep/.data/dev/simulacros/2027-05-30T01-00-00-000Z/informe.json',
    },
    limpio: true,
  };
}

/** The two reports at the end of that drill, shaped by libs/reportes exactly as the API serves them. */
export function reportesDeEjemplo(): ReporteObtenido[] {
  const fin = new Date('2027-05-30T01:12:40.000Z');
  const eleccion = (tipoActa: string, nombre: string, sinActa: number, fuera: number) => ({
    tipoActa,
    nombre,
    esperadas: 1000,
    acopiadas: 1000 - sinActa,
    digitalizadas: 1000 - sinActa,
    capturadas: 1000 - sinActa,
    verificadas: 1000 - sinActa,
    publicadas: 1000 - sinActa,
    contabilizadas: 1000 - sinActa - 26,
    sinActa,
    atoradas: 0,
    fueraDeCatalogo: fuera,
  });
  const avance = formarAvance(
    [eleccion('2', 'Gubernatura', 21, 5), eleccion('3', 'Diputaciones locales', 19, 4)],
    Array.from({ length: 12 }, (_, i) => ({
      numero: i + 1,
      instante: new Date(Date.parse('2027-05-30T01:01:00.000Z') + i * 60_000).toISOString(),
      estado: 'PUBLICADO',
      final: i === 11,
      actas: Math.min(1969, (i + 1) * 170),
    })),
    fin,
  );
  const conteos: ConteoCatd[] = Array.from({ length: 12 }, (_, i) => {
    const catd = i < 3 ? `D${String(i + 1).padStart(3, '0')}` : `M${String(i - 2).padStart(3, '0')}`;
    return {
      catd,
      nombre: i < 3 ? `CATD DISTRITAL ${i + 1}` : `CATD MUNICIPAL ${i - 2}`,
      publicadas: 160 + ((i * 7) % 11),
      pendientes: { ACOPIADA: 0, EN_CAPTURA: 0, EN_VERIFICACION: 0, ESCALADA: 0 },
      atoradas: 0,
      masAntigua: null,
    };
  });
  const catd = formarReporteCatd(conteos, null, fin);
  return [
    { nombre: 'avance', ruta: '/reportes/avance?formato=json', datos: JSON.parse(JSON.stringify(avance)), error: null },
    { nombre: 'catd', ruta: '/reportes/catd?formato=json', datos: JSON.parse(JSON.stringify(catd)), error: null },
  ];
}
