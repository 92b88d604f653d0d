import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WithStartWorkflowOperation } from '@temporalio/client';
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
  type PoliticaPrep,
} from '@prep/domain';
import { ActaRow } from '@prep/persistence';
import {
  AccionPersonal,
  ACTA_WORKFLOW_TYPE,
  acopioRegistradoUpdate,
  ActaWorkflowInput,
  corregirCatdUpdate,
  ResultadoAccion,
} from '@prep/workflows/acta.messages';
import { SA_ATORADA, SA_CATD, SA_FASE, SA_TIPO_ACTA } from '@prep/workflows/search-attributes';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { CatalogoService } from '../catalogo/catalogo.service';
import { ApiError } from '../common/api-error';
import { POLITICA_PREP } from '../common/politica.provider';
import { TemporalService } from '../temporal/temporal.module';
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
    let partes: { claveCasilla: string; tipoActa: string };
    try {
      partes = parseClaveActa(claveActa);
    } catch (err) {
      if (isDomainError(err)) throw new ApiError(HttpStatus.BAD_REQUEST, err.codigo, err.message);
      throw err;
    }
    if (!usuario.catd) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'SIN_CATD', 'Su usuario no tiene CATD asignado; pida al administrador que lo asigne.');
    }
    const sinActa = await this.em.fork().findOne(ActaRow, { claveActa, fase: 'SIN_ACTA' });
    if (sinActa) {
      throw new ApiError(HttpStatus.CONFLICT, 'ACTA_SIN_ACTA_PUBLICADA', `El acta ${claveActa} ya se publicó como SIN ACTA al cierre de la operación.`);
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

    const input: ActaWorkflowInput = {
      acopio,
      claveCasilla: partes.claveCasilla,
      tipoActa: partes.tipoActa,
      contexto: { politica: contexto.politica, columnasVoto: contexto.columnasVoto, casilla: contexto.casilla ?? null },
    };
    const inicio = new WithStartWorkflowOperation(ACTA_WORKFLOW_TYPE, {
      workflowId: claveActa,
      taskQueue: this.temporal.taskQueue,
      args: [input],
      // One workflow per acta, ever: a second acopio is refused, even after completion.
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: [
        { key: SA_CATD, value: usuario.catd },
        { key: SA_TIPO_ACTA, value: partes.tipoActa },
        { key: SA_FASE, value: 'ACOPIADA' },
        { key: SA_ATORADA, value: 'NO' },
      ],
    });
    try {
      const res = await this.temporal.client.workflow.executeUpdateWithStart(acopioRegistradoUpdate, { startWorkflowOperation: inicio });
      return { ...res, fueraDeCatalogo: !enCatalogo };
    } catch (err) {
      throw errorDeTemporal(err, claveActa);
    }
  }

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

  /** Runs a staff action as a Temporal Update; refusals come back as 4xx with the domain's message. */
  async ejecutar<C extends ComandoActa>(
    claveActa: string,
    update: UpdateDefinition<ResultadoAccion, [AccionPersonal<C>]>,
    comando: C,
    usuario: UsuarioAutenticado,
  ): Promise<ResultadoAccion> {
    try {
      const handle = this.temporal.client.workflow.getHandle(claveActa);
      return await handle.executeUpdate(update, { args: [{ comando, rolesUsuario: [...usuario.roles] }] });
    } catch (err) {
      throw errorDeTemporal(err, claveActa);
    }
  }
}
