import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { crearPolitica } from '@prep/domain';
import { COLS_AYUNTAMIENTO, SHA, escenario } from './actas-prueba';
import { csvEleccion, csvEleccionEnMemoria, escribirCsvEleccion, nombreArchivoCsv } from './csv-eleccion';

// DOMAIN.md "Published CSV", typed here on purpose (not imported) so the test checks the code.
const COLUMNAS_DOMAIN = (ambito: [string, string], votos: string[]) => [
  'CLAVE_CASILLA', 'CLAVE_ACTA', 'ID_ENTIDAD', 'ENTIDAD', ...ambito, 'SECCION', 'ID_CASILLA',
  'TIPO_CASILLA', 'EXT_CONTIGUA', 'UBICACION_CASILLA', 'TIPO_ACTA', 'TOTAL_BOLETAS_SOBRANTES',
  'TOTAL_PERSONAS_VOTARON', 'TOTAL_REP_PARTIDO_CI_VOTARON', 'TOTAL_VOTOS_SACADOS', ...votos,
  'TOTAL_VOTOS_ASENTADO', 'TOTAL_VOTOS_CALCULADO', 'LISTA_NOMINAL', 'REPRESENTANTES_PP_CI', 'OBSERVACIONES',
  'CONTABILIZADA', 'MECANISMOS_TRASLADO', 'CODIGO_INTEGRIDAD', 'FECHA_HORA_ACOPIO', 'FECHA_HORA_CAPTURA',
  'FECHA_HORA_VERIFICACION', 'ORIGEN', 'DIGITALIZACION', 'TIPO_DOCUMENTO', 'COTEJADA',
]; // prettier-ignore

const e = escenario();
const entrada = { catalogo: e.catalogo, tipoActa: '6', actas: e.estados, instante: e.instante, politica: e.politica, final: false };

/** The acta table as pandas' read_csv(f, skiprows=4) sees it: header on line 7, blank lines not counted. */
function tablaActas(b: Buffer): Record<string, string>[] {
  return parse(b.subarray(3).toString('utf8'), { record_delimiter: '\r', from_line: 7, columns: true }) as Record<string, string>[];
}

