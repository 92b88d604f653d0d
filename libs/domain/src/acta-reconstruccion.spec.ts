import {
  CadenaRotaError,
  DEFAULT_POLITICA_PREP,
  aplicarComando,
  columnasDeActa,
  crearPolitica,
  reconstruirEstado,
  type ComandoActa,
  type ContextoActa,
  type EstadoActa,
  type EventoActa,
} from './index';

const COLS = ['PAN', 'PRI', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 500, representantes: 10 } };
const VALORES = {
  PAN: 20,
  PRI: 10,
  NO_REGISTRADAS: 0,
  NULOS: 1,
  TOTAL_BOLETAS_SOBRANTES: 5,
  TOTAL_PERSONAS_VOTARON: 31,
  TOTAL_REP_PARTIDO_CI_VOTARON: 0,
  TOTAL_VOTOS_SACADOS: 31,
  TOTAL_VOTOS_ASENTADO: 31,
};

function publicada(): { estado: EstadoActa; eventos: EventoActa[] } {
  const comandos: ComandoActa[] = [
    {
      tipo: 'ACOPIO',
      claveActa: '140123B01005',
      catd: 'M001',
      usuario: 'aco',
      fechaHora: '2021-06-07T01:00:00.000Z',
      mecanismoTraslado: 'F',
      fueraDeCatalogo: false,
    },
    {
      tipo: 'DIGITALIZACION',
      usuario: 'dig',
      fechaHora: '2021-06-07T01:01:00.000Z',
      sha256: 'a'.repeat(64),
      origen: 'CATD',
      medio: 'ESCANER',
      ruta: 'x.jpg',
      catd: 'M001',
      ancho: 1700,
      alto: 2200,
      paginas: null,
    },
    { tipo: 'CAPTURA', usuario: 'c1', fechaHora: '2021-06-07T01:02:00.000Z', valores: VALORES },
    { tipo: 'CAPTURA', usuario: 'c2', fechaHora: '2021-06-07T01:03:00.000Z', valores: VALORES },
    { tipo: 'VERIFICACION', usuario: 'v', fechaHora: '2021-06-07T01:04:00.000Z', decision: 'CONFIRMAR' },
  ];
  let estado: EstadoActa | null = null;
  const eventos: EventoActa[] = [];
  for (const c of comandos) {
    const t = aplicarComando(estado, c, CTX);
    estado = t.estado;
    eventos.push(...t.eventos);
  }
  return { estado: estado!, eventos };
}

describe('reconstruirEstado', () => {
  it('replays a published acta into exactly the state the machine produced, and the same read-model columns', () => {
    const { estado, eventos } = publicada();
    const rehecho = reconstruirEstado(eventos);
    expect(rehecho).toStrictEqual(estado);
    expect(columnasDeActa(rehecho)).toEqual({
      catd: 'M001',
      fase: 'PUBLICADA',
      fueraDeCatalogo: false,
      secuencia: eventos.length,
      ronda: 1,
      contabilizada: 1,
      totalVotosCalculado: 31,
      observaciones: null,
      imagenSha256: 'a'.repeat(64),
      fechaHoraAcopio: '2021-06-07T01:00:00.000Z',
      fechaHoraCaptura: '2021-06-07T01:03:00.000Z',
      fechaHoraVerificacion: '2021-06-07T01:04:00.000Z',
      fechaHoraPublicacion: '2021-06-07T01:04:00.000Z',
    });
  });

  it.each([
    ['a gap in secuencia', (e: EventoActa[]) => [e[0], e[2]], /secuencia 2/],
    ['a history that does not start with the acopio', (e: EventoActa[]) => e.slice(1), /secuencia 1/],
    ['a second ACTA_ACOPIADA', (e: EventoActa[]) => [e[0], { ...e[0], secuencia: 2, faseAnterior: 'ACOPIADA' } as EventoActa], /una vez/],
    ['an event of another acta', (e: EventoActa[]) => [e[0], { ...e[1], claveActa: '140123B01006' } as EventoActa], /140123B01006/],
    ['a phase that does not follow', (e: EventoActa[]) => [e[0], e[1], { ...e[2], faseAnterior: 'ACOPIADA' } as EventoActa], /parte de ACOPIADA/],
  ])('refuses %s with CadenaRotaError', (_caso, alterar, mensaje) => {
    const { eventos } = publicada();
    let error: unknown;
    try {
      reconstruirEstado(alterar(eventos));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CadenaRotaError);
    expect((error as Error).message).toMatch(mensaje);
  });
});

describe('reconstruirEstado with CATD facts', () => {
  it('replays an acopio accepted in another CATD (with its motivo) and later corrections', () => {
    const ctx: ContextoActa = { ...CTX, politica: crearPolitica({ acopioEnOtroCatd: 'permitir_con_motivo' }) };
    const acopio = aplicarComando(
      null,
      {
        tipo: 'ACOPIO',
        claveActa: '140123B01005',
        catd: 'M009',
        usuario: 'aco',
        fechaHora: '2021-06-07T01:00:00.000Z',
        mecanismoTraslado: 'F',
        fueraDeCatalogo: false,
        catdCatalogo: 'M010',
        motivo: 'el CATD M010 está cerrado',
      },
      ctx,
    );
    expect(acopio.estado.acopio?.otroCatd).toEqual({ catdCatalogo: 'M010', motivo: 'el CATD M010 está cerrado' });
    const correccion = aplicarComando(
      acopio.estado,
      {
        tipo: 'CORRECCION_CATD',
        usuario: 'coord',
        fechaHora: '2021-06-07T01:05:00.000Z',
        catd: 'M010',
        motivo: 'vuelve a su CATD',
        catdCatalogo: 'M010',
        catdUsuario: 'M010',
      },
      { ...ctx, rolesUsuario: ['coordinador'] },
    );
    const rehecho = reconstruirEstado([...acopio.eventos, ...correccion.eventos]);
    expect(rehecho).toStrictEqual(correccion.estado);
    expect(rehecho.catd).toBe('M010');
  });
});
