import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { aplicarComando, crearPolitica, mismoEvento, type ContextoActa, type EventoActa, type RechazoDominio } from '@prep/domain';
import type { ActaActivities, TransicionParaRegistrar } from '../src/activities';
import { capturarUpdate, cerrarSignal, digitalizarUpdate, estadoQuery, RECHAZO_ACTA, verificarUpdate } from '../src/acta.messages';
import { SA_ATORADA } from '../src/search-attributes';
import { CAMPOS, EntornoWorkflow, guardarHistoria, hora, valores } from './entorno';

const SHA = (c: string) => c.repeat(64);
const imagen = (usuario = 'dig', sha = SHA('a')) => ({
  comando: {
    tipo: 'DIGITALIZACION' as const,
    usuario,
    fechaHora: hora(),
    sha256: sha,
    origen: 'CATD' as const,
    medio: 'ESCANER' as const,
    ruta: `${sha}.jpg`,
    catd: 'M001',
    ancho: 1700,
    alto: 2200,
    paginas: null,
  },
  rolesUsuario: ['digitalizador'],
});
const captura = (usuario: string, v = valores()) => ({
  comando: { tipo: 'CAPTURA' as const, usuario, fechaHora: hora(), valores: v },
  rolesUsuario: ['capturista'],
});
const confirmar = (usuario: string) => ({
  comando: { tipo: 'VERIFICACION' as const, usuario, fechaHora: hora(), decision: 'CONFIRMAR' as const },
  rolesUsuario: ['verificador'],
});

/** The domain refusal an Update failed with (validator or handler). */
async function rechazoDe(p: Promise<unknown>): Promise<RechazoDominio> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const causa = (err as WorkflowUpdateFailedError).cause;
  expect(causa).toBeInstanceOf(ApplicationFailure);
  expect((causa as ApplicationFailure).type).toBe(RECHAZO_ACTA);
  return (causa as ApplicationFailure).details![0] as RechazoDominio;
}

