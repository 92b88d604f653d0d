import {
  ComandoAcopio,
  ContextoActa,
  DEFAULT_POLITICA_PREP,
  DomainError,
  aplicarComando,
  crearPolitica,
  decidirCatdDeAcopio,
  rechazoFechaAcopio,
  validarComando,
} from './index';

const CLAVE = '140123B01005';
const RECIBIDA = '2027-06-07T02:00:00.000Z';
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: [], casilla: null };
const PERMISIVA: ContextoActa = { ...CTX, politica: crearPolitica({ acopioEnOtroCatd: 'permitir_con_motivo' }) };

const acopio = (over: Partial<ComandoAcopio> = {}): ComandoAcopio => ({
  tipo: 'ACOPIO',
  claveActa: CLAVE,
  catd: 'M009',
  usuario: 'aco.m009',
  fechaHora: '2027-06-06T19:30:00-06:00',
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
  catdCatalogo: 'M009',
  recibidaEn: RECIBIDA,
  ...over,
});

/** The validator and the reducer refuse with the same refusal; returns it. */
function rechazado(c: ComandoAcopio, ctx = CTX) {
  const r = validarComando(null, c, ctx);
  expect(r).not.toBeNull();
  expect(() => aplicarComando(null, c, ctx)).toThrow(DomainError);
  return r!;
}

describe('acopio: el CATD del catálogo', () => {
  it('acepta el acta en el CATD que le asigna el catálogo, sin motivo', () => {
    const t = aplicarComando(null, acopio(), CTX);
    expect(t.estado).toMatchObject({ catd: 'M009', acopio: { catd: 'M009', otroCatd: null }, correccionesCatd: [] });
    // An ordinary acopio's bitácora data keeps its original shape.
    expect(t.eventos[0].datos).toEqual({ catd: 'M009', mecanismoTraslado: 'F', fueraDeCatalogo: false });
  });

  it('rechaza un acta de otro CATD nombrando el CATD correcto (política por omisión)', () => {
    const r = rechazado(acopio({ catdCatalogo: 'M010' }));
    expect(r).toMatchObject({ codigo: 'ACTA_DE_OTRO_CATD', status: 422 });
    expect(r.mensaje).toContain('CATD M010');
    expect(r.mensaje).toContain('M009');
    // A motivo does not help while the policy refuses.
    expect(rechazado(acopio({ catdCatalogo: 'M010', motivo: 'llegó aquí' })).codigo).toBe('ACTA_DE_OTRO_CATD');
  });

  it('con la política permisiva exige motivo y lo registra en el evento y el estado', () => {
    const sin = rechazado(acopio({ catdCatalogo: 'M010' }), PERMISIVA);
    expect(sin.codigo).toBe('MOTIVO_OTRO_CATD_REQUERIDO');
    expect(sin.mensaje).toContain('M010');
    expect(rechazado(acopio({ catdCatalogo: 'M010', motivo: '   ' }), PERMISIVA).codigo).toBe('MOTIVO_OTRO_CATD_REQUERIDO');
    const t = aplicarComando(null, acopio({ catdCatalogo: 'M010', motivo: '  CATD M010 inundado; paquetes desviados ' }), PERMISIVA);
    const otroCatd = { catdCatalogo: 'M010', motivo: 'CATD M010 inundado; paquetes desviados' };
    expect(t.estado.catd).toBe('M009');
    expect(t.estado.acopio?.otroCatd).toEqual(otroCatd);
    expect(t.eventos[0].datos).toEqual({ catd: 'M009', mecanismoTraslado: 'F', fueraDeCatalogo: false, otroCatd });
  });

  it('un acta fuera de catálogo queda en el CATD del acopiador', () => {
    const t = aplicarComando(null, acopio({ fueraDeCatalogo: true, catdCatalogo: null }), CTX);
    expect(t.estado).toMatchObject({ catd: 'M009', fueraDeCatalogo: true });
    expect(rechazado(acopio({ fueraDeCatalogo: true, catdCatalogo: 'M010' })).codigo).toBe('COMANDO_INVALIDO');
  });

  it('rechaza un motivo que no hace falta o que no es texto', () => {
    expect(rechazado(acopio({ motivo: 'por si acaso' })).codigo).toBe('MOTIVO_NO_ESPERADO');
    expect(rechazado(acopio({ motivo: 7 as never }), PERMISIVA).codigo).toBe('MOTIVO_INVALIDO');
    expect(rechazado(acopio({ catdCatalogo: 'M010', motivo: 'x'.repeat(501) }), PERMISIVA).codigo).toBe('MOTIVO_INVALIDO');
  });

  it('sin el dato del catálogo (workflows anteriores a la regla) no decide nada', () => {
    expect(decidirCatdDeAcopio({ claveActa: CLAVE, catd: 'M009' }, DEFAULT_POLITICA_PREP)).toEqual({ otroCatd: null });
  });
});

describe('acopio: la fecha y hora', () => {
  it('acepta hasta la tolerancia de reloj por delante del servidor y rechaza más', () => {
    expect(validarComando(null, acopio({ fechaHora: '2027-06-07T02:05:00Z' }), CTX)).toBeNull();
    const r = rechazado(acopio({ fechaHora: '2027-06-07T02:05:01Z' }));
    expect(r).toMatchObject({ codigo: 'FECHA_FUTURA', status: 422 });
    expect(r.mensaje).toContain(RECIBIDA);
    expect(rechazado(acopio({ fechaHora: '2099-12-31T23:59:00-06:00' })).codigo).toBe('FECHA_FUTURA');
    const estricta = { ...CTX, politica: crearPolitica({ toleranciaRelojMinutos: 0 }) };
    expect(rechazado(acopio({ fechaHora: '2027-06-07T02:00:01Z' }), estricta).codigo).toBe('FECHA_FUTURA');
  });

  it('rechaza una hora anterior al inicio de la jornada cuando la política lo fija', () => {
    const jornada = { ...CTX, politica: crearPolitica({ inicioJornada: '2027-06-06T08:00:00-06:00' }) };
    const r = rechazado(acopio({ fechaHora: '2027-06-06T07:59:59-06:00' }), jornada);
    expect(r).toMatchObject({ codigo: 'FECHA_ANTERIOR_A_JORNADA', status: 422 });
    expect(r.mensaje).toContain('2027-06-06T08:00:00-06:00');
    expect(validarComando(null, acopio({ fechaHora: '2027-06-06T08:00:00-06:00' }), jornada)).toBeNull();
    // Without inicioJornada there is no lower bound.
    expect(validarComando(null, acopio({ fechaHora: '1999-01-01T00:00:00Z' }), CTX)).toBeNull();
  });

  it('la comparación es por instante, no por texto: otra zona horaria cuenta igual', () => {
    expect(rechazoFechaAcopio('2027-06-06T20:04:00-06:00', RECIBIDA, DEFAULT_POLITICA_PREP)).toBeNull();
    expect(rechazoFechaAcopio('2027-06-06T20:06:00-06:00', RECIBIDA, DEFAULT_POLITICA_PREP)?.codigo).toBe('FECHA_FUTURA');
  });

  it('sin recibidaEn (workflows anteriores) solo aplica el inicio de jornada; una recibidaEn inválida es un error', () => {
    expect(rechazoFechaAcopio('2099-12-31T00:00:00Z', undefined, DEFAULT_POLITICA_PREP)).toBeNull();
    expect(rechazoFechaAcopio('2027-06-07T00:00:00Z', 'ayer', DEFAULT_POLITICA_PREP)?.codigo).toBe('COMANDO_INVALIDO');
  });
});
