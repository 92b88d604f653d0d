import {
  adoptarEntradas,
  aplicarComando,
  CadenaRotaError,
  DEFAULT_POLITICA_PREP,
  isDomainError,
  mismoEvento,
  type ComandoActa,
  type ContextoActa,
  type EstadoActa,
  type TransicionActa,
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

const acopio: ComandoActa = {
  tipo: 'ACOPIO',
  claveActa: '140123B01005',
  catd: 'M001',
  usuario: 'aco',
  fechaHora: '2021-06-07T01:00:00.000Z',
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
};
const digitalizacion: ComandoActa = {
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
};
const captura = (usuario: string, minuto: number): ComandoActa => ({
  tipo: 'CAPTURA',
  usuario,
  fechaHora: `2021-06-07T01:0${minuto}:00.000Z`,
  valores: VALORES,
});

/** The acta digitalizada: where a lost capture left its entry. */
function digitalizada(): EstadoActa {
  return aplicarComando(aplicarComando(null, acopio, CTX).estado, digitalizacion, CTX).estado;
}
const pendiente = (t: TransicionActa, comando: ComandoActa) => ({ eventos: t.eventos, comando, contexto: CTX });

describe('adoptarEntradas: bitácora entries a lost workflow task left', () => {
  it('adopts the lost capture and records the waiting one after it: the second capture compares both', () => {
    const base = digitalizada();
    const perdida = aplicarComando(base, captura('c1', 2), CTX); // in the bitácora, not in the workflow
    const esperando = aplicarComando(base, captura('c2', 3), CTX); // decided on the state without it
    const a = adoptarEntradas(base, perdida.eventos, [pendiente(esperando, captura('c2', 3))]);
    expect(a.estado).toEqual(perdida.estado);
    expect(a.yaRegistradas).toBe(0);
    expect(a.redecididas).toHaveLength(1);
    const r = a.redecididas[0] as { transicion: TransicionActa };
    expect(r.transicion.eventos.map((e) => [e.tipo, e.secuencia, e.usuario])).toEqual([
      ['CAPTURA_REGISTRADA', 4, 'c2'],
      ['CAPTURAS_COMPARADAS', 5, 'c2'],
    ]);
    expect(r.transicion.estado.fase).toBe('EN_VERIFICACION');
  });

  it('refuses, with the machine reason, a waiting action that no longer applies on top of the adopted entries', () => {
    const base = digitalizada();
    const perdida = aplicarComando(base, captura('c1', 2), CTX);
    // The same capturista again (a retry with a new time): the machine refuses a second capture by c1.
    const reintento = aplicarComando(base, captura('c1', 4), CTX);
    const a = adoptarEntradas(base, perdida.eventos, [pendiente(reintento, captura('c1', 4))]);
    const r = a.redecididas[0] as { error: unknown };
    expect(isDomainError(r.error)).toBe(true);
    expect(a.estado.secuencia).toBe(3);
  });

  it('a waiting action that is itself the entries (its update redelivered) keeps its answer', () => {
    const base = digitalizada();
    const misma = aplicarComando(base, captura('c1', 2), CTX);
    const siguiente = aplicarComando(misma.estado, captura('c2', 3), CTX);
    // Written by the lost task: c1's capture and, after it, c2's. Only c1's update came back.
    const a = adoptarEntradas(
      base,
      [...misma.eventos, ...siguiente.eventos],
      [pendiente(JSON.parse(JSON.stringify(misma)) as TransicionActa, captura('c1', 2))],
    );
    expect(a.yaRegistradas).toBe(1);
    expect(a.redecididas).toEqual([]);
    expect(a.estado).toEqual(siguiente.estado);
  });

  it('refuses entries that do not follow the confirmed state (not written by this acta machine)', () => {
    const base = digitalizada();
    const otra = aplicarComando(aplicarComando(base, captura('c1', 2), CTX).estado, captura('c2', 3), CTX);
    expect(() => adoptarEntradas(base, otra.eventos, [])).toThrow(CadenaRotaError);
    expect(() => adoptarEntradas(base, [], [])).toThrow(CadenaRotaError);
  });
});

describe('mismoEvento', () => {
  it('ignores key order and absent-versus-undefined members, and nothing else', () => {
    const [e] = aplicarComando(digitalizada(), captura('c1', 2), CTX).eventos;
    const reordenado = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))) as typeof e;
    expect(mismoEvento(e, reordenado)).toBe(true);
    expect(mismoEvento(e, { ...e, extra: undefined } as unknown as typeof e)).toBe(true);
    expect(mismoEvento(e, { ...e, usuario: 'otro' })).toBe(false);
    expect(mismoEvento(e, { ...e, datos: { ...(e.datos as object), PAN: 21 } } as unknown as typeof e)).toBe(false);
  });
});
