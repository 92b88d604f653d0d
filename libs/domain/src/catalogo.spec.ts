import {
  Catalogo,
  DEFAULT_POLITICA_PREP,
  actasEsperadas,
  contextoDeActa,
  formatearErrorCatalogo,
  indexarCatalogo,
  parseClaveActa,
  rechazoCatdDesconocido,
  rechazoClaveAjena,
  validarCatalogo,
  validarColumnasVoto,
} from './index';

function pequeno(): Catalogo {
  return {
    version: 't',
    entidad: { id: 14, nombre: 'JALISCO' },
    distritos: [{ id: 1, nombre: 'D1' }],
    municipios: [{ id: 1, nombre: 'M1' }],
    catds: [
      { id: 'D01', nombre: 'CATD D1', tipo: 'DISTRITAL', idDistrito: 1 },
      { id: 'M001', nombre: 'CATD M1', tipo: 'MUNICIPAL', idMunicipio: 1 },
    ],
    elecciones: [
      { tipoActa: '5', nombre: 'DIPUTACIONES LOCALES MR', ambito: 'DISTRITO_LOCAL', columnasVoto: ['PAN', 'PRI', 'NO_REGISTRADAS', 'NULOS'] },
      { tipoActa: '6', nombre: 'AYUNTAMIENTOS', ambito: 'MUNICIPIO', columnasVoto: ['PAN', 'MC', 'NO_REGISTRADAS', 'NULOS'] },
    ],
    casillas: [
      {
        seccion: 12,
        tipo: 'B',
        idCasilla: 1,
        extContigua: 0,
        ubicacion: 'X',
        listaNominal: 500,
        representantes: 8,
        idDistritoLocal: 1,
        idMunicipio: 1,
        catd: 'M001',
      },
      {
        seccion: 12,
        tipo: 'E',
        idCasilla: 1,
        extContigua: 1,
        ubicacion: 'Y',
        listaNominal: 300,
        representantes: 8,
        idDistritoLocal: 1,
        idMunicipio: 1,
        catd: 'M001',
      },
    ],
  };
}

describe('actasEsperadas', () => {
  it('una por casilla y elección', () => {
    expect(actasEsperadas(pequeno())).toEqual([
      { claveActa: '140012B01005', claveCasilla: '140012B0100', tipoActa: '5' },
      { claveActa: '140012B01006', claveCasilla: '140012B0100', tipoActa: '6' },
      { claveActa: '140012E01015', claveCasilla: '140012E0101', tipoActa: '5' },
      { claveActa: '140012E01016', claveCasilla: '140012E0101', tipoActa: '6' },
    ]);
    const i = indexarCatalogo(pequeno());
    expect(i.size).toBe(4);
    expect(i.get('140012E01016')?.eleccion.nombre).toBe('AYUNTAMIENTOS');
    expect(i.get('140012E01016')?.casilla.listaNominal).toBe(300);
    expect(contextoDeActa(i.get('140012E01016'), DEFAULT_POLITICA_PREP)).toEqual({
      politica: DEFAULT_POLITICA_PREP,
      columnasVoto: ['PAN', 'MC', 'NO_REGISTRADAS', 'NULOS'],
      casilla: { tipo: 'E', listaNominal: 300, representantes: 8 },
      rolesUsuario: [],
    });
    expect(contextoDeActa(i.get('149999B01006'), DEFAULT_POLITICA_PREP).casilla).toBeNull();
  });
});

