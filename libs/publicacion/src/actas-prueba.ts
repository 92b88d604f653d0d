/**
 * Test fixtures (used by the specs only, not exported): a small hand-made catálogo and actas
 * driven through the real acta machine of libs/domain, so the corte sees the states the
 * workflows produce.
 */
import {
  DEFAULT_POLITICA_PREP,
  aplicarComando,
  contextoDeActa,
  indexarCatalogo,
  type Captura,
  type Catalogo,
  type ComandoActa,
  type ContextoActa,
  type EstadoActa,
  type EventoActa,
  type PoliticaPrep,
} from '@prep/domain';

export const COLS_AYUNTAMIENTO = ['PAN', 'PRI', 'PAN_PRI', 'CAND_IND_1', 'NO_REGISTRADAS', 'NULOS'];

export function catalogoPrueba(): Catalogo {
  const casilla = (
    seccion: number,
    tipo: 'B' | 'C' | 'E' | 'S',
    idCasilla: number,
    extContigua: number,
    listaNominal: number,
    representantes: number,
    d: number,
    m: number,
  ) => ({
    seccion,
    tipo,
    idCasilla,
    extContigua,
    ubicacion: `ESCUELA ${seccion}${tipo}, CALLE "HIDALGO" 5`,
    listaNominal,
    representantes,
    idDistritoLocal: d,
    idMunicipio: m,
    catd: 'M001',
  });
  return {
    version: 'prueba-1',
    entidad: { id: 14, nombre: 'JALISCO' },
    distritos: [
      { id: 1, nombre: 'DISTRITO 01' },
      { id: 2, nombre: 'DISTRITO 02' },
    ],
    municipios: [
      { id: 1, nombre: 'GUADALAJARA' },
      { id: 2, nombre: 'ZAPOPAN' },
    ],
    catds: [{ id: 'M001', nombre: 'CATD MUNICIPAL 1', tipo: 'MUNICIPAL', idMunicipio: 1, idDistrito: null }],
    elecciones: [
      { tipoActa: '5', nombre: 'DIPUTACIONES LOCALES MR', ambito: 'DISTRITO_LOCAL', columnasVoto: ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'] },
      { tipoActa: '6', nombre: 'AYUNTAMIENTOS', ambito: 'MUNICIPIO', columnasVoto: [...COLS_AYUNTAMIENTO] },
    ],
    casillas: [
      { ...casilla(120, 'B', 1, 0, 500, 10, 1, 2), ubicacion: 'ESCUELA PRIMARIA, CALLE 5\nCOLONIA CENTRO' },
      casilla(120, 'C', 1, 0, 480, 8, 1, 2),
      casilla(45, 'B', 1, 0, 600, 12, 2, 1),
      casilla(45, 'S', 1, 0, 0, 6, 2, 1),
      casilla(45, 'E', 1, 1, 300, 4, 2, 1),
      casilla(300, 'B', 1, 0, 700, 10, 1, 1),
      casilla(300, 'C', 2, 0, 650, 10, 1, 1),
      casilla(301, 'B', 1, 0, 400, 10, 1, 1),
      casilla(302, 'B', 1, 0, 410, 10, 1, 1),
    ],
  };
}

/** One acta driven command by command; every event kept (with a txId of our choosing) for the fold. */
export class ActaPrueba {
  estado: EstadoActa | null = null;
  readonly eventos: { evento: EventoActa; txId: number }[] = [];
  private readonly ctx: ContextoActa;

  constructor(
    readonly clave: string,
    catalogo: Catalogo,
    politica: PoliticaPrep = DEFAULT_POLITICA_PREP,
  ) {
    this.ctx = contextoDeActa(indexarCatalogo(catalogo).get(clave), politica, ['coordinador']);
  }

  paso(comando: ComandoActa, txId: number): this {
    const r = aplicarComando(this.estado, comando, this.ctx);
    this.estado = r.estado;
    this.eventos.push(...r.eventos.map((evento) => ({ evento, txId })));
    return this;
  }

  acopio(fechaHora: string, txId: number, fueraDeCatalogo = false): this {
    return this.paso({ tipo: 'ACOPIO', claveActa: this.clave, catd: 'M001', usuario: 'aco1', fechaHora, mecanismoTraslado: 'F', fueraDeCatalogo }, txId);
  }

  imagen(fechaHora: string, txId: number, sha: string, over: Partial<Extract<ComandoActa, { tipo: 'DIGITALIZACION' }>> = {}): this {
    return this.paso(
      {
        tipo: 'DIGITALIZACION',
        usuario: 'dig1',
        fechaHora,
        sha256: sha,
        origen: 'CATD',
        medio: 'ESCANER',
        ruta: `x/${sha}.jpg`,
        catd: 'M001',
        tipoDocumento: 'ACTA PREP',
        ...over,
      },
      txId,
    );
  }

  capturas(fechaHora: [string, string], txId: number, valores: Captura): this {
    this.paso({ tipo: 'CAPTURA', usuario: 'cap1', fechaHora: fechaHora[0], valores }, txId);
    return this.paso({ tipo: 'CAPTURA', usuario: 'cap2', fechaHora: fechaHora[1], valores }, txId);
  }

  confirmar(fechaHora: string, txId: number): this {
    return this.paso({ tipo: 'VERIFICACION', usuario: 'ver1', fechaHora, decision: 'CONFIRMAR' }, txId);
  }

  sinActa(fechaHora: string, txId: number, motivo: string): this {
    return this.paso({ tipo: 'SIN_ACTA', claveActa: this.clave, usuario: 'cierre', fechaHora, motivo, catd: 'M001' }, txId);
  }

  get final(): EstadoActa {
    if (!this.estado) throw new Error('acta sin estado');
    return this.estado;
  }
}

/** Totals that make a capture consistent with its votes (they do not enter TOTAL_VOTOS_CALCULADO). */
export function captura(votos: Record<string, number | 'ilegible' | 'sin_dato'>, totales: Partial<Captura> = {}): Captura {
  const suma = Object.values(votos).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
  return {
    ...votos,
    TOTAL_BOLETAS_SOBRANTES: 100,
    TOTAL_PERSONAS_VOTARON: suma,
    TOTAL_REP_PARTIDO_CI_VOTARON: 2,
    TOTAL_VOTOS_SACADOS: suma,
    TOTAL_VOTOS_ASENTADO: suma,
    ...totales,
  };
}

const T = (hhmm: string) => `2027-06-07T${hhmm}:00Z`;
export const SHA = (c: string) => c.repeat(64);

/**
 * The scenario of the specs, election 6 (AYUNTAMIENTOS) unless said otherwise. txIds grow with
 * time; everything up to tx 20 is published at the corte of 03:30Z (21:30 in UTC-6, June 6).
 */
export function escenario(politica: PoliticaPrep = DEFAULT_POLITICA_PREP) {
  const cat = catalogoPrueba();
  const acta = (clave: string) => new ActaPrueba(clave, cat, politica);
  // 045 B 01 00: counted, no observación. Times in UTC; UTC-6 is the evening before midnight.
  const normal = acta('140045B01006')
    .acopio(T('02:10'), 1)
    .imagen(T('02:11'), 2, SHA('a'))
    .capturas([T('02:12'), T('02:13')], 3, captura({ PAN: 100, PRI: 80, PAN_PRI: 5, CAND_IND_1: 7, NO_REGISTRADAS: 1, NULOS: 9 }))
    .confirmar(T('02:14'), 4);
  // 120 B 01 00: a field ilegible and a total sin dato → counted with both observaciones; PREP Casilla photo.
  const ilegible = acta('140120B01006')
    .acopio(T('02:20'), 5)
    .imagen(T('02:21'), 5, SHA('b'), { origen: 'CASILLA', medio: 'MOVIL', catd: null, tipoDocumento: null })
    .capturas(
      [T('02:22'), T('02:23')],
      6,
      captura({ PAN: 'ilegible', PRI: 50, PAN_PRI: 0, CAND_IND_1: 3, NO_REGISTRADAS: 0, NULOS: 4 }, { TOTAL_BOLETAS_SOBRANTES: 'sin_dato' }),
    )
    .confirmar(T('02:24'), 7);
  // 120 C 01 00: 489 votes > 480 + 8, and a sin dato → not counted.
  const excede = acta('140120C01006')
    .acopio(T('02:30'), 8)
    .imagen(T('02:31'), 8, SHA('c'))
    .capturas(
      [T('02:32'), T('02:33')],
      9,
      captura({ PAN: 300, PRI: 189, PAN_PRI: 0, CAND_IND_1: 0, NO_REGISTRADAS: 0, NULOS: 0 }, { TOTAL_VOTOS_SACADOS: 'sin_dato' }),
    )
    .confirmar(T('02:34'), 10);
  // 045 S 01 00: casilla especial, counted, only in C_CS.
  const especial = acta('140045S01006')
    .acopio(T('02:40'), 11)
    .imagen(T('02:41'), 11, SHA('d'))
    .capturas([T('02:42'), T('02:43')], 12, captura({ PAN: 150, PRI: 100, PAN_PRI: 10, CAND_IND_1: 20, NO_REGISTRADAS: 5, NULOS: 15 }))
    .confirmar(T('02:44'), 12);
  // 045 E 01 01: extraordinaria contigua, counted.
  const extraordinaria = acta('140045E01016')
    .acopio(T('02:50'), 13)
    .imagen(T('02:51'), 13, SHA('e'))
    .capturas([T('02:52'), T('02:53')], 14, captura({ PAN: 70, PRI: 60, PAN_PRI: 0, CAND_IND_1: 0, NO_REGISTRADAS: 1, NULOS: 2 }))
    .confirmar(T('02:54'), 14);
  // 0999 B 01 00: not in the catálogo → published with CONTABILIZADA 2 once its image arrives.
  const fuera = acta('140999B01006').acopio(T('03:00'), 15, true).imagen(T('03:01'), 16, SHA('f'));
  // 301 B 01 00: never arrived.
  const sinActa = acta('140301B01006').sinActa(T('03:05'), 17, 'paquete no entregado');
  // 300 B 01 00: acopiada and digitalizada, still in captura → not in the corte.
  const pendiente = acta('140300B01006').acopio(T('03:10'), 18).imagen(T('03:11'), 18, SHA('1'));
  // The same casilla 045 B 01 00 in the other election (5): never in election 6's corte.
  const otraEleccion = acta('140045B01005')
    .acopio(T('02:10'), 19)
    .imagen(T('02:11'), 19, SHA('2'))
    .capturas([T('02:12'), T('02:13')], 20, captura({ PAN: 10, PRI: 20, MORENA: 30, NO_REGISTRADAS: 0, NULOS: 1 }))
    .confirmar(T('02:14'), 20);
  const actas = { normal, ilegible, excede, especial, extraordinaria, fuera, sinActa, pendiente, otraEleccion };
  return { catalogo: cat, actas, estados: Object.values(actas).map((a) => a.final), instante: '2027-06-07T03:30:59Z', politica };
}
