import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WithStartWorkflowOperation, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  contextoDeActa,
  isDomainError,
  parseClaveActa,
  rechazoCatdDesconocido,
  validarComando,
  type ComandoAcopio,
  type ComandoActa,
  type ComandoCorreccionCatd,
  type ComandoDigitalizacion,
  type ComandoSinActa,
  type ContextoActa,
  type PoliticaPrep,
} from '@prep/domain';
import {
  AccionPersonal,
  ACTA_WORKFLOW_TYPE,
  acopiarUpdate,
  ActaWorkflowInput,
  corregirCatdUpdate,
  digitalizarUpdate,
  ResultadoAccion,
  sinActaUpdate,
} from '@prep/workflows/acta.messages';
import { SA_ATORADA, SA_CATD, SA_TIPO_ACTA } from '@prep/workflows/search-attributes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { CatalogoService } from '../catalogo/catalogo.service';
import { ApiError } from '../common/api-error';
import { POLITICA_PREP } from '../common/politica.provider';
import { TemporalService } from '../temporal/temporal.module';
import { esSolicitudRetomada, updateIdDeSolicitud } from '../idempotencia/contexto-idempotencia';
import { simularCaidaTrasUpdate } from './caos-api';
import { errorDeTemporal } from './temporal-errores';

/**
 * Sends staff actions to the acta's workflow. The API only vouches for who acts
 * (user, roles, time); the workflow decides whether the process allows it.
 */
@Injectable()
export class ActaComandosService {
  constructor(
    private readonly temporal: TemporalService,
    private readonly catalogo: CatalogoService,
    private readonly em: EntityManager,
    @Inject(POLITICA_PREP) private readonly politica: PoliticaPrep,
  ) {}

