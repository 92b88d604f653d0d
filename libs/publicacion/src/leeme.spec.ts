import { crearPolitica } from '@prep/domain';
import { catalogoPrueba } from './actas-prueba';
import { columnasActaCsv } from './fila-acta';
import { textoLeemeCorte } from './leeme';
import { manifiestoCorteJson, sha256Catalogo } from './manifiesto';
import { COLUMNAS_RESUMEN } from './resumen';

describe('textoLeemeCorte', () => {
  const catalogo = catalogoPrueba();
  const texto = textoLeemeCorte(catalogo);

  it('describes every summary and acta column of every election', () => {
    for (const c of COLUMNAS_RESUMEN) expect(texto).toMatch(new RegExp(`^${c}: \\S`, 'm'));
    for (const e of catalogo.elecciones) {
      for (const c of columnasActaCsv(e)) expect(texto).toContain(c);
      expect(texto).toContain(`Votos de PREP_${e.nombre.replace(/ /g, '_')}_${e.tipoActa}.csv, en este orden: ${e.columnasVoto.join(', ')}.`);
    }
  });

  it('explains placeholders, codes, zone, line ends, pandas and how to verify', () => {
    for (const s of [
      '-  sin valor',
      'Ilegible  ',
      'Sin dato  ',
      'N/A  no aplica',
      '2 fuera de catálogo',
      'B básica',
      'UTC-6',
      'retorno de carro solo',
      'skiprows=3, nrows=1, header=None',
      'skiprows=4',
      'npm run auditoria -- corte verificar <zip> <paquete>',
      'trunca (no se redondea)',
    ]) {
      expect(texto).toContain(s);
    }
    expect(textoLeemeCorte(catalogo, crearPolitica({ zonaPublicacion: 'UTC-5', participacionFinal: 'C_CS' }))).toMatch(
      /UTC-5[\s\S]*En el corte final se usa TOTAL_VOTOS_C_CS/,
    );
  });
});

describe('manifiestoCorteJson', () => {
  it('is canonical JSON: keys sorted, no spaces, same bytes for the same manifiesto', () => {
    const m = {
      version: 1 as const,
      formato: 'prep-corte' as const,
      numero: 2,
      instante: '2027-06-07T03:30:00Z',
      estadoFirmado: { txId: 10, db: 'prep', txHash: 'ab', firma: { b: 1, a: 2 } },
      catalogoSha256: sha256Catalogo(catalogoPrueba()),
      archivos: [{ nombre: 'LEEME.txt', sha256: '0'.repeat(64), bytes: 3 }],
    };
    const json = manifiestoCorteJson(m);
    expect(json.startsWith('{"archivos":[{"bytes":3,"nombre":"LEEME.txt"')).toBe(true);
    expect(json).toContain('"estadoFirmado":{"db":"prep","firma":{"a":2,"b":1},"txHash":"ab","txId":10}');
    expect(manifiestoCorteJson({ ...m })).toBe(json);
  });
});
