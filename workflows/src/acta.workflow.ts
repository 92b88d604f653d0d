import { ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, setHandler, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { RetryPolicy, UpdateDefinition } from '@temporalio/common';
import {
  acotarRechazo,
  adoptarEntradas,
  aplicarComando,
  esFaseFinal,
  iniciarActa,
  isDomainError,
  recortar,
  validarComando,
  type ComandoActa,
  type ComandoActa as Comando,
  type ContextoActa,
  type EstadoActa,
  type EventoActa,
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
/**
 * Back to the local activity, without its hole: the append is asked for with `adoptarDesde`, so
 * entries a lost task left in the bitácora are not a conflict but are adopted (libs/domain's
 * acta-adopcion): the workflow takes them as recorded and decides its waiting actions again on top
 * of them. The atorada timer checks for such entries too, so an acta nobody touches again still
 * catches up with its bitácora. One workflow task per transition again, instead of two plus an
 * activity task.
 */
const PARCHE_LOCAL_CON_ADOPCION = 'registro-local-con-adopcion';

/** A staff action accepted by the workflow, until its entries are in the bitácora or it is refused after an adoption. */
interface Pendiente {
  t: TransicionActa;
  /** What decided it, to decide it again after an adoption (absent for a legacy start). */
  comando?: Comando;
  contexto?: ContextoActa;
  hecha: boolean;
  fallo?: ApplicationFailure;
  /** An adoption step: entries already in the bitácora, to project; recording it settles `resueltas`. */
  adopcion?: { resueltas: Pendiente[] };
}

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
  const pendientes: Pendiente[] = [];
  let inicioLegado: TransicionActa | null = null;
  if (input.acopio) {
    // A workflow started by an older API, with its acopio as input: replayed exactly as then.
    try {
      inicioLegado = iniciarActa(input.acopio, contextoBase);
    } catch (err) {
      throw comoFalla(err);
    }
    estado = inicioLegado.estado;
    pendientes.push({ t: inicioLegado, hecha: false });
  }
  let persistida = 0;
  // The state the bitácora holds for this acta, as far as the workflow knows (persistida's state).
  let confirmado: EstadoActa | null = null;
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
        const ctx = contexto(rolesDe(accion));
        let t: TransicionActa;
        try {
          t = aplicarComando(estado, accion.comando, ctx);
        } catch (err) {
          throw comoFalla(err);
        }
        estado = t.estado;
        const p: Pendiente = { t, comando: accion.comando, contexto: ctx, hecha: false };
        pendientes.push(p);
        // Set together with persistida (or refused after an adoption): the same task as before.
        await condition(() => p.hecha || p.fallo !== undefined);
        if (p.fallo) throw p.fallo;
        return { claveActa: p.t.estado.claveActa, fase: p.t.estado.fase, secuencia: p.t.estado.secuencia, eventos: p.t.eventos.map((e) => e.tipo) };
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

  /**
   * Takes the bitácora's entries past `persistida` as recorded (a lost task wrote them) and decides
   * the waiting actions again on top of them: the ones that are those entries keep their answer,
   * the rest are recorded after them or refused with the machine's reason.
   */
  function adoptar(ajenas: EventoActa[]): void {
    const reales = pendientes.filter((q) => !q.adopcion);
    const previas = pendientes.flatMap((q) => q.adopcion?.resueltas ?? []);
    let a: ReturnType<typeof adoptarEntradas>;
    try {
      a = adoptarEntradas(
        confirmado,
        ajenas,
        reales.map((q) => ({ eventos: q.t.eventos, comando: q.comando, contexto: q.contexto })),
      );
    } catch (err) {
      throw ApplicationFailure.create({
        type: 'ConflictoBitacora',
        message: recortar(
          `La bitácora del acta tiene entradas que no siguen a su estado; revise su integridad: ${err instanceof Error ? err.message : String(err)}`,
          500,
        ),
        nonRetryable: true,
      });
    }
    const cola: Pendiente[] = [
      { t: { eventos: ajenas, estado: a.estado }, hecha: false, adopcion: { resueltas: [...previas, ...reales.slice(0, a.yaRegistradas)] } },
    ];
    estado = a.estado;
    reales.slice(a.yaRegistradas).forEach((q, i) => {
      const d = a.redecididas[i];
      if ('transicion' in d) {
        q.t = d.transicion;
        estado = d.transicion.estado;
        cola.push(q);
      } else {
        q.fallo = comoFalla(d.error);
      }
    });
    pendientes.splice(0, pendientes.length, ...cola);
  }

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
      const p = pendientes[0];
      const t = p.t;
      // Checked in this order so histories recorded before each patch replay their own path.
      const adopta = patched(PARCHE_LOCAL_CON_ADOPCION);
      const local = adopta || (!patched(PARCHE_REGISTRO_TRAS_ACEPTAR) && patched(PARCHE_REGISTRO_LOCAL));
      if (local && !adopta && patched(PARCHE_ACEPTACION_DURABLE)) await sleep(1);
      const registrarTransicion = local ? registrarComoLocal : registrarComoActividad;
      const r = await registrarTransicion({
        claveCasilla: input.claveCasilla,
        tipoActa: input.tipoActa,
        eventos: t.eventos,
        estado: t.estado,
        ...(adopta ? { adoptarDesde: persistida } : {}),
      });
      if (adopta && r && r.ajenas && r.ajenas.length > 0) {
        adoptar(r.ajenas);
        continue;
      }
      pendientes.shift();
      persistida = t.estado.secuencia;
      confirmado = t.estado;
      p.hecha = true;
      for (const q of p.adopcion?.resueltas ?? []) q.hecha = true;
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
    if (!despierta && !atorada && patched(PARCHE_LOCAL_CON_ADOPCION)) {
      // Before flagging it: entries a lost task left, which nobody's next action has adopted yet.
      const r = await registrarComoLocal({ claveCasilla: input.claveCasilla, tipoActa: input.tipoActa, eventos: [], estado, adoptarDesde: persistida });
      if (r && r.ajenas && r.ajenas.length > 0) {
        adoptar(r.ajenas);
        continue;
      }
    }
    if (!despierta && !atorada) {
      atorada = true;
      await marcarAtorada({ claveActa: estado.claveActa, atorada: true, desde: estado.fechaHoraUltimoCambio });
      upsertSearchAttributes([{ key: SA_ATORADA, value: 'SI' }]);
    }
  }
  return estado;
}