describe('validarCatalogo', () => {
  it('acepta un catálogo coherente', () => {
    expect(validarCatalogo(pequeno())).toEqual([]);
  });

  it('señala la línea del archivo de casillas cuando se da', () => {
    const c = pequeno();
    c.casillas[1] = { ...c.casillas[1], catd: 'X' };
    const errores = validarCatalogo(c, { casillas: [2, 123] });
    expect(errores.map(formatearErrorCatalogo)).toEqual(["casillas línea 123: el CATD 'X' no existe."]);
  });

  it('sin líneas usa la posición', () => {
    const c = pequeno();
    c.casillas[0] = { ...c.casillas[0], idMunicipio: 9, idDistritoLocal: 7 };
    expect(validarCatalogo(c).map(formatearErrorCatalogo)).toEqual(['casillas #1: el distrito local 7 no existe.', 'casillas #1: el municipio 9 no existe.']);
  });

  it('detecta casillas repetidas, tipos inválidos, conteos negativos y ext contigua fuera de E', () => {
    const c = pequeno();
    c.casillas.push({ ...c.casillas[0] });
    c.casillas.push({ ...c.casillas[0], seccion: 13, tipo: 'X' as never });
    c.casillas.push({ ...c.casillas[0], seccion: 14, listaNominal: -1, representantes: 1.5 });
    c.casillas.push({ ...c.casillas[0], seccion: 15, tipo: 'C', extContigua: 1 });
    const m = validarCatalogo(c).map(formatearErrorCatalogo);
    expect(m).toEqual([
      'casillas #3: la casilla 140012B0100 está repetida (ya aparece en casillas #1).',
      'casillas #4: el tipo de casilla debe ser B, C, E o S (se recibió "X").',
      'casillas #5: la lista nominal debe ser un entero ≥ 0 (se recibió -1).',
      'casillas #5: los representantes deben ser un entero ≥ 0 (se recibió 1.5).',
      'casillas #6: la extensión contigua debe ser 0 salvo en casillas extraordinarias (E); esta es tipo C con 1.',
    ]);
  });

  it('revisa CATD, distritos, municipios y elecciones', () => {
    const c = pequeno();
    c.catds.push({ id: 'D01', nombre: 'otro', tipo: 'DISTRITAL', idDistrito: 5 });
    c.catds.push({ id: 'Z', nombre: 'z', tipo: 'RARO' as never });
    c.municipios.push({ id: 1, nombre: '' });
    c.elecciones.push({ tipoActa: '5', nombre: 'X', ambito: 'MUNICIPIO', columnasVoto: ['PAN', 'NO_REGISTRADAS', 'NULOS'] });
    const m = validarCatalogo(c, { catds: [10, 11, 12, 13] }).map(formatearErrorCatalogo);
    expect(m).toEqual(
      expect.arrayContaining([
        'municipios #2: el id 1 está repetido.',
        'municipios #2: falta el nombre del id 1.',
        "catds línea 12: el CATD 'D01' está repetido.",
        "catds línea 12: el CATD distrital 'D01' debe indicar un distrito existente (se recibió 5).",
        "catds línea 13: el tipo del CATD 'Z' debe ser DISTRITAL o MUNICIPAL (se recibió RARO).",
        "elecciones #3: el tipo de acta '5' está repetido.",
      ]),
    );
  });

  it('columnas de voto: únicas, en mayúsculas y terminando en NO_REGISTRADAS, NULOS', () => {
    expect(validarColumnasVoto(['PAN', 'NO_REGISTRADAS', 'NULOS'])).toEqual([]);
    expect(validarColumnasVoto(['PAN', 'PAN', 'NO_REGISTRADAS', 'NULOS'])).toEqual(['la columna PAN está repetida.']);
    expect(validarColumnasVoto(['pan', 'NO_REGISTRADAS', 'NULOS'])[0]).toMatch(/"pan" no es válida/);
    expect(validarColumnasVoto(['PAN', 'NULOS', 'NO_REGISTRADAS'])[0]).toMatch(/terminar en NO_REGISTRADAS, NULOS/);
    expect(validarColumnasVoto(['PAN', 'TOTAL_VOTOS_ASENTADO', 'NO_REGISTRADAS', 'NULOS'])[0]).toMatch(/es un total/);
    expect(validarColumnasVoto([])).toEqual(['la elección no tiene columnas de voto.']);
  });

  it('columnas de voto: que quepan en una captura (nombres ≤ 64, a lo más MAX_CAMPOS_ACTA campos)', () => {
    expect(validarColumnasVoto([`P${'A'.repeat(64)}`, 'NO_REGISTRADAS', 'NULOS'])[0]).toMatch(/de 1 a 64 mayúsculas/);
    const muchas = [...Array.from({ length: 194 }, (_, i) => `P${i}`), 'NO_REGISTRADAS', 'NULOS'];
    expect(validarColumnasVoto(muchas)).toEqual(['la elección tiene 196 columnas de voto; con los 5 totales un acta admite a lo más 200 campos.']);
    expect(validarColumnasVoto(muchas.slice(1))).toEqual([]);
  });
});

describe('lo que pertenece a este PREP', () => {
  const c = pequeno();
  const ajena = (clave: string) => rechazoClaveAjena(parseClaveActa(clave), c.entidad, c.elecciones);

  it('una clave de la entidad y de una elección del catálogo puede ser del PREP, esté o no su casilla', () => {
    expect(ajena('140012B01005')).toBeNull();
    expect(ajena('149999B01006')).toBeNull(); // casilla not in the catálogo: fuera de catálogo, not refused
  });

  it('rechaza otra entidad y un tipo de acta que el catálogo no tiene, diciendo qué corregir', () => {
    expect(ajena('150012B01005')).toMatchObject({
      codigo: 'CLAVE_DE_OTRA_ENTIDAD',
      status: 422,
      mensaje: expect.stringMatching(/entidad 15.*entidad 14 \(JALISCO\)/),
    });
    expect(ajena('140012B01009')).toMatchObject({
      codigo: 'TIPO_ACTA_DESCONOCIDO',
      status: 422,
      mensaje: expect.stringMatching(/tipo de acta 9.*5 \(DIPUTACIONES LOCALES MR\), 6 \(AYUNTAMIENTOS\)/),
    });
  });

  it('un CATD que el catálogo no tiene se rechaza listando los que hay', () => {
    expect(rechazoCatdDesconocido('M001', ['D01', 'M001'])).toBeNull();
    expect(rechazoCatdDesconocido('M999', ['D01', 'M001'])).toMatchObject({
      codigo: 'CATD_DESCONOCIDO',
      status: 422,
      mensaje: expect.stringMatching(/'M999'.*D01, M001/),
    });
    const muchos = Array.from({ length: 20 }, (_, i) => `M${String(i + 1).padStart(3, '0')}`);
    expect(rechazoCatdDesconocido('X', muchos)!.mensaje).toMatch(/M012 … \(y 8 más\)/);
  });
});
