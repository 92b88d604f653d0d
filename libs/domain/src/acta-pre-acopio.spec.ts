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
  type EventoActa,
} from './index';

const CTX: ContextoActa = {
  politica: DEFAULT_POLITICA_PREP,
  columnasVoto: ['PAN', 'NO_REGISTRADAS', 'NULOS'],
  casilla: { tipo: 'B', listaNominal: 500, representantes: 10 },
};
const CLAVE = '140123B01005';
const foto = (sha: string, over: object = {}): ComandoActa =>
  ({
    tipo: 'DIGITALIZACION',
    claveActa: CLAVE,
    catdCatalogo: 'M001',
    usuario: 'casilla.01',
    fechaHora: '2021-06-06T20:00:00.000Z',
    sha256: sha,
    origen: 'CASILLA',
    medio: 'MOVIL',
    ruta: `${sha}.jpg`,
    catd: null,
    ...over,
  }) as ComandoActa;
const acopio: ComandoActa = {
  tipo: 'ACOPIO',
  claveActa: CLAVE,
  catd: 'M001',
  usuario: 'aco',
  fechaHora: '2021-06-06T23:00:00.000Z',
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
  catdCatalogo: 'M001',
};
const sinActa: ComandoActa = {
  tipo: 'SIN_ACTA',
  claveActa: CLAVE,
  catd: 'M001',
  usuario: 'admin',
  fechaHora: '2021-06-07T12:00:00.000Z',
  motivo: 'paquete no entregado',
};
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function aceptar(estado: EstadoActa | null, c: ComandoActa, historia: EventoActa[]) {
  expect(validarComando(estado, c, CTX)).toBeNull();
  const t = aplicarComando(estado, c, CTX);
  // The bitácora alone must rebuild exactly this state, as for every other transition.
  expect(aplicarEventos(estado, t.eventos)).toStrictEqual(t.estado);
  historia.push(...t.eventos);
  expect(reconstruirEstado(historia)).toStrictEqual(t.estado);
  return t;
}

describe('a PREP Casilla photo before the acopio (DOMAIN.md "Digitalización")', () => {
  it('starts the acta in PRE_ACOPIO; its acopio completes it and, with a complete photo, opens capture', () => {
    const h: EventoActa[] = [];
    const f = aceptar(null, foto(SHA_A), h);
    expect(f.eventos[0]).toMatchObject({
      tipo: 'IMAGEN_DIGITALIZADA',
      secuencia: 1,
      faseAnterior: null,
      faseNueva: 'PRE_ACOPIO',
      datos: { catdCatalogo: 'M001', numeroImagen: 1 },
    });
    expect(f.estado).toMatchObject({ fase: 'PRE_ACOPIO', catd: 'M001', acopio: null, imagenes: [{ sha256: SHA_A, origen: 'CASILLA' }] });
    expect(f.estado.imagenes[0]).not.toHaveProperty('catdCatalogo');
    expect(tareaPendiente(f.estado)).toBeNull();
    expect(estaAtorada(f.estado, '2021-06-07T20:00:00.000Z', DEFAULT_POLITICA_PREP)).toBe(false);
    expect(columnasDeActa(f.estado)).toMatchObject({ fase: 'PRE_ACOPIO', fechaHoraAcopio: null, contabilizada: null });

    const otra = aceptar(f.estado, foto(SHA_B, { fechaHora: '2021-06-06T21:00:00.000Z', claveActa: undefined, catdCatalogo: undefined }), h);
    expect(otra.estado.fase).toBe('PRE_ACOPIO');
    const a = aceptar(otra.estado, acopio, h);
    expect(a.eventos).toEqual([expect.objectContaining({ tipo: 'ACTA_ACOPIADA', faseAnterior: 'PRE_ACOPIO', faseNueva: 'EN_CAPTURA', secuencia: 3 })]);
    expect(a.estado).toMatchObject({ fase: 'EN_CAPTURA', acopio: { catd: 'M001', usuario: 'aco' }, fechaHoraAcopio: acopio.fechaHora });
    expect(a.estado.imagenes.map((i) => i.sha256)).toEqual([SHA_A, SHA_B]);
    expect(validarComando(a.estado, acopio, CTX)?.codigo).toBe('ACTA_YA_ACOPIADA');
  });

  it('an incomplete photo keeps the acopiada acta waiting for a scan', () => {
    const h: EventoActa[] = [];
    const f = aceptar(null, foto(SHA_A, { completa: false }), h);
    expect(aceptar(f.estado, acopio, h).estado.fase).toBe('ACOPIADA');
  });

  it('before the acopio refuses CATD scans, captures and photos of a clave outside the catálogo', () => {
    const { estado } = aplicarComando(null, foto(SHA_A), CTX);
    const scan = { ...foto(SHA_B), origen: 'CATD', medio: 'ESCANER', catd: 'M001' } as ComandoActa;
    expect(validarComando(estado, scan, CTX)?.codigo).toBe('ACTA_NO_ACOPIADA');
    expect(validarComando(null, scan, CTX)?.codigo).toBe('ACTA_NO_ACOPIADA');
    expect(validarComando(estado, { tipo: 'CAPTURA', usuario: 'c', fechaHora: '2021-06-06T22:00:00.000Z', valores: {} }, CTX)?.codigo).toBe('ACTA_NO_ACOPIADA');
    expect(validarComando(null, foto(SHA_A, { catdCatalogo: null }), CTX)?.codigo).toBe('ACTA_NO_ACOPIADA');
    expect(validarComando(estado, foto(SHA_A), CTX)?.codigo).toBe('IMAGEN_DUPLICADA');
  });

  it('at the close it is published SIN ACTA, keeping its photos (no image is published)', () => {
    const h: EventoActa[] = [];
    const f = aceptar(null, foto(SHA_A), h);
    const s = aceptar(f.estado, sinActa, h);
    expect(s.eventos).toEqual([expect.objectContaining({ tipo: 'ACTA_SIN_ACTA', faseAnterior: 'PRE_ACOPIO', faseNueva: 'SIN_ACTA', secuencia: 2 })]);
    expect(s.estado).toMatchObject({
      fase: 'SIN_ACTA',
      resultado: { contabilizada: 0, imagenSha256: null, observaciones: ['SIN ACTA (PAQUETE NO ENTREGADO)'] },
    });
    expect(s.estado.imagenes).toHaveLength(1);
    expect(validarComando(s.estado, acopio, CTX)?.codigo).toBe('ACTA_CERRADA');
  });
});