describe('acta workflow on a real Temporal dev server (activities recorded, not run)', () => {
  let e: EntornoWorkflow;
  beforeAll(async () => {
    e = await EntornoWorkflow.crear();
  });
  afterAll(async () => {
    await e?.cerrar();
  });

  it('takes every staff action as an Update and asks for each transition to be recorded once, in order', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01001');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      const r = await h.executeUpdate(verificarUpdate, { args: [confirmar('ver1')] });
      expect(r).toMatchObject({ fase: 'PUBLICADA', secuencia: 7, eventos: ['ACTA_VERIFICADA', 'ACTA_PUBLICADA'] });
      expect(registro.transiciones.map((t) => t.eventos.map((ev) => ev.tipo))).toEqual([
        ['ACTA_ACOPIADA'],
        ['IMAGEN_DIGITALIZADA'],
        ['CAPTURA_REGISTRADA'],
        ['CAPTURA_REGISTRADA', 'CAPTURAS_COMPARADAS'],
        ['ACTA_VERIFICADA', 'ACTA_PUBLICADA'],
      ]);
      expect(registro.transiciones.flatMap((t) => t.eventos.map((ev) => ev.secuencia))).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect((await h.query(estadoQuery))!.resultado).toMatchObject({ contabilizada: 1, totalVotosCalculado: 310 });
      await guardarHistoria('publicada', h);
    });
  });

  it('a return opens a new double capture; past the policy limit the acta escalates to the coordinador, who decides it', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01007', {}, { maxDevoluciones: 1 });
      const devolver = (usuario: string, roles = ['verificador']) => ({
        comando: { tipo: 'VERIFICACION' as const, usuario, fechaHora: hora(), decision: 'DEVOLVER' as const, motivo: 'no coincide con la imagen' },
        rolesUsuario: roles,
      });
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2', valores({ PAN: 101 }))] });
      expect(await h.executeUpdate(verificarUpdate, { args: [devolver('ver1')] })).toMatchObject({ fase: 'EN_CAPTURA', eventos: ['ACTA_DEVUELTA'] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap3')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap4')] });
      expect(await h.executeUpdate(verificarUpdate, { args: [devolver('ver1')] })).toMatchObject({ fase: 'ESCALADA', eventos: ['ACTA_ESCALADA'] });
      // Only a coordinador decides an escalated acta, and never one who captured it.
      const decision = (usuario: string, roles: string[]) => ({
        comando: { tipo: 'VERIFICACION' as const, usuario, fechaHora: hora(), decision: 'CORREGIR' as const, valores: valores(), motivo: 'leído en la imagen' },
        rolesUsuario: roles,
      });
      expect((await rechazoDe(h.executeUpdate(verificarUpdate, { args: [decision('ver2', ['verificador'])] }))).codigo).toBe('SOLO_COORDINADOR');
      expect((await rechazoDe(h.executeUpdate(verificarUpdate, { args: [decision('cap1', ['coordinador'])] }))).codigo).toBe('VERIFICADOR_CAPTURO');
      expect(await h.executeUpdate(verificarUpdate, { args: [decision('coord', ['coordinador'])] })).toMatchObject({ fase: 'PUBLICADA' });
      const final = (await h.query(estadoQuery))!;
      expect(final.historial).toHaveLength(1);
      expect(final.verificacion).toMatchObject({ rol: 'coordinador', usuario: 'coord' });
      expect(Object.keys(final.resultado!.datos!)).toEqual(CAMPOS);
      expect(registro.transiciones.flatMap((t) => t.eventos.map((ev) => ev.tipo))).toContain('ACTA_ESCALADA');
      await guardarHistoria('devuelta-y-escalada', h);
    });
  });

  it('a refused action answers with the domain refusal and leaves no trace in the history', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01002');
      const antes = (await h.fetchHistory()).events!.length;
      expect((await rechazoDe(h.executeUpdate(capturarUpdate, { args: [captura('cap1')] }))).codigo).toBe('FASE_INVALIDA');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      const conImagen = (await h.fetchHistory()).events!.length;
      expect(conImagen).toBeGreaterThan(antes);
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      const trasCaptura = (await h.fetchHistory()).events!.length;
      // The same person cannot fill both capture slots, whatever the API let through.
      expect((await rechazoDe(h.executeUpdate(capturarUpdate, { args: [captura('cap1')] }))).codigo).toBe('CAPTURISTA_REPETIDO');
      expect((await rechazoDe(h.executeUpdate(capturarUpdate, { args: [captura('cap2', { PAN: 'x' } as never)] }))).codigo).toBe('CAPTURA_INVALIDA');
      expect((await h.fetchHistory()).events!.length).toBe(trasCaptura);
      expect(registro.transiciones).toHaveLength(3);
      await guardarHistoria('rechazos', h);
    });
  });

  it('a capturista of the acta can never verify it', async () => {
    await e.conWorker(async ({ taskQueue }) => {
      const h = await e.acopiar(taskQueue, '140001B01003');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      expect((await rechazoDe(h.executeUpdate(verificarUpdate, { args: [confirmar('cap2')] }))).codigo).toBe('VERIFICADOR_CAPTURO');
    });
  });

  it('the cierre signal leaves an acta in process running, and ends it as soon as it is published', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01006');
      await h.signal(cerrarSignal);
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      expect((await h.describe()).status.name).toBe('RUNNING');
      await h.executeUpdate(verificarUpdate, { args: [confirmar('ver1')] });
      // No 48-hour retention after the close: the published acta's workflow completes at once.
      const final = await h.result();
      expect(final!.fase).toBe('PUBLICADA');
      expect(registro.transiciones).toHaveLength(5);
      await guardarHistoria('cerrada', h);
    });
  });
});

