import { aplicarComando, camposDeActa, ComandoActa, ContextoActa, DEFAULT_POLITICA_PREP, EstadoActa, planTareas, TareaExistente } from './index';

const COLS = ['PAN', 'PRI', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 500, representantes: 2 } };
const datos = (pan = 10) => Object.fromEntries(camposDeActa(COLS).map((c) => [c, c === 'PAN' ? pan : 5]));
let s = 0;
const hora = () => new Date(Date.UTC(2021, 5, 7, 2, 0, s++)).toISOString();

function correr(comandos: ComandoActa[]): EstadoActa {
  let estado: EstadoActa | null = null;
  for (const c of comandos) estado = aplicarComando(estado, c, CTX).estado;
  return estado!;
}
const acopio: ComandoActa = {
  tipo: 'ACOPIO',
  claveActa: '140123B01005',
  catd: 'M001',
  usuario: 'aco',
  fechaHora: hora(),
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
};
const imagen: ComandoActa = {
  tipo: 'DIGITALIZACION',
  usuario: 'dig',
  fechaHora: hora(),
  sha256: 'c'.repeat(64),
  origen: 'CATD',
  medio: 'ESCANER',
  ruta: 'x',
  catd: 'M001',
};
const captura = (usuario: string, pan = 10): ComandoActa => ({ tipo: 'CAPTURA', usuario, fechaHora: hora(), valores: datos(pan) });
const tarea = (over: Partial<TareaExistente>): TareaExistente => ({ id: 'x', tipo: 'CAPTURA', ronda: 1, slot: 1, tomadaPor: null, ...over });

describe('planTareas', () => {
  it('opens two capture slots for a freshly digitalised acta', () => {
    const plan = planTareas(correr([acopio, imagen]), []);
    expect(plan.crear).toEqual([
      { tipo: 'CAPTURA', ronda: 1, slot: 1 },
      { tipo: 'CAPTURA', ronda: 1, slot: 2 },
    ]);
    expect(plan.cerrar).toEqual([]);
  });

  it('closes the slot of whoever captured (whatever its number) and keeps the other claim', () => {
    const estado = correr([acopio, imagen, captura('ana')]);
    const plan = planTareas(estado, [tarea({ id: 't1', slot: 1, tomadaPor: 'beto' }), tarea({ id: 't2', slot: 2, tomadaPor: 'ana' })]);
    expect(plan.cerrar).toEqual([{ id: 't2', motivo: 'COMPLETADA', usuario: 'ana' }]);
    expect(plan.crear).toEqual([]);
    expect(plan.excluidos).toEqual(['ana']);
  });

  it('replaces capture tasks by one verification task that excludes both capturistas', () => {
    const estado = correr([acopio, imagen, captura('ana'), captura('beto', 11)]);
    const plan = planTareas(estado, [tarea({ id: 't1', slot: 1, tomadaPor: 'beto' })]);
    expect(plan.cerrar).toEqual([{ id: 't1', motivo: 'COMPLETADA', usuario: 'beto' }]);
    expect(plan.crear).toEqual([{ tipo: 'VERIFICACION', ronda: 1, slot: 1 }]);
    expect(plan.excluidos.sort()).toEqual(['ana', 'beto']);
  });

  it('after a return, closes the verification as done by the verificador and opens round 2 captures', () => {
    const estado = correr([
      acopio,
      imagen,
      captura('ana'),
      captura('beto'),
      { tipo: 'VERIFICACION', usuario: 'vero', fechaHora: hora(), decision: 'DEVOLVER', motivo: 'imagen borrosa' },
    ]);
    const plan = planTareas(estado, [tarea({ id: 'v', tipo: 'VERIFICACION', tomadaPor: 'vero' })]);
    expect(plan.cerrar).toEqual([{ id: 'v', motivo: 'COMPLETADA', usuario: 'vero' }]);
    expect(plan.crear).toEqual([
      { tipo: 'CAPTURA', ronda: 2, slot: 1 },
      { tipo: 'CAPTURA', ronda: 2, slot: 2 },
    ]);
  });

  it('drops unclaimed surplus rows before claimed ones and opens nothing once published', () => {
    const estado = correr([acopio, imagen, captura('ana')]);
    const plan = planTareas(estado, [tarea({ id: 'libre', slot: 1 }), tarea({ id: 'tomada', slot: 2, tomadaPor: 'beto' })]);
    expect(plan.cerrar).toEqual([{ id: 'libre', motivo: 'OBSOLETA', usuario: null }]);
    const publicada = correr([
      acopio,
      imagen,
      captura('ana'),
      captura('beto'),
      { tipo: 'VERIFICACION', usuario: 'vero', fechaHora: hora(), decision: 'CONFIRMAR' },
    ]);
    expect(publicada.fase).toBe('PUBLICADA');
    const fin = planTareas(publicada, [tarea({ id: 'v', tipo: 'VERIFICACION', tomadaPor: 'vero' })]);
    expect(fin).toEqual({ cerrar: [{ id: 'v', motivo: 'COMPLETADA', usuario: 'vero' }], crear: [], excluidos: [] });
  });
});