describe('csvEleccion: bytes', () => {
  it('starts with the UTF-8 BOM and ends every line, blank ones too, with CR alone', async () => {
    const b = await csvEleccion(entrada);
    expect([...b.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const texto = b.subarray(3).toString('utf8');
    expect(texto).not.toContain('\n');
    expect(texto.endsWith('\r')).toBe(true);
    const lineas = texto.split('\r');
    expect(lineas.slice(0, 7)).toEqual([
      'AYUNTAMIENTOS',
      '06/06/2027 21:30 (UTC-6)',
      '',
      'ACTAS_ESPERADAS,ACTAS_REGISTRADAS,ACTAS_FUERA_CATALOGO,ACTAS_CAPTURADAS,PORCENTAJE_ACTAS_CAPTURADAS,ACTAS_CONTABILIZADAS,PORCENTAJE_ACTAS_CONTABILIZADAS,PORCENTAJE_ACTAS_INCONSISTENCIAS,ACTAS_NO_CONTABILIZADAS,LISTA_NOMINAL_ACTAS_CONTABILIZADAS,TOTAL_VOTOS_C_CS,TOTAL_VOTOS_S_CS,PORCENTAJE_PARTICIPACION_CIUDADANA',
      '9,7,1,6,66.6666,4,44.4444,33.3333,2,1400,692,392,28.0000',
      '',
      COLUMNAS_DOMAIN(['ID_MUNICIPIO', 'MUNICIPIO'], COLS_AYUNTAMIENTO).join(','),
    ]);
    expect(lineas).toHaveLength(7 + 7 + 1); // 7 rows, and '' after the last CR
  });

  it('streams the same bytes it builds in memory, and ends the destination', async () => {
    const destino = new PassThrough();
    const partes: Buffer[] = [];
    destino.on('data', (c: Buffer) => partes.push(c));
    await escribirCsvEleccion(entrada, destino);
    expect(destino.writableEnded).toBe(true);
    expect(Buffer.concat(partes).equals(await csvEleccion(entrada))).toBe(true);
    expect(csvEleccionEnMemoria(entrada).equals(await csvEleccion(entrada))).toBe(true);
  });

  it('rejects before writing when the entrada is inconsistent', async () => {
    const destino = new PassThrough();
    let escrito = 0;
    destino.on('data', (c: Buffer) => (escrito += c.length));
    await expect(escribirCsvEleccion({ ...entrada, tipoActa: '9' }, destino)).rejects.toThrow(/tipo de acta "9"/);
    expect(escrito).toBe(0);
  });

  it('uses the policy zone for line 2 and every date', async () => {
    const b = await csvEleccion({ ...entrada, politica: crearPolitica({ zonaPublicacion: 'UTC-5' }) });
    const texto = b.subarray(3).toString('utf8');
    expect(texto.split('\r')[1]).toBe('06/06/2027 22:30 (UTC-5)');
    expect(tablaActas(b)[0].FECHA_HORA_ACOPIO).toBe('06/06/2027 21:10:00');
  });
});

describe('csvEleccion: the acta table', () => {
  it('is readable as pandas would (skiprows=4), in DOMAIN order of rows', async () => {
    const filas = tablaActas(await csvEleccion(entrada));
    // municipio 1 (045 B, E, S; 301 B), municipio 2 (120 B, C), then the fuera de catálogo row.
    expect(filas.map((f) => f.CLAVE_ACTA)).toEqual([
      "'140045B01006'",
      "'140045E01016'",
      "'140045S01006'",
      "'140301B01006'",
      "'140120B01006'",
      "'140120C01006'",
      "'140999B01006'",
    ]);
    expect(filas.every((f) => f.TIPO_ACTA === '6')).toBe(true);
  });

  it('writes a counted acta with its casilla, image and dates in UTC-6', async () => {
    const f = tablaActas(await csvEleccion(entrada))[0];
    expect(f).toMatchObject({
      CLAVE_CASILLA: "'140045B0100'",
      ID_ENTIDAD: '14',
      ENTIDAD: 'JALISCO',
      ID_MUNICIPIO: '1',
      MUNICIPIO: 'GUADALAJARA',
      SECCION: '45',
      ID_CASILLA: '1',
      TIPO_CASILLA: 'B',
      EXT_CONTIGUA: '0',
      UBICACION_CASILLA: 'ESCUELA 45B, CALLE "HIDALGO" 5',
      PAN: '100',
      PAN_PRI: '5',
      NULOS: '9',
      TOTAL_VOTOS_ASENTADO: '202',
      TOTAL_VOTOS_CALCULADO: '202',
      LISTA_NOMINAL: '600',
      REPRESENTANTES_PP_CI: '12',
      OBSERVACIONES: '',
      CONTABILIZADA: '1',
      MECANISMOS_TRASLADO: 'F',
      CODIGO_INTEGRIDAD: SHA('a'),
      FECHA_HORA_ACOPIO: '06/06/2027 20:10:00',
      FECHA_HORA_CAPTURA: '06/06/2027 20:13:00',
      FECHA_HORA_VERIFICACION: '06/06/2027 20:14:00',
      ORIGEN: 'CATD',
      DIGITALIZACION: 'Escáner',
      TIPO_DOCUMENTO: 'ACTA PREP',
      COTEJADA: '1',
    });
  });

  it('quotes only the cells that need it, and puts a catálogo line break on one line', async () => {
    const texto = (await csvEleccion(entrada)).toString('utf8');
    expect(texto).toContain(`,"ESCUELA 45B, CALLE ""HIDALGO"" 5",6,`);
    expect(texto).toContain(`,"ESCUELA PRIMARIA, CALLE 5 COLONIA CENTRO",`);
    expect(texto).toContain(`'140045B0100','140045B01006',14,JALISCO,`);
    expect(texto).toContain(`,"['Excede Lista Nominal', 'Sin dato']",0,`);
    expect(texto).toContain(`,['SIN ACTA (PAQUETE NO ENTREGADO)'],0,`);
  });

  it('writes Ilegible and Sin dato, the observaciones list, and a PREP Casilla image', async () => {
    const f = tablaActas(await csvEleccion(entrada)).find((x) => x.CLAVE_ACTA === "'140120B01006'")!;
    expect(f).toMatchObject({
      PAN: 'Ilegible',
      TOTAL_BOLETAS_SOBRANTES: 'Sin dato',
      TOTAL_VOTOS_CALCULADO: '57',
      OBSERVACIONES: "['Ilegible', 'Sin dato']",
      CONTABILIZADA: '1',
      ORIGEN: 'CASILLA',
      DIGITALIZACION: 'Móvil',
      TIPO_DOCUMENTO: '-',
    });
    const x = tablaActas(await csvEleccion(entrada)).find((r) => r.CLAVE_ACTA === "'140120C01006'")!;
    expect(x).toMatchObject({ OBSERVACIONES: "['Excede Lista Nominal', 'Sin dato']", CONTABILIZADA: '0', TOTAL_VOTOS_SACADOS: 'Sin dato' });
  });

  it('writes SIN ACTA and fuera de catálogo rows with their placeholders', async () => {
    const filas = tablaActas(await csvEleccion(entrada));
    const sin = filas.find((x) => x.CLAVE_ACTA === "'140301B01006'")!;
    expect(sin).toMatchObject({
      MUNICIPIO: 'GUADALAJARA',
      LISTA_NOMINAL: '400',
      PAN: '-',
      TOTAL_VOTOS_CALCULADO: '-',
      OBSERVACIONES: "['SIN ACTA (PAQUETE NO ENTREGADO)']",
      CONTABILIZADA: '0',
      MECANISMOS_TRASLADO: '-',
      CODIGO_INTEGRIDAD: '-',
      FECHA_HORA_ACOPIO: '-',
      ORIGEN: '-',
      COTEJADA: '0',
    });
    const fuera = filas.find((x) => x.CLAVE_ACTA === "'140999B01006'")!;
    expect(fuera).toMatchObject({
      ID_MUNICIPIO: 'N/A',
      MUNICIPIO: 'N/A',
      SECCION: '999',
      TIPO_CASILLA: 'B',
      UBICACION_CASILLA: 'N/A',
      LISTA_NOMINAL: 'N/A',
      REPRESENTANTES_PP_CI: 'N/A',
      PAN: '-',
      OBSERVACIONES: "['FUERA DE CATALOGO']",
      CONTABILIZADA: '2',
      CODIGO_INTEGRIDAD: SHA('f'),
      FECHA_HORA_ACOPIO: '06/06/2027 21:00:00',
      FECHA_HORA_CAPTURA: '-',
      COTEJADA: '0',
    });
  });

  it('a distrito election has ID_DISTRITO_LOCAL, DISTRITO_LOCAL and its own vote columns', async () => {
    const b = await csvEleccion({ ...entrada, tipoActa: '5' });
    const lineas = b.subarray(3).toString('utf8').split('\r');
    expect(lineas[0]).toBe('DIPUTACIONES LOCALES MR');
    expect(lineas[6]).toBe(COLUMNAS_DOMAIN(['ID_DISTRITO_LOCAL', 'DISTRITO_LOCAL'], ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS']).join(','));
    expect(tablaActas(b)).toEqual([
      expect.objectContaining({ CLAVE_ACTA: "'140045B01005'", ID_DISTRITO_LOCAL: '2', DISTRITO_LOCAL: 'DISTRITO 02', MORENA: '30' }),
    ]);
  });

  it('a late image after publication changes no byte of the corte', async () => {
    const antes = await csvEleccion(entrada);
    const x = escenario();
    // A CATD scan arriving after the acta was published from its PREP Casilla photo.
    x.actas.ilegible.imagen('2027-06-07T03:20:00Z', 99, SHA('9'));
    expect(x.actas.ilegible.final.imagenes).toHaveLength(2);
    expect(x.actas.ilegible.eventos.at(-1)!.evento.tipo).toBe('IMAGEN_DIGITALIZADA');
    const actas = Object.values(x.actas).map((a) => a.final);
    expect(actas).toContain(x.actas.ilegible.final);
    const despues = await csvEleccion({ ...entrada, actas });
    expect(despues.equals(antes)).toBe(true);
  });
});

describe('nombreArchivoCsv', () => {
  it('is ASCII, deterministic and carries the tipo de acta', () => {
    expect(nombreArchivoCsv({ tipoActa: '6', nombre: 'AYUNTAMIENTOS', ambito: 'MUNICIPIO', columnasVoto: [] })).toBe('PREP_AYUNTAMIENTOS_6.csv');
    expect(nombreArchivoCsv({ tipoActa: '12', nombre: 'Diputación local: MR (Año 2027) — Ñ', ambito: 'DISTRITO_LOCAL', columnasVoto: [] })).toBe(
      'PREP_DIPUTACION_LOCAL_MR_ANO_2027_N_12.csv',
    );
    expect(nombreArchivoCsv({ tipoActa: '4', nombre: '¿?', ambito: 'MUNICIPIO', columnasVoto: [] })).toBe('PREP_4.csv');
  });
});
