import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_POLITICA_PREP, type RechazoDominio } from '@prep/domain';
import { capturarUpdate, cerrarSignal, digitalizarUpdate, estadoQuery, RECHAZO_ACTA, verificarUpdate } from '../src/acta.messages';
import { EntornoWorkflow, hora, valores } from './entorno';

const SHA = (c: string) => c.repeat(64);
const imagen = (usuario = 'dig', sha = SHA('a')) => ({
  comando: { tipo: 'DIGITALIZACION' as const, usuario, fechaHora: hora(), sha256: sha, origen: 'CATD' as const, medio: 'ESCANER' as const, ruta: `${sha}.jpg`, catd: 'M001' },
  rolesUsuario: ['digitalizador'],
});
const captura = (usuario: string, v = valores()) => ({ comando: { tipo: 'CAPTURA' as const, usuario, fechaHora: hora(), valores: v }, rolesUsuario: ['capturista'] });
const confirmar = (usuario: string) => ({ comando: { tipo: 'VERIFICACION' as const, usuario, fechaHora: hora(), decision: 'CONFIRMAR' as const }, rolesUsuario: ['verificador'] });

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

describe('acta workflow on the time-skipping test server (activities recorded, not run)', () => {
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

  it('flags an acta atorada after the policy time without moving, and only once', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01004');
      await e.env.sleep(`${DEFAULT_POLITICA_PREP.atoradaTrasMinutos - 1} minutes`);
      expect(registro.atoradas).toEqual([]);
      await e.env.sleep('2 minutes');
      await esperarQue(() => registro.atoradas.length === 1);
      expect(registro.atoradas[0]).toMatchObject({ claveActa: '140001B01004', atorada: true });
      await e.env.sleep('3 hours');
      expect(registro.atoradas).toHaveLength(1);
      // Moving again clears it: the next transition is recorded with the acta no longer atorada.
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      expect(registro.transiciones).toHaveLength(2);
    });
  });

  it('a published acta keeps accepting late images for 48 hours, then its workflow completes', async () => {
    await e.conWorker(async ({ taskQueue, registro }) => {
      const h = await e.acopiar(taskQueue, '140001B01005');
      await h.executeUpdate(digitalizarUpdate, { args: [imagen()] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap1')] });
      await h.executeUpdate(capturarUpdate, { args: [captura('cap2')] });
      await h.executeUpdate(verificarUpdate, { args: [confirmar('ver1')] });
      await e.env.sleep('47 hours');
      expect((await h.describe()).status.name).toBe('RUNNING');
      const tarde = await h.executeUpdate(digitalizarUpdate, { args: [imagen('casilla', SHA('b'))] });
      expect(tarde).toMatchObject({ fase: 'PUBLICADA', eventos: ['IMAGEN_DIGITALIZADA'] });
      await e.env.sleep('49 hours');
      const final = await h.result();
      expect(final!.fase).toBe('PUBLICADA');
      expect(final!.imagenes).toHaveLength(2);
      // The published image stays the first complete one.
      expect(final!.resultado!.imagenSha256).toBe(SHA('a'));
      expect(registro.atoradas).toEqual([]);
    });
  });

  it('the cierre signal leaves an acta in process running, and ends it as soon as it is published', async () => {
    await e.conWorker(async ({ taskQueue }) => {
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
    });
  });
});

/** Activities run on the worker asynchronously to the client's time skipping: wait briefly for them. */
async function esperarQue(condicion: () => boolean, ms = 5000): Promise<void> {
  const limite = Date.now() + ms;
  while (!condicion()) {
    if (Date.now() > limite) throw new Error('la condición no se cumplió a tiempo');
    await new Promise((r) => setTimeout(r, 50));
  }
}
