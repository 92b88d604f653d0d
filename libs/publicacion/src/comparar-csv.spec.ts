import { escenario } from './actas-prueba';
import { compararCsv } from './comparar-csv';
import { csvEleccionEnMemoria } from './csv-eleccion';

const e = escenario();
const original = csvEleccionEnMemoria({ catalogo: e.catalogo, tipoActa: '6', actas: e.estados, instante: e.instante, politica: e.politica, final: false });
const texto = original.toString('utf8');
const lineas = texto.split('\r');

/** The same file with line n (1-based, after the BOM) replaced. */
function conLinea(n: number, f: (l: string) => string): string {
  const copia = [...lineas];
  copia[n - 1] = f(copia[n - 1]);
  return copia.join('\r');
}

describe('compararCsv', () => {
  it('finds nothing in identical files (Buffer or string)', () => {
    expect(compararCsv(original, texto)).toEqual([]);
  });

  it('names line, CLAVE_ACTA and column of a changed cell', () => {
    // Line 8 is the first acta: 140045B01006, PAN 100.
    const cambiado = conLinea(8, (l) => l.replace(',6,100,202,2,202,100,80,', ',6,100,202,2,202,101,80,'));
    expect(compararCsv(original, cambiado)).toEqual([
      {
        tipo: 'CELDA',
        linea: 8,
        claveActa: '140045B01006',
        columna: 'PAN',
        esperado: '100',
        publicado: '101',
        mensaje: 'Línea 8, acta 140045B01006, columna PAN: se esperaba "100" y se publicó "101".',
      },
    ]);
  });

  it('names the summary column of a changed summary value', () => {
    const cambiado = conLinea(5, (l) => l.replace('1400,692,392', '1400,693,392'));
    expect(compararCsv(original, cambiado)).toEqual([
      expect.objectContaining({ tipo: 'RESUMEN', linea: 5, columna: 'TOTAL_VOTOS_C_CS', esperado: '692', publicado: '693' }),
    ]);
  });

  it('reports a missing row with the line it should have had, and an extra or repeated one', () => {
    const sinFila = [...lineas.slice(0, 8), ...lineas.slice(9)].join('\r');
    expect(compararCsv(original, sinFila)).toEqual([
      expect.objectContaining({ tipo: 'FILA_FALTANTE', linea: 9, claveActa: '140045E01016', mensaje: expect.stringMatching(/Falta el acta 140045E01016/) }),
    ]);
    const repetida = [...lineas.slice(0, 9), lineas[8], ...lineas.slice(9)].join('\r');
    expect(compararCsv(original, repetida)).toEqual([expect.objectContaining({ tipo: 'FILA_SOBRANTE', linea: 10, claveActa: '140045E01016' })]);
    const ajena = [...lineas.slice(0, 8), lineas[7].replace(/140045B01006/, '140046B01006'), ...lineas.slice(8)].join('\r');
    expect(compararCsv(original, ajena)).toEqual([expect.objectContaining({ tipo: 'FILA_SOBRANTE', linea: 9, claveActa: '140046B01006' })]);
  });

  it('reports rows out of order', () => {
    const desordenado = [...lineas.slice(0, 7), lineas[8], lineas[7], ...lineas.slice(9)].join('\r');
    expect(compararCsv(original, desordenado)).toEqual([expect.objectContaining({ tipo: 'ORDEN', claveActa: '140045B01006' })]);
  });

  it('reports a missing BOM and CRLF line ends, and nothing else when the cells are equal', () => {
    expect(compararCsv(original, texto.slice(1))).toEqual([expect.objectContaining({ tipo: 'BOM', linea: 1 })]);
    const crlf = texto.replace(/\r/g, '\r\n');
    expect(compararCsv(original, crlf)).toEqual([
      expect.objectContaining({
        tipo: 'FIN_DE_LINEA',
        esperado: 'CR',
        publicado: 'CRLF',
        mensaje: expect.stringMatching(/terminan en CRLF y deben terminar en CR/),
      }),
    ]);
  });

  it('reports a header or column change', () => {
    const d = compararCsv(
      original,
      conLinea(1, () => '\ufeffAYUNTAMIENTO'),
    );
    expect(d).toEqual([expect.objectContaining({ tipo: 'ENCABEZADO', linea: 1, esperado: 'AYUNTAMIENTOS', publicado: 'AYUNTAMIENTO' })]);
    const renombrada = compararCsv(
      original,
      conLinea(7, (l) => l.replace(',PAN_PRI,', ',PAN-PRI,')),
    );
    expect(renombrada).toEqual([expect.objectContaining({ tipo: 'COLUMNAS', linea: 7 })]);
  });

  it('reports a byte difference that changes no cell', () => {
    const comillas = conLinea(8, (l) => l.replace(',JALISCO,', ',"JALISCO",'));
    expect(compararCsv(original, comillas)).toEqual([expect.objectContaining({ tipo: 'BYTES', linea: 8 })]);
  });
});
