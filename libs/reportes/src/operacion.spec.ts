import { parse } from 'csv-parse/sync';
import { alertasOperacion, csvOperacion, formarOperacion, htmlOperacion, type DatosOperacion } from './index';

const ZONA = { etiqueta: 'UTC-6', minutos: -360 };
const AHORA = new Date('2026-06-07T06:00:00Z');

const sano = (): DatosOperacion => ({
  atoradas: { total: 0, actas: [] },
  temporal: {
    disponible: true,
    flujos: [
      { estado: 'Running', cantidad: 3 },
      { estado: 'Completed', cantidad: 9 },
    ],
    atoradosEnTemporal: 0,
    revisados: 3,
    reintentando: [],
  },
  reinicios: { disponible: true, lista: [] },
  bitacora: { disponible: true, txId: 120, firmado: true, firmaValida: true, claveEsperada: true, estadoConfiable: 'ab12' },
  compilacion: {
    disponible: true,
    puestaEnCeros: '2026-06-06T23:00:00.000Z',
    mensaje: 'Los 2 proceso(s) iniciados desde la puesta en ceros corren la compilación registrada en ella.',
    procesos: [
      { tipo: 'api', host: 'h1', pid: 10, inicio: '2026-06-06T23:10:00.000Z', coincide: true, diferencias: 0 },
      { tipo: 'worker', host: 'h1', pid: 11, inicio: '2026-06-06T23:11:00.000Z', coincide: true, diferencias: 0 },
    ],
  },
});

describe('Operación', () => {
  it('a healthy operation has no alert', () => {
    expect(alertasOperacion(sano())).toEqual([]);
    expect(htmlOperacion(formarOperacion(sano(), AHORA), ZONA)).toContain('Sin alertas');
  });

  it('alerts, most serious first: bitácora, builds, Temporal, atoradas', () => {
    const d = sano();
    d.atoradas = { total: 2, actas: [{ claveActa: '1401234B01002', fase: 'EN_CAPTURA', catd: 'M001', atoradaDesde: '2026-06-07T05:15:30.000Z' }] };
    d.bitacora = { disponible: true, txId: 120, firmado: true, firmaValida: false, claveEsperada: true, estadoConfiable: null };
    if (d.compilacion.disponible) d.compilacion.procesos[1] = { ...d.compilacion.procesos[1], coincide: false, diferencias: 2 };
    d.temporal = {
      disponible: true,
      flujos: [
        { estado: 'Running', cantidad: 3 },
        { estado: 'Failed', cantidad: 1 },
        { estado: 'Terminated', cantidad: 2 },
      ],
      atoradosEnTemporal: 2,
      revisados: 3,
      reintentando: [{ claveActa: '1401234B01003', actividad: 'registrarTransicion', intento: 4, ultimoError: 'immudb no responde' }],
    };
    expect(alertasOperacion(d)).toEqual([
      'Bitácora: la firma del último estado NO es válida.',
      'Compilación: 1 proceso(s) NO corren la compilación de la puesta en ceros.',
      'Temporal: 1 flujo(s) reintentando una actividad.',
      'Temporal: 3 flujo(s) terminaron sin completarse (fallidos, terminados, cancelados o vencidos).',
      '2 acta(s) atorada(s).',
    ]);
    const r = formarOperacion(d, AHORA);
    // 05:15:30 → 06:00:00 is 44.5 min: whole minutes, truncated.
    expect(r.atoradas.actas[0].minutosAtorada).toBe(44);
    const html = htmlOperacion(r, ZONA);
    for (const id of ['alertas', 'atoradas', 'flujos', 'reinicios', 'bitacora', 'compilacion', 'definiciones']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toMatch(/<h1>Operación del PREP<\/h1>/);
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('DIFIERE (2)');
    expect(html).toContain('immudb no responde');
    expect(html).toContain('06/06/2026 23:15:30 (UTC-6)');
  });

  it('a part that could not be read is reported as such and the rest still shows', () => {
    const d = sano();
    d.bitacora = { disponible: false, codigo: 'BITACORA_NO_DISPONIBLE', mensaje: 'No hay conexión con la bitácora (immudb): timeout' };
    d.temporal = { disponible: false, codigo: 'TEMPORAL_NO_DISPONIBLE', mensaje: 'Temporal no responde' };
    expect(alertasOperacion(d)).toEqual(['Bitácora: No hay conexión con la bitácora (immudb): timeout', 'Temporal: Temporal no responde']);
    const r = formarOperacion(d, AHORA);
    const filas: string[][] = parse(csvOperacion(r).slice(1));
    expect(filas.find((f) => f[0] === 'BITACORA')).toEqual([
      'BITACORA',
      'BITACORA_NO_DISPONIBLE',
      'NO_DISPONIBLE',
      'No hay conexión con la bitácora (immudb): timeout',
      '',
    ]);
    expect(filas.filter((f) => f[0] === 'PROCESO').map((f) => f[2])).toEqual(['COINCIDE', 'COINCIDE']);
    expect(htmlOperacion(r, ZONA)).toContain('<b>No disponible</b> (TEMPORAL_NO_DISPONIBLE)');
  });

  it('CSV: one row per figure, atorada, workflow status, reset and process', () => {
    const d = sano();
    d.reinicios = { disponible: true, lista: [{ claveActa: '1401234B01002', operador: 'op1', motivo: 'worker caído', fechaHora: '2026-06-07T05:00:00.000Z' }] };
    const filas: string[][] = parse(csvOperacion(formarOperacion(d, AHORA)).slice(1));
    expect(filas[0]).toEqual(['BLOQUE', 'CLAVE', 'VALOR', 'DETALLE', 'FECHA_HORA']);
    expect(filas.find((f) => f[0] === 'ATORADAS')).toEqual(['ATORADAS', 'TOTAL', '0', '', '']);
    expect(filas.find((f) => f[0] === 'FLUJOS' && f[1] === 'Completed')![2]).toBe('9');
    expect(filas.find((f) => f[0] === 'REINICIO')).toEqual(['REINICIO', '1401234B01002', 'op1', 'worker caído', '2026-06-07T05:00:00.000Z']);
    expect(filas.find((f) => f[0] === 'BITACORA' && f[1] === 'FIRMA_VALIDA')![2]).toBe('SI');
    expect(filas.find((f) => f[0] === 'PROCESO')).toEqual(['PROCESO', 'api@h1:10', 'COINCIDE', '0 diferencia(s)', '2026-06-06T23:10:00.000Z']);
  });
});
