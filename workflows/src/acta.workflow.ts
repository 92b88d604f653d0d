import { ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { RetryPolicy, UpdateDefinition } from '@temporalio/common';
import {
  acotarRechazo,
  aplicarComando,
  esFaseFinal,
  iniciarActa,
  isDomainError,
  recortar,
  validarComando,
  type ComandoActa,
  type ContextoActa,
  type EstadoActa,
  type RechazoActa,
  type TransicionActa,
} from '@prep/domain';
import type { ActaActivities } from './activities';
import {
  AccionPersonal,
  acopiarUpdate,
  acopioRegistradoUpdate,
  ActaWorkflowInput,
  capturarUpdate,
  cerrarSignal,
  corregirCatdUpdate,
  digitalizarUpdate,
  estadoQuery,
  FALLA_INTERNA_ACTA,
  RECHAZO_ACTA,
  ResultadoAccion,
  sinActaUpdate,
  verificarUpdate,
} from './acta.messages';
import { SA_ATORADA, SA_CATD, SA_FASE } from './search-attributes';

// A bitácora or database outage delays an acta; it never fails it. Only a bitácora
// conflict (the same key with other content) is non-retryable.
const REINTENTOS: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: ['ConflictoBitacora'],
};
const { registrarTransicion: registrarComoActividad, marcarAtorada } = proxyActivities<ActaActivities>({
  // Appending a transition takes well under a second; a dead worker's task is retried after this.
  startToCloseTimeout: '10 seconds',
  retry: REINTENTOS,
});
// The same append as a local activity: it runs inside the workflow task that accepted the staff
// action, so a transition costs one workflow task instead of three and no activity task round trip.
// It is safe to run again (registrarTransicion checks what the bitácora already holds), which is all
// a local activity needs: a worker that dies mid-task leaves no marker and the next one repeats it.
const { registrarTransicion: registrarComoLocal } = proxyLocalActivities<ActaActivities>({
  startToCloseTimeout: '10 seconds',
  retry: REINTENTOS,
});
/** Actas started before this patch keep their regular activities on replay. */
const PARCHE_REGISTRO_LOCAL = 'registro-local-de-transiciones';
/**
 * A local activity runs before the workflow task that accepted the update is recorded. If Temporal
 * loses that task (a server restart under load: the failure drill `temporal`), the update is lost
 * but its entry is already in the bitácora, and the acta's next action gets the same sequence
 * number with other content: a ConflictoBitacora that stops the acta for good. A 1 ms timer first
 * ends the task, so the update's acceptance is in the history before anything is written; a lost
 * task is then replayed from that history and writes exactly the same entry again.
 */
const PARCHE_ACEPTACION_DURABLE = 'aceptacion-durable-antes-de-bitacora';
/**
 * The same durability without the timer's wait: Temporal fires a timer up to about a second late,
 * and every staff action waited for it. A regular activity ends the accepting task just the same
 * (its schedule is recorded with the update's acceptance, so a lost task is replayed from history
 * and writes the very same entry; a retried activity finds its entry already there) and is handed
 * to a polling worker at once.
 */
const PARCHE_REGISTRO_TRAS_ACEPTAR = 'registro-por-actividad-tras-aceptar';

/** Workflows started before the retention became a policy value kept it fixed at 48 hours. */
const RETENCION_POR_OMISION_MINUTOS = 48 * 60;

/** A refusal as Temporal carries it: bounded (acotarRechazo), so no input can grow it past gRPC's limit. */
function rechazo(r: RechazoActa): ApplicationFailure {
  const acotado = acotarRechazo(r);
  return ApplicationFailure.create({ type: RECHAZO_ACTA, message: acotado.mensaje, details: [acotado], nonRetryable: true });
}

/**
 * Whatever an update's validator or handler throws becomes an ApplicationFailure: any other error
 * thrown by a handler fails the workflow TASK, which Temporal retries forever, blocking every later
 * action on the acta. A bug or a malformed payload refuses this one update and nothing else.
 */
function comoFalla(err: unknown): ApplicationFailure {
  if (isDomainError(err)) return rechazo(err.rechazo);
  const mensaje = recortar(err instanceof Error ? `${err.name}: ${err.message}` : String(err), 500);
  return ApplicationFailure.create({ type: FALLA_INTERNA_ACTA, message: mensaje, nonRetryable: true });
}

/**
 * One acta from its first command to publicación (DOMAIN.md). The domain's state machine
 * decides every step, the first one included (ACOPIO, or SIN_ACTA at the close): the workflow
 * starts empty and its first command arrives as an Update, so an acopio and a cierre racing for
 * the same clave are serialised by Temporal's workflow id and decided by the machine. This
 * function adds durability: staff actions arrive as Updates whose validator refuses without
 * leaving history, every accepted transition is appended to the bitácora then projected in order,
 * and an acta that waits too long in one phase is flagged atorada.
 */