  async acopiar(
    usuario: UsuarioAutenticado,
    datos: { claveActa: string; mecanismoTraslado: string; fechaHora?: string; motivo?: string },
  ): Promise<ResultadoAccion & { fueraDeCatalogo: boolean }> {
    const { claveActa } = datos;
    try {
      // Only validates here: the workflow's input is built from the clave later.
      parseClaveActa(claveActa);
    } catch (err) {
      if (isDomainError(err)) throw new ApiError(HttpStatus.BAD_REQUEST, err.codigo, err.message);
      throw err;
    }
    if (!usuario.catd) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'SIN_CATD', 'Su usuario no tiene CATD asignado; pida al administrador que lo asigne.');
    }
    // Refuses (422) a clave of another entidad or election before anything is registered.
    const enCatalogo = await this.catalogo.buscarActa(claveActa);
    const contexto = contextoDeActa(enCatalogo, this.politica);
    const recibidaEn = new Date().toISOString();
    const acopio: ComandoAcopio = {
      tipo: 'ACOPIO',
      claveActa,
      catd: usuario.catd,
      usuario: usuario.nombreUsuario,
      fechaHora: datos.fechaHora ?? recibidaEn,
      mecanismoTraslado: datos.mecanismoTraslado,
      fueraDeCatalogo: !enCatalogo,
      // Facts for the domain's rules: where the catálogo sends this acta, and the server's clock.
      catdCatalogo: enCatalogo?.casilla.catd ?? null,
      motivo: datos.motivo ?? null,
      recibidaEn,
    };
    const rechazo = validarComando(null, acopio, contexto);
    if (rechazo) throw new ApiError(rechazo.status, rechazo.codigo, rechazo.mensaje);

    const res = await this.iniciarOEnviar(claveActa, acopiarUpdate, acopio, [...usuario.roles], contexto, usuario.catd);
    return { ...res, fueraDeCatalogo: !enCatalogo };
  }

  /**
   * Publishes an acta esperada that never arrived as SIN ACTA (the cierre): a command to the acta's
   * workflow like any other, so an acopio racing it for the same clave is decided by the machine.
   * Refused (409 ACTA_YA_ACOPIADA / ACTA_CERRADA) when the acta was acopiada or is already SIN ACTA.
   */
  async publicarSinActa(claveActa: string, motivo: string, usuario: string, rolesUsuario: readonly string[]): Promise<ResultadoAccion> {
    const enCatalogo = await this.catalogo.buscarActa(claveActa);
    if (!enCatalogo) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'ACTA_NO_ESPERADA',
        `El acta ${claveActa} no está en el catálogo: solo un acta esperada se publica como SIN ACTA.`,
      );
    }
    const comando: ComandoSinActa = { tipo: 'SIN_ACTA', claveActa, usuario, fechaHora: new Date().toISOString(), motivo, catd: enCatalogo.casilla.catd };
    const contexto = contextoDeActa(enCatalogo, this.politica);
    const rechazo = validarComando(null, comando, contexto);
    if (rechazo) throw new ApiError(rechazo.status, rechazo.codigo, rechazo.mensaje);
    return this.iniciarOEnviar(claveActa, sinActaUpdate, comando, [...rolesUsuario], contexto, comando.catd);
  }

  /**
   * A PREP Casilla photo (DOMAIN.md: it may come before the acopio). Sent to the acta's running
   * workflow; if the acta has none yet, it starts it through update-with-start like an acopio, so
   * a photo and an acopio racing for one clave are serialised too and the acopio later completes it.
   */
  async digitalizarCasilla(claveActa: string, comando: ComandoDigitalizacion, usuario: UsuarioAutenticado): Promise<ResultadoAccion> {
    try {
      const res = await this.temporal.client.workflow
        .getHandle(claveActa)
        .executeUpdate(digitalizarUpdate, { args: [{ comando, rolesUsuario: [...usuario.roles] }], updateId: updateIdDeSolicitud() });
      simularCaidaTrasUpdate(claveActa);
      return res;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || (await this.faseEnModelo(claveActa)) !== null)
        throw await errorDeTemporal(err, claveActa, this.faseEnModelo);
    }
    let enCatalogo;
    try {
      parseClaveActa(claveActa);
      enCatalogo = await this.catalogo.buscarActa(claveActa);
    } catch (err) {
      if (isDomainError(err)) throw new ApiError(HttpStatus.BAD_REQUEST, err.codigo, err.message);
      throw err;
    }
    const primera: ComandoDigitalizacion = { ...comando, claveActa, catdCatalogo: enCatalogo?.casilla.catd ?? null };
    const contexto = contextoDeActa(enCatalogo, this.politica);
    const rechazo = validarComando(null, primera, contexto);
    if (rechazo) throw new ApiError(rechazo.status, rechazo.codigo, rechazo.mensaje);
    return this.iniciarOEnviar(claveActa, digitalizarUpdate, primera, [...usuario.roles], contexto, enCatalogo!.casilla.catd);
  }

  /**
   * A first command (ACOPIO, SIN_ACTA) as update-with-start on the clave's workflow id. USE_EXISTING:
   * if the acta's workflow already runs, the command goes to it as an Update and the machine decides
   * (a second acopio, a SIN ACTA of an acopiada acta: refused), so two first commands racing for one
   * clave are serialised by Temporal and exactly one wins. REJECT_DUPLICATE: an ended acta is never
   * started again (answered by errorDeTemporal as ACTA_CERRADA).
   */
  private async iniciarOEnviar<C extends ComandoAcopio | ComandoSinActa | ComandoDigitalizacion>(
    claveActa: string,
    update: UpdateDefinition<ResultadoAccion, [AccionPersonal<C>]>,
    comando: C,
    rolesUsuario: string[],
    contexto: ContextoActa,
    catd: string,
  ): Promise<ResultadoAccion> {
    const { claveCasilla, tipoActa } = parseClaveActa(claveActa);
    const input: ActaWorkflowInput = {
      claveCasilla,
      tipoActa,
      contexto: { politica: contexto.politica, columnasVoto: contexto.columnasVoto, casilla: contexto.casilla ?? null },
    };
    const inicio = new WithStartWorkflowOperation(ACTA_WORKFLOW_TYPE, {
      workflowId: claveActa,
      taskQueue: this.temporal.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Fase is set by the workflow with its first transition.
      typedSearchAttributes: [
        { key: SA_CATD, value: catd },
        { key: SA_TIPO_ACTA, value: tipoActa },
        { key: SA_ATORADA, value: 'NO' },
      ],
    });
    try {
      // The Update id from the request's Idempotency-Key: a retry after the API died re-attaches to
      // this Update (USE_EXISTING sends it to the run the first attempt started) instead of a new one.
      const res = await this.temporal.client.workflow.executeUpdateWithStart(update, {
        args: [{ comando, rolesUsuario }],
        startWorkflowOperation: inicio,
        updateId: updateIdDeSolicitud(),
      });
      simularCaidaTrasUpdate(claveActa);
      return res;
    } catch (err) {
      throw await errorDeTemporal(err, claveActa, this.faseEnModelo);
    }
  }

  /** The acta's phase in the read model, or null when it has no row (never had a transition). */
  readonly faseEnModelo = async (claveActa: string): Promise<string | null> => {
    const filas = await this.em.fork().execute<{ fase: string }[]>('select fase from acta where clave_acta = ?', [claveActa]);
    return filas[0]?.fase ?? null;
  };

  /**
   * Moves an acta to another CATD. The API supplies the facts (the catálogo's CATD of the acta, the
   * user's CATD); the workflow's validator decides who may move it and where.
   */
  async corregirCatd(usuario: UsuarioAutenticado, claveActa: string, datos: { catd: string; motivo: string }): Promise<ResultadoAccion> {
    const enCatalogo = await this.catalogo.buscarActa(claveActa);
    const catds = await this.catalogo.catds();
    const desconocido = catds && rechazoCatdDesconocido(datos.catd, catds);
    if (desconocido) throw new ApiError(desconocido.status, desconocido.codigo, desconocido.mensaje);
    const comando: ComandoCorreccionCatd = {
      tipo: 'CORRECCION_CATD',
      usuario: usuario.nombreUsuario,
      fechaHora: new Date().toISOString(),
      catd: datos.catd,
      motivo: datos.motivo,
      catdCatalogo: enCatalogo?.casilla.catd ?? null,
      catdUsuario: usuario.catd ?? null,
    };
    return this.ejecutar(claveActa, corregirCatdUpdate, comando, usuario);
  }

  /**
   * The outcome of this request's Update if a first attempt (whose API process died) already sent
   * it, so a retry is answered by Temporal even when the API's own pre-checks would now refuse it
   * (e.g. the capture's task is no longer held: the capture itself completed it). Undefined when the
   * request is not a retry of an abandoned attempt, or its Update never reached the workflow.
   */
  async resultadoDeIntentoAnterior(claveActa: string): Promise<ResultadoAccion | undefined> {
    const updateId = updateIdDeSolicitud();
    if (!updateId || !esSolicitudRetomada()) return undefined;
    try {
      return await this.temporal.client.workflow.getHandle(claveActa).getUpdateHandle<ResultadoAccion>(updateId).result();
    } catch (err) {
      // A refusal recorded by the workflow is that attempt's answer; anything else (no such Update) means it never arrived.
      if (err instanceof WorkflowUpdateFailedError) throw await errorDeTemporal(err, claveActa, this.faseEnModelo);
      return undefined;
    }
  }

  /** Runs a staff action as a Temporal Update; refusals come back as 4xx with the domain's message. */
  async ejecutar<C extends ComandoActa>(
    claveActa: string,
    update: UpdateDefinition<ResultadoAccion, [AccionPersonal<C>]>,
    comando: C,
    usuario: UsuarioAutenticado,
  ): Promise<ResultadoAccion> {
    try {
      const handle = this.temporal.client.workflow.getHandle(claveActa);
      const res = await handle.executeUpdate(update, { args: [{ comando, rolesUsuario: [...usuario.roles] }], updateId: updateIdDeSolicitud() });
      simularCaidaTrasUpdate(claveActa);
      return res;
    } catch (err) {
      throw await errorDeTemporal(err, claveActa, this.faseEnModelo);
    }
  }
}