describe('acta workflow timers (policy values shortened to seconds)', () => {
  let e: EntornoWorkflow;
  beforeAll(async () => {
    e = await EntornoWorkflow.crear();
  });
  afterAll(async () => {
    await e?.cerrar();
  });

  it('flags an acta atorada after the policy time without moving, only once, and clears it when it moves', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      // 0.02 min = 1.2 s.
      const h = await e.acopiar(taskQueue, '140001B01004', {}, { atoradaTrasMinutos: 0.02 });
      expect(registro.atoradas).toEqual([]);
      await esperarQue(() => registro.atoradas.length === 1);
      expect(registro.atoradas[0]).toMatchObject({ claveActa: '140001B01004', atorada: true, desde: registro.transiciones[0].estado.fechaHoraUltimoCambio });
      // What operators filter by in the Temporal UI (Atorada = "SI").
      await esperarQue(async () => (await h.describe()).typedSearchAttributes.get(SA_ATORADA) === 'SI');
      // No second timer is armed once flagged.
      await new Promise((r) => setTimeout(r, 2500));
      expect(registro.atoradas).toHaveLength(1);
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      // Before flagging it, one look for entries a lost task left (none here): an append of nothing.
      expect(registro.transiciones.map((t) => t.eventos.length)).toEqual([1, 0, 1]);
      expect((await h.describe()).typedSearchAttributes.get(SA_ATORADA)).toBe('NO');
      await guardarHistoria('atorada', h);
    });
  });

  it('a published acta keeps accepting late images for the retention time, then its workflow completes', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      // 0.05 min = 3 s of retention (48 hours by default).
      const h = await e.acopiar(taskQueue, '140001B01005', {}, { retencionTrasPublicacionMinutos: 0.05 });
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      await h.executeUpdate(verificarUpdate, { args: [confirmar('ver1')] });
      expect((await h.describe()).status.name).toBe('RUNNING');
      const tarde = await h.executeUpdate(digitalizarUpdate, { args: [imagen('casilla', SHA('b'))] });
      expect(tarde).toMatchObject({ fase: 'PUBLICADA', eventos: ['IMAGEN_DIGITALIZADA'] });
      const inicio = Date.now();
      const final = (await h.result())!;
      // The retention restarts with the late image: the workflow waited for it again.
      expect(Date.now() - inicio).toBeGreaterThanOrEqual(2000);
      expect(final.fase).toBe('PUBLICADA');
      expect(final.imagenes).toHaveLength(2);
      // The published image stays the first complete one.
      expect(final.resultado!.imagenSha256).toBe(SHA('a'));
      expect(registro.atoradas).toEqual([]);
      await expect(h.executeUpdate(digitalizarUpdate, { args: [imagen('tarde', SHA('c'))] })).rejects.toThrow();
      await guardarHistoria('retencion', h);
    });
  });
});

/** Polls until the condition holds (activities and search attributes land asynchronously). */
/**
 * A bitácora in memory with registrarTransicion's rule for `adoptarDesde` (the real one, on immudb,
 * is exercised by test/temporal-reinicio): entries past it that are not exactly the transition
 * asked for come back as `ajenas` and nothing is written. `escribirAjena` plays the lost task.
 */
class BitacoraEnMemoria {
  readonly entradas = new Map<number, EventoActa>();
  readonly llamadas: TransicionParaRegistrar[] = [];
  readonly actividades: ActaActivities = {
    registrarTransicion: async (t) => {
      this.llamadas.push(t);
      if (t.adoptarDesde !== undefined) {
        const posteriores = [...this.entradas.entries()].filter(([s]) => s > t.adoptarDesde!).sort(([a], [b]) => a - b);
        const propia = (s: number, e: EventoActa) => t.eventos.some((p) => p.secuencia === s && mismoEvento(p, e));
        if (!posteriores.every(([s, e]) => propia(s, e))) return { ajenas: posteriores.map(([, e]) => e) };
      }
      for (const ev of t.eventos) if (!this.entradas.has(ev.secuencia)) this.entradas.set(ev.secuencia, ev);
      return {};
    },
    marcarAtorada: async () => {},
  };
  escribirAjena(eventos: EventoActa[]): void {
    for (const ev of eventos) this.entradas.set(ev.secuencia, ev);
  }
}

const CONTEXTO_PRUEBA = (roles: string[]): ContextoActa => ({
  politica: crearPolitica({}),
  columnasVoto: ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'],
  casilla: { tipo: 'B', listaNominal: 600, representantes: 10 },
  rolesUsuario: roles,
});