export async function actaWorkflow(input: ActaWorkflowInput): Promise<EstadoActa | null> {
  const contextoBase: ContextoActa = input.contexto;
  let estado: EstadoActa | null = null;
  const pendientes: TransicionActa[] = [];
  let inicioLegado: TransicionActa | null = null;
  if (input.acopio) {
    // A workflow started by an older API, with its acopio as input: replayed exactly as then.
    try {
      inicioLegado = iniciarActa(input.acopio, contextoBase);
    } catch (err) {
      throw comoFalla(err);
    }
    estado = inicioLegado.estado;
    pendientes.push(inicioLegado);
  }
  let persistida = 0;
  // undefined: the first transition of a new-style workflow publishes the CATD search attribute.
  let catdPublicado: string | undefined = estado?.catd;
  let atorada = false;
  let cerrada = false;

  const contexto = (roles: string[]): ContextoActa => ({ ...contextoBase, rolesUsuario: roles });
  const rolesDe = (accion: { rolesUsuario?: unknown } | undefined): string[] => (Array.isArray(accion?.rolesUsuario) ? (accion.rolesUsuario as string[]) : []);

  function registrarAccion<C extends ComandoActa>(def: UpdateDefinition<ResultadoAccion, [AccionPersonal<C>]>, tipo: C['tipo']) {
    setHandler(
      def,
      async (accion) => {
        // Applied before the first await, so the next update is validated against this state.
        let t: TransicionActa;
        try {
          t = aplicarComando(estado, accion.comando, contexto(rolesDe(accion)));
        } catch (err) {
          throw comoFalla(err);
        }
        estado = t.estado;
        pendientes.push(t);
        await condition(() => persistida >= t.estado.secuencia);
        return { claveActa: t.estado.claveActa, fase: t.estado.fase, secuencia: t.estado.secuencia, eventos: t.eventos.map((e) => e.tipo) };
      },
      {
        validator: (accion) => {
          let r: RechazoActa | null;
          try {
            const comando = accion?.comando;
            if (!comando || comando.tipo !== tipo) {
              r = { codigo: 'COMANDO_INVALIDO', mensaje: `Se esperaba un comando ${tipo}`, status: 422 };
            } else {
              r = validarComando(estado, comando, contexto(rolesDe(accion)));
            }
          } catch (err) {
            throw comoFalla(err);
          }
          if (r) throw rechazo(r);
        },
      },
    );
  }
  registrarAccion(acopiarUpdate, 'ACOPIO');
  registrarAccion(sinActaUpdate, 'SIN_ACTA');
  registrarAccion(digitalizarUpdate, 'DIGITALIZACION');
  registrarAccion(capturarUpdate, 'CAPTURA');
  registrarAccion(verificarUpdate, 'VERIFICACION');
  registrarAccion(corregirCatdUpdate, 'CORRECCION_CATD');
  setHandler(acopioRegistradoUpdate, async () => {
    const inicio = inicioLegado;
    if (!inicio) throw rechazo({ codigo: 'COMANDO_INVALIDO', mensaje: 'Este flujo no se inició con un acopio; envíe el comando ACOPIO.', status: 422 });
    await condition(() => persistida >= inicio.estado.secuencia);
    return { claveActa: inicio.estado.claveActa, fase: inicio.estado.fase, secuencia: inicio.estado.secuencia, eventos: inicio.eventos.map((e) => e.tipo) };
  });
  setHandler(estadoQuery, () => estado);
  setHandler(cerrarSignal, () => {
    cerrada = true;
  });

  const atoradaMs = contextoBase.politica.atoradaTrasMinutos * 60_000;
  const retencionMs = (contextoBase.politica.retencionTrasPublicacionMinutos ?? RETENCION_POR_OMISION_MINUTOS) * 60_000;
  // SIN_ACTA ends at once; a published acta at the close (or after its retention below); an acta
  // in process at the close keeps going, its staff may still finish it, and ends once published.
  const terminada = () => (estado === null ? cerrada : estado.fase === 'SIN_ACTA' || (cerrada && esFaseFinal(estado.fase)));
  for (;;) {
    // Waiting for its first command, or for its paquete after a PREP Casilla photo, an acta cannot
    // be atorada: nobody can act on it yet.
    const espera = estado === null || estado.fase === 'PRE_ACOPIO' ? undefined : estado.fase === 'PUBLICADA' ? retencionMs : atorada ? undefined : atoradaMs;
    const despierta =
      espera === undefined
        ? (await condition(() => pendientes.length > 0 || terminada()), true)
        : await condition(() => pendientes.length > 0 || terminada(), espera);

    if (pendientes.length > 0) {
      const t = pendientes[0];
      // Checked first so histories recorded before it replay their own path (local, with or without the timer).
      const local = !patched(PARCHE_REGISTRO_TRAS_ACEPTAR) && patched(PARCHE_REGISTRO_LOCAL);
      if (local && patched(PARCHE_ACEPTACION_DURABLE)) await sleep(1);
      const registrarTransicion = local ? registrarComoLocal : registrarComoActividad;
      await registrarTransicion({ claveCasilla: input.claveCasilla, tipoActa: input.tipoActa, eventos: t.eventos, estado: t.estado });
      pendientes.shift();
      persistida = t.estado.secuencia;
      atorada = false;
      upsertSearchAttributes([
        { key: SA_FASE, value: t.estado.fase },
        { key: SA_ATORADA, value: 'NO' },
        // Only when it changes (a new acta, a CATD correction), so older histories replay unchanged.
        ...(t.estado.catd !== catdPublicado ? [{ key: SA_CATD, value: t.estado.catd }] : []),
      ]);
      catdPublicado = t.estado.catd;
      continue;
    }
    if (terminada()) break;
    if (estado === null) continue;
    if (!despierta && estado.fase === 'PUBLICADA') break;
    if (!despierta && !atorada) {
      atorada = true;
      await marcarAtorada({ claveActa: estado.claveActa, atorada: true, desde: estado.fechaHoraUltimoCambio });
      upsertSearchAttributes([{ key: SA_ATORADA, value: 'SI' }]);
    }
  }
  return estado;
}
