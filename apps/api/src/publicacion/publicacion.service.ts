import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { intervaloCorteSegundos, type PrepConfig } from '@prep/config';
import type { PoliticaPrep } from '@prep/domain';
import type { ResultadoCorte } from '@prep/workflows/activities';
import type { EntradaCorte } from '@prep/workflows/corte.workflow';
import { ApiError } from '../common/api-error';
import { POLITICA_PREP } from '../common/politica.provider';
import { PREP_CONFIG } from '../config/config.module';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { TemporalService } from '../temporal/temporal.module';

interface Ventana {
  id: string;
  abierta_en: Date | string;
  abierta_por: string;
  intervalo_segundos: number;
  schedule_id: string;
  cerrada_en: Date | string | null;
}

/** How long the cierre waits for its final corte before answering (the corte goes on regardless). */
const ESPERA_CORTE_FINAL_MS = 10 * 60_000;

/**
 * The publication window. Opening it creates the Temporal Schedule that starts a corte every N
 * minutes (never two at once); closing it runs the final corte and deletes the schedule. Both are
 * recorded in PostgreSQL and in the bitácora (PUBLICACION_ABIERTA / PUBLICACION_CERRADA).
 */
@Injectable()
export class PublicacionService {
  private readonly logger = new Logger('publicacion');

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly bitacoraPersonal: BitacoraPersonalService,
    @Inject(PREP_CONFIG) private readonly cfg: PrepConfig,
    @Inject(POLITICA_PREP) private readonly politica: PoliticaPrep,
  ) {}

  /** One schedule per installation: the bitácora database names it. */
  private get scheduleId(): string {
    return `prep-cortes-${this.cfg.IMMUDB_DATABASE}`;
  }

  private entrada(final: boolean): EntradaCorte {
    return { final, politica: this.politica };
  }

  async ventanaAbierta(em = this.em.fork()): Promise<Ventana | null> {
    const [v] = await em.execute<Ventana[]>('select * from publicacion_ventana where cerrada_en is null order by abierta_en desc limit 1');
    return v ?? null;
  }

  async abrir(usuario: string) {
    const segundos = intervaloCorteSegundos(this.cfg);
    return this.em.fork().transactional(async (tem) => {
      await tem.execute('select pg_advisory_xact_lock(742012)');
      if (await this.ventanaAbierta(tem)) {
        throw new ApiError(409, 'PUBLICACION_YA_ABIERTA', 'La publicación ya está abierta; para reiniciarla ciérrela primero (POST /publicacion/cierre).');
      }
      // DOMAIN.md: publication opens only after the puesta en ceros showed the system empty.
      const [{ n }] = await tem.execute<{ n: string }[]>('select count(*) as n from puesta_en_ceros');
      if (Number(n) === 0) {
        throw new ApiError(
          409,
          'SIN_PUESTA_EN_CEROS',
          'Antes de abrir la publicación haga la puesta en ceros ante el notario y el ente auditor (POST /puesta-en-ceros).',
        );
      }
      const id = randomUUID();
      const [{ abierta_en }] = await tem.execute<{ abierta_en: Date | string }[]>(
        'insert into publicacion_ventana (id, abierta_en, abierta_por, intervalo_segundos, schedule_id) values (?, now(), ?, ?, ?) returning abierta_en',
        [id, usuario, segundos, this.scheduleId],
      );
      await this.crearSchedule(segundos);
      try {
        // Last step before commit: no record, no window (and no schedule).
        await this.bitacoraPersonal.registrar('PUBLICACION_ABIERTA', usuario, { ventana: id, intervaloSegundos: segundos, scheduleId: this.scheduleId });
      } catch (err) {
        await this.borrarSchedule();
        throw err;
      }
      return { ventana: id, abiertaEn: new Date(abierta_en).toISOString(), intervaloSegundos: segundos, scheduleId: this.scheduleId };
    });
  }

  private async crearSchedule(segundos: number): Promise<void> {
    const opciones = {
      scheduleId: this.scheduleId,
      spec: { intervals: [{ every: segundos * 1000 }] },
      action: {
        type: 'startWorkflow' as const,
        workflowType: 'corteWorkflow',
        args: [this.entrada(false)],
        taskQueue: this.temporal.taskQueue,
        workflowId: `corte-programado-${this.cfg.IMMUDB_DATABASE}`,
      },
      // A corte still running when the next is due: the next is skipped, never run beside it. After
      // an outage, missed cortes are not replayed in a burst: the next one is cut from the state then.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 60_000, pauseOnFailure: false },
      state: { note: 'Cortes de publicación del PREP (pausar aquí detiene los cortes programados; la ventana sigue abierta)' },
    };
    try {
      await this.temporal.client.schedule.create(opciones);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      // Left by an opening that died before its commit: replace it with this window's.
      await this.borrarSchedule();
      await this.temporal.client.schedule.create(opciones);
    }
  }

  private async borrarSchedule(): Promise<void> {
    try {
      await this.temporal.client.schedule.getHandle(this.scheduleId).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }

  /** One corte now, beside the schedule (they queue: only one corte runs at a time). */
  async corteAhora(usuario: string) {
    const v = await this.ventanaAbierta();
    if (!v) throw new ApiError(409, 'PUBLICACION_NO_ABIERTA', 'La publicación no está abierta: ábrala con POST /publicacion/apertura.');
    const workflowId = `corte-manual-${this.cfg.IMMUDB_DATABASE}-${randomUUID()}`;
    await this.temporal.client.workflow.start('corteWorkflow', {
      workflowId,
      taskQueue: this.temporal.taskQueue,
      args: [this.entrada(false)],
      memo: { solicitadoPor: usuario },
    });
    return { workflowId };
  }

  async cerrar(usuario: string) {
    const v = await this.ventanaAbierta();
    if (!v) throw new ApiError(409, 'PUBLICACION_NO_ABIERTA', 'La publicación no está abierta; no hay nada que cerrar.');
    const schedule = this.temporal.client.schedule.getHandle(v.schedule_id);
    await schedule.pause('cierre de la publicación: corte final en curso').catch((err) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    // A fixed id per window: a repeated cierre waits for the same final corte instead of starting another.
    const handle = await this.temporal.client.workflow
      .start('corteWorkflow', {
        workflowId: `corte-final-${v.id}`,
        taskQueue: this.temporal.taskQueue,
        args: [this.entrada(true)],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      })
      .catch((err: Error) => {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        return this.temporal.client.workflow.getHandle(`corte-final-${v.id}`);
      });
    let final: ResultadoCorte;
    try {
      final = await Promise.race([
        handle.result() as Promise<ResultadoCorte>,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('tiempo agotado')), ESPERA_CORTE_FINAL_MS).unref()),
      ]);
    } catch (err) {
      // The window stays open and its schedule goes on: the night is not left without cortes.
      await schedule.unpause('el corte final no se publicó').catch(() => undefined);
      const causa = err instanceof WorkflowFailedError ? (err.cause?.message ?? err.message) : (err as Error).message;
      this.logger.error(`corte final de la ventana ${v.id}: ${causa}`);
      throw new ApiError(
        409,
        'CORTE_FINAL_NO_PUBLICADO',
        `El corte final no se publicó (${causa}). La publicación sigue abierta; corrija la causa y repita el cierre.`,
      );
    }
    return this.em.fork().transactional(async (tem) => {
      await tem.execute('update publicacion_ventana set cerrada_en = now(), cerrada_por = ? where id = ? and cerrada_en is null', [usuario, v.id]);
      await this.bitacoraPersonal.registrar('PUBLICACION_CERRADA', usuario, {
        ventana: v.id,
        corteFinal: final.numero,
        txId: final.txId,
        zipSha256: final.zipSha256,
      });
      await this.borrarSchedule();
      return { ventana: v.id, corteFinal: final };
    });
  }
}
