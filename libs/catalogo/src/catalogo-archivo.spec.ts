import { actasEsperadas, generarCatalogo, type Catalogo } from '@prep/domain';
import { COLUMNAS_CASILLAS } from './casillas-csv';
import { escribirCatalogo, leerCatalogo, MAX_ERRORES, type CatalogoRechazado } from './catalogo-archivo';

const ENCABEZADO = COLUMNAS_CASILLAS.join(',');

/** Small but complete: 3 distritos, 5 municipios, both kinds of CATD, two elecciones. */
function pequeno(): Catalogo {
  return generarCatalogo({ semilla: 7, casillas: 40, distritos: 3, municipios: 5, catdsMunicipales: 2 });
}

function rechazado(r: ReturnType<typeof leerCatalogo>): CatalogoRechazado {
  if (r.ok) throw new Error('se esperaba un catálogo rechazado');
  return r;
}

/** Puts a value the writer copies as is (even a wrong one) into casillas[i]. */
function conValor(c: Catalogo, i: number, campo: keyof Catalogo['casillas'][number], valor: string): void {
  (c.casillas[i] as unknown as Record<string, unknown>)[campo] = valor;
}

/** Replaces data line `n` (1 = header) of a CSV text. */
function conLinea(csv: string, n: number, linea: string): string {
  const lineas = csv.split('\n');
  lineas[n - 1] = linea;
  return lineas.join('\n');
}