describe('acta workflow: entries a lost workflow task left in the bitácora are adopted', () => {
  let e: EntornoWorkflow;
  beforeAll(async () => {
    e = await EntornoWorkflow.crear();
  });
  afterAll(async () => {
    await e?.cerrar();
  });

  it('the next action finds the lost capture, takes it as recorded and is recorded after it', async () => {
    const libro = new BitacoraEnMemoria();
    await e.conActividades(libro.actividades, async (taskQueue) => {
      const h = await e.acopiar(taskQueue, '140001B01011');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      // cap1's capture reached the bitácora; its update did not reach the history.
      const perdida = captura('cap1');
      const antes = (await h.query(estadoQuery))!;
      libro.escribirAjena(aplicarComando(antes, perdida.comando, CONTEXTO_PRUEBA(perdida.rolesUsuario)).eventos);
      const r = await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      expect(r).toMatchObject({ fase: 'EN_VERIFICACION', secuencia: 5, eventos: ['CAPTURA_REGISTRADA', 'CAPTURAS_COMPARADAS'] });
      expect([...libro.entradas.values()].map((ev) => [ev.secuencia, ev.tipo, ev.usuario])).toEqual([
        [1, 'ACTA_ACOPIADA', 'acopiador'],
        [2, 'IMAGEN_DIGITALIZADA', 'dig'],
        [3, 'CAPTURA_REGISTRADA', 'cap1'],
        [4, 'CAPTURA_REGISTRADA', 'cap2'],
        [5, 'CAPTURAS_COMPARADAS', 'cap2'],
      ]);
      // The adopted entry was projected (an append with exactly those events) before cap2's.
      expect(libro.llamadas.map((t) => t.eventos.map((ev) => ev.secuencia))).toEqual([[1], [2], [3], [3], [4, 5]]);
      const estado = (await h.query(estadoQuery))!;
      expect(estado.secuencia).toBe(5);
      // The workflow state is the bitácora's: cap1 cannot capture again, a verificador can confirm.
      expect((await rechazoDe(h.executeUpdate(capturarUpdate, { args: [captura('cap1')] }))).codigo).toBeDefined();
      expect(await h.executeUpdate(verificarUpdate, { args: [confirmar('ver1')] })).toMatchObject({ fase: 'PUBLICADA', secuencia: 7 });
      await guardarHistoria('adopcion', h);
    });
  });

  it('a waiting action the adopted entries make impossible is refused with the machine reason', async () => {
    const libro = new BitacoraEnMemoria();
    await e.conActividades(libro.actividades, async (taskQueue) => {
      const h = await e.acopiar(taskQueue, '140001B01012');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      const antes = (await h.query(estadoQuery))!;
      const perdida = captura('cap1');
      libro.escribirAjena(aplicarComando(antes, perdida.comando, CONTEXTO_PRUEBA(perdida.rolesUsuario)).eventos);
      // cap1 tries again (a new time): valid on the workflow's state, not on the bitácora's.
      const rechazo = await rechazoDe(h.executeUpdate(capturarUpdate, { args: [captura('cap1')] }));
      expect(rechazo.mensaje).toMatch(/ya capturó el acta 140001B01012/);
      expect((await h.query(estadoQuery))!.secuencia).toBe(3);
      expect([...libro.entradas.keys()]).toEqual([1, 2, 3]);
    });
  });

  it('an acta nobody touches again adopts the lost entry when its atorada timer fires', async () => {
    const libro = new BitacoraEnMemoria();
    await e.conActividades(libro.actividades, async (taskQueue) => {
      const h = await e.acopiar(taskQueue, '140001B01013', {}, { atoradaTrasMinutos: 0.02 });
      const antes = (await h.query(estadoQuery))!;
      const perdida = imagen();
      libro.escribirAjena(
        aplicarComando(antes, perdida.comando, { ...CONTEXTO_PRUEBA(perdida.rolesUsuario), politica: crearPolitica({ atoradaTrasMinutos: 0.02 }) }).eventos,
      );
      await esperarQue(async () => (await h.query(estadoQuery))!.secuencia === 2);
      expect((await h.query(estadoQuery))!.fase).toBe('EN_CAPTURA');
      expect(libro.llamadas.at(-1)!.eventos.map((ev) => ev.secuencia)).toEqual([2]);
    });
  });
});

async function esperarQue(condicion: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const limite = Date.now() + ms;
  while (!(await condicion())) {
    if (Date.now() > limite) throw new Error('la condición no se cumplió a tiempo');
    await new Promise((r) => setTimeout(r, 50));
  }
}
