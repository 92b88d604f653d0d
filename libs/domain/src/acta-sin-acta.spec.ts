import {
  aplicarComando,
  aplicarEventos,
  columnasDeActa,
  DEFAULT_POLITICA_PREP,
  estaAtorada,
  reconstruirEstado,
  tareaPendiente,
  validarComando,
  type ComandoActa,
  type ContextoActa,
  type EstadoActa,
} from './index';

const CTX: ContextoActa = {
  politica: DEFAULT_POLITICA_PREP,
  columnasVoto: ['PAN', 'NO_REGISTRADAS', 'NULOS'],
  casilla: { tipo: 'B', listaNominal: 500, representantes: 10 },
};
const CLAVE = '140123B01005';
const sinActa = (over: object = {}): ComandoActa =>
  ({
    tipo: 'SIN_ACTA',
    claveActa: CLAVE,
    catd: 'M001',
    usuario: 'admin',
    fechaHora: '2021-06-07T12:00:00.000Z',
    motivo: ' casilla no instalada ',
    ...over,
  }) as ComandoActa;
const acopio: ComandoActa = {
  tipo: 'ACOPIO',
  claveActa: CLAVE,
  catd: 'M001',
  usuario: 'aco',
  fechaHora: '2021-06-07T01:00:00.000Z',
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
};

function aceptar(estado: EstadoActa | null, c: ComandoActa) {
  expect(validarComando(estado, c, CTX)).toBeNull();
  const t = aplicarComando(estado, c, CTX);
  // The bitácora alone must rebuild exactly this state, as for every other transition.
  expect(aplicarEventos(estado, t.eventos)).toStrictEqual(t.estado);
  return t;
}

describe('SIN ACTA: an acta that never arrived, published by the machine at the close', () => {
  it('is the first and only event of the acta, a terminal phase, published not counted', () => {
    const t = aceptar(null, sinActa());
    expect(t.eventos).toEqual([
      {
        tipo: 'ACTA_SIN_ACTA',
        claveActa: CLAVE,
        secuencia: 1,
        faseAnterior: null,
        faseNueva: 'SIN_ACTA',
        usuario: 'admin',
        fechaHora: '2021-06-07T12:00:00.000Z',
        datos: { catd: 'M001', motivo: 'CASILLA NO INSTALADA', observaciones: ['SIN ACTA (CASILLA NO INSTALADA)'], contabilizada: 0 },
      },
    ]);
    expect(t.estado).toMatchObject({ fase: 'SIN_ACTA', acopio: null, catd: 'M001', resultado: { contabilizada: 0, datos: null } });
    expect(columnasDeActa(t.estado)).toMatchObject({
      fase: 'SIN_ACTA',
      catd: 'M001',
      secuencia: 1,
      contabilizada: 0,
      observaciones: 'SIN ACTA (CASILLA NO INSTALADA)',
      fechaHoraAcopio: null,
      fechaHoraPublicacion: '2021-06-07T12:00:00.000Z',
    });
    expect(tareaPendiente(t.estado)).toBeNull();
    expect(estaAtorada(t.estado, '2021-06-09T00:00:00.000Z', DEFAULT_POLITICA_PREP)).toBe(false);
    expect(reconstruirEstado(t.eventos)).toStrictEqual(t.estado);
  });

  it('refuses every later action, a late acopio included, as ACTA_CERRADA', () => {
    const { estado } = aceptar(null, sinActa());
    expect(validarComando(estado, acopio, CTX)?.codigo).toBe('ACTA_CERRADA');
    expect(validarComando(estado, sinActa(), CTX)?.codigo).toBe('ACTA_CERRADA');
    const img = {
      tipo: 'DIGITALIZACION',
      usuario: 'd',
      fechaHora: '2021-06-07T13:00:00.000Z',
      sha256: 'a'.repeat(64),
      origen: 'CASILLA',
      medio: 'MOVIL',
      ruta: 'x',
    } as ComandoActa;
    const r = validarComando(estado, img, CTX);
    expect(r).toMatchObject({ codigo: 'ACTA_CERRADA', status: 409 });
    expect(r!.mensaje).toContain('SIN ACTA (CASILLA NO INSTALADA)');
  });

  it('is refused for an acta already acopiada, which keeps its process', () => {
    const { estado } = aceptar(null, acopio);
    expect(validarComando(estado, sinActa(), CTX)).toMatchObject({ codigo: 'ACTA_YA_ACOPIADA', status: 409 });
  });

  it('needs a valid clave, the CATD and a short motivo', () => {
    expect(validarComando(null, sinActa({ claveActa: 'x' }), CTX)?.codigo).toBe('CLAVE_INVALIDA');
    expect(validarComando(null, sinActa({ catd: '' }), CTX)?.codigo).toBe('CATD_REQUERIDO');
    expect(validarComando(null, sinActa({ motivo: ' ' }), CTX)?.codigo).toBe('MOTIVO_REQUERIDO');
    expect(validarComando(null, sinActa({ motivo: 'x'.repeat(81) }), CTX)?.codigo).toBe('MOTIVO_DEMASIADO_LARGO');
  });

  it('cannot appear after the first entry of a history', () => {
    const a = aceptar(null, acopio);
    const s = aplicarComando(null, sinActa(), CTX).eventos[0];
    expect(() => aplicarEventos(a.estado, [{ ...s, secuencia: 2, faseAnterior: 'ACOPIADA' }])).toThrow(/primera entrada/);
  });
});