describe('leerCatalogo', () => {
  it('reads back what escribirCatalogo wrote: same catálogo, same actas esperadas', () => {
    const original = pequeno();
    const r = leerCatalogo(escribirCatalogo(original));
    if (!r.ok) throw new Error(r.errores.join('\n'));
    expect(r.catalogo).toEqual(original);
    expect(actasEsperadas(r.catalogo)).toHaveLength(40 * 2);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts Buffers, a BOM, CRLF line ends and quoted fields with commas, quotes and line breaks', () => {
    const c = pequeno();
    c.casillas[0].ubicacion = 'ESCUELA "BENITO JUÁREZ", CALLE 5\nCOLONIA CENTRO';
    const { json, csv } = escribirCatalogo(c);
    const r = leerCatalogo({ json: Buffer.from(json), csv: Buffer.from(csv.replace(/\n(?=\d|$)/g, '\r\n')) });
    if (!r.ok) throw new Error(r.errores.join('\n'));
    expect(r.catalogo.casillas[0].ubicacion).toBe(c.casillas[0].ubicacion);
  });

  it('accepts the casillas inline in catalogo.json, with the same SHA-256 as the CSV form', () => {
    const c = pequeno();
    const { json, csv } = escribirCatalogo(c);
    const inline = JSON.stringify({ ...JSON.parse(json), casillas: c.casillas });
    const a = leerCatalogo({ json, csv });
    const b = leerCatalogo({ json: inline });
    expect(a.ok && b.ok).toBe(true);
    expect(a.ok && b.ok && a.sha256 === b.sha256).toBe(true);
  });

  it('gives the same SHA-256 when only whitespace, key order or the order of casilla rows differ', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const doc = JSON.parse(json);
    const reordenado = JSON.stringify({
      elecciones: doc.elecciones,
      catds: doc.catds,
      municipios: doc.municipios,
      distritos: doc.distritos,
      entidad: doc.entidad,
      version: doc.version,
    });
    const [cabeza, ...filas] = csv.trimEnd().split('\n');
    const csvInvertido = [cabeza, ...filas.reverse().map((f) => `  ${f}\t `)].join('\n') + '\n\n';
    const a = leerCatalogo({ json, csv });
    const b = leerCatalogo({ json: reordenado, csv: csvInvertido });
    if (!a.ok || !b.ok) throw new Error('ambos deben leerse');
    expect(b.sha256).toBe(a.sha256);

    const otro = pequeno();
    otro.casillas[3].listaNominal += 1;
    const c = leerCatalogo(escribirCatalogo(otro));
    expect(c.ok && c.sha256).not.toBe(a.sha256);
  });

  it('keeps the SHA-256 of catálogos already loaded (its canonical form now lives in libs/domain)', () => {
    // Hashes are stored in catalogo_carga and written in cortes' manifests: moving the code must not change them.
    const r = leerCatalogo(escribirCatalogo(pequeno()));
    expect(r.ok && r.sha256).toBe('9f7d81836b7705e2d27702569e32aaf47c631e30db5a8908185f2c2ea8469311');
  });

  it('refuses a wrong header, naming the expected one and what is missing', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const r = rechazado(leerCatalogo({ json, csv: csv.replace('LISTA_NOMINAL', 'LISTA') }));
    expect(r.errores).toEqual([
      expect.stringMatching(
        new RegExp(`^casillas\\.csv línea 1: el encabezado debe ser exactamente '${ENCABEZADO}'.*Faltan: LISTA_NOMINAL\\. Sobran: 'LISTA'`),
      ),
    ]);
  });

  it('says when the separator is not a comma', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const r = rechazado(leerCatalogo({ json, csv: csv.replace(/,/g, ';') }));
    expect(r.errores[0]).toMatch(/^casillas\.csv línea 1: .*El separador debe ser la coma/);
  });

  it('reports a bad number with its line and the value received, and refuses the whole file', () => {
    const c = pequeno();
    conValor(c, 5, 'listaNominal', 'abc'); // casillas[5] is on line 7 (line 1 is the header)
    const r = rechazado(leerCatalogo(escribirCatalogo(c)));
    expect(r.errores).toEqual(["casillas.csv línea 7: LISTA_NOMINAL debe ser un entero ≥ 0 (se recibió 'abc')"]);
    expect(r.total).toBe(1);
  });

  it('reports every bad field of every line, sorted by line, with the column count of a short line', () => {
    const c = pequeno();
    conValor(c, 7, 'tipo', 'X');
    conValor(c, 7, 'representantes', '-3');
    const { json, csv } = escribirCatalogo(c);
    const r = rechazado(leerCatalogo({ json, csv: conLinea(csv, 4, '1,B,1') }));
    expect(r.errores).toEqual([
      'casillas.csv línea 4: se esperaban 10 columnas y hay 3.',
      "casillas.csv línea 9: TIPO_CASILLA debe ser B, C, E o S (se recibió 'X')",
      "casillas.csv línea 9: REPRESENTANTES_PP_CI debe ser un entero ≥ 0 (se recibió '-3')",
    ]);
  });

  it('reports an unknown CATD (a cross-check of the domain) with its CSV line', () => {
    const c = pequeno();
    conValor(c, 10, 'catd', 'M999');
    const r = rechazado(leerCatalogo(escribirCatalogo(c)));
    expect(r.errores).toEqual(["casillas.csv línea 12: el CATD 'M999' no existe."]);
  });

  it('counts lines from where a record starts, even after a quoted field that spans lines', () => {
    const c = pequeno();
    c.casillas[2].ubicacion = 'ESCUELA\nPRIMARIA\nNOCTURNA';
    conValor(c, 4, 'idMunicipio', '0');
    const r = rechazado(leerCatalogo(escribirCatalogo(c)));
    expect(r.errores).toEqual(["casillas.csv línea 8: ID_MUNICIPIO debe ser un entero ≥ 1 (se recibió '0')"]);
  });

  it('reports a repeated casilla pointing at both lines', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const r = rechazado(leerCatalogo({ json, csv: conLinea(csv, 10, csv.split('\n')[2]) }));
    expect(r.errores).toEqual([expect.stringMatching(/^casillas\.csv línea 10: la casilla \w+ está repetida \(ya aparece en casillas línea 3\)\.$/)]);
  });

  it('reports a JSON syntax error with its line and column', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const lineas = json.split('\n');
    expect(lineas[3]).toBe('    "id": 14,');
    lineas[3] = '    "id": 14'; // the comma before "nombre" (line 5) is missing
    const r = rechazado(leerCatalogo({ json: lineas.join('\n'), csv }));
    expect(r.errores).toEqual(["catalogo.json línea 5, columna 5: el JSON no es válido: falta una coma o '}' después de un valor."]);
    expect(rechazado(leerCatalogo({ json: json.slice(0, 100), csv })).errores[0]).toMatch(
      /^catalogo\.json línea 7, columna 10: el JSON no es válido: un texto entre comillas no se cierra\.$/,
    );
    expect(rechazado(leerCatalogo({ json: json.slice(0, json.lastIndexOf('}')), csv })).errores[0]).toMatch(
      /^catalogo\.json línea \d+(, columna \d+)?: el JSON no es válido: (el archivo termina antes|falta una coma o '}')/,
    );
  });

  it('refuses unknown keys, wrong shapes and values the domain rejects, naming where', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const doc = JSON.parse(json);
    doc.catds[1].idDistrto = 2;
    doc.elecciones[0].columnasVoto = ['PAN', 'NULOS', 'NO_REGISTRADAS'];
    doc.distritos = doc.distritos.concat([{ id: 1, nombre: 'REPETIDO' }]);
    const r = rechazado(leerCatalogo({ json: JSON.stringify(doc), csv }));
    expect(r.errores).toEqual(["catalogo.json, catds #2: propiedad desconocida 'idDistrto'; se admiten: id, nombre, tipo, idDistrito, idMunicipio."]);

    delete doc.catds[1].idDistrto;
    const r2 = rechazado(leerCatalogo({ json: JSON.stringify(doc), csv }));
    expect(r2.errores).toEqual([
      'catalogo.json, distritos #4: el id 1 está repetido.',
      'catalogo.json, elecciones #1: las columnas de voto deben terminar en NO_REGISTRADAS, NULOS (en ese orden).',
    ]);
  });

  it('refuses a file that is not UTF-8, and missing or doubled casillas', () => {
    const { json, csv } = escribirCatalogo(pequeno());
    const latin1 = Buffer.from(csv.replace('\uFEFF', '') + '9999,B,1,0,JARDÍN DE NIÑOS,1,1,1,1,D01\n', 'latin1');
    expect(rechazado(leerCatalogo({ json, csv: latin1 })).errores[0]).toMatch(/^casillas\.csv: el archivo no está codificado en UTF-8/);
    expect(rechazado(leerCatalogo({ json })).errores[0]).toMatch(/^catalogo\.json: faltan las casillas/);
    const doble = JSON.stringify({ ...JSON.parse(json), casillas: pequeno().casillas });
    expect(rechazado(leerCatalogo({ json: doble, csv })).errores[0]).toMatch(/vienen en catalogo\.json y en casillas\.csv/);
  });

  it(`caps the list at ${MAX_ERRORES} errors and says how many more there are`, () => {
    const { json, csv } = escribirCatalogo(generarCatalogo({ semilla: 1, casillas: 120, distritos: 3, municipios: 5 }));
    const roto = csv.replace(/,(D|M)(\d+)\n/g, ',NO_EXISTE\n');
    const r = rechazado(leerCatalogo({ json, csv: roto }));
    expect(r.total).toBe(120);
    expect(r.errores).toHaveLength(MAX_ERRORES + 1);
    expect(r.errores[MAX_ERRORES]).toBe(`… y ${120 - MAX_ERRORES} errores más.`);
  });
});
