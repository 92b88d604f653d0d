import { HttpException, HttpStatus, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { CABECERA_REPETIDA, decidirClaveRepetida, seGuardaRespuesta, type HuellaSolicitud, type SolicitudRegistrada } from '@prep/domain';
import type { PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';
import { ApiError } from '../common/api-error';
import { respuestaDeError } from '../common/http-exception.filter';
import { conClaveIdempotencia } from './contexto-idempotencia';

export interface SolicitudConClave extends HuellaSolicitud {
  usuarioId: string;
  clave: string;
}

type Registro = SolicitudRegistrada & { status: number | null; respuesta: unknown };

const LIMPIEZA_CADA_MS = 10 * 60_000;

/**
 * The Idempotency-Key store (PostgreSQL, table solicitud_idempotente). The first request of a
 * key claims it; a retry of a completed one gets the stored answer; one still in flight gets 409;
 * a reused key with another request gets 422. Rows in flight carry a heartbeat from the process
 * answering them, so a process that died does not block the retry for more than
 * PREP_IDEMPOTENCIA_ABANDONO_SEGUNDOS (the retry then runs again, and Temporal's Update id,
 * derived from the same key, keeps the acta action exactly-once).
 */
@Injectable()
export class IdempotenciaService implements OnModuleDestroy {
  private readonly logger = new Logger('idempotencia');
  /** This process, as the owner of the rows it answers. */
  private readonly proceso = randomUUID();
  private readonly enCurso = new Set<string>();
  private readonly latido: NodeJS.Timeout;
  private ultimaLimpieza = 0;

  constructor(
    private readonly em: EntityManager,
    @Inject(PREP_CONFIG) private readonly cfg: PrepConfig,
  ) {
    const cada = Math.max(500, (cfg.PREP_IDEMPOTENCIA_ABANDONO_SEGUNDOS * 1000) / 4);
    this.latido = setInterval(() => void this.latir(), cada);
    this.latido.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.latido);
  }

  /** Answers `ejecutar` under the key: runs it once, or replays/refuses as the key's record says. */
  async atender(s: SolicitudConClave, res: Response, ejecutar: () => Promise<unknown>): Promise<unknown> {
    const { registrada, retomada } = await this.reclamar(s);
    if (registrada) return this.responderRegistrada(registrada, s, res);
    const id = `${s.usuarioId} ${s.clave}`;
    this.enCurso.add(id);
    try {
      const valor = await conClaveIdempotencia(s.usuarioId, s.clave, retomada, ejecutar);
      // JSON as Express sends it (dates as strings, undefined dropped).
      const cuerpo = valor === undefined || valor === null ? null : (JSON.parse(JSON.stringify(valor)) as unknown);
      await this.terminar(s, res.statusCode, cuerpo);
      return valor;
    } catch (err) {
      const r = respuestaDeError(err);
      await this.terminar(s, r?.status ?? 500, r?.cuerpo ?? null);
      throw err;
    } finally {
      this.enCurso.delete(id);
    }
  }

  /** `registrada` null when this request now owns the key (`retomada` if it took it over); otherwise the record of the request that does. */
  private async reclamar(s: SolicitudConClave): Promise<{ registrada: Registro | null; retomada: boolean }> {
    const em = this.em.fork();
    for (let intento = 0; intento < 3; intento++) {
      let filas: { nueva: boolean }[];
      try {
        filas = await em.execute<{ nueva: boolean }[]>(
          `insert into solicitud_idempotente as s (usuario_id, clave, metodo_ruta, huella, estado, proceso, latido, creada_en)
           values (?, ?, ?, ?, 'EN_CURSO', ?, now(), now())
           on conflict (usuario_id, clave) do update
             set metodo_ruta = excluded.metodo_ruta, huella = excluded.huella, estado = 'EN_CURSO', proceso = excluded.proceso,
                 latido = now(), creada_en = now(), status = null, respuesta = null, completada_en = null
             where s.creada_en < now() - make_interval(hours => ?)
                or (s.estado = 'EN_CURSO' and s.latido < now() - make_interval(secs => ?)
                    and s.metodo_ruta = excluded.metodo_ruta and s.huella = excluded.huella)
           returning (xmax = 0) as nueva`,
          [s.usuarioId, s.clave, s.metodoRuta, s.huella, this.proceso, this.cfg.PREP_IDEMPOTENCIA_HORAS, this.cfg.PREP_IDEMPOTENCIA_ABANDONO_SEGUNDOS],
        );
        void this.limpiarSiToca();
      } catch (err) {
        this.logger.error(`no se pudo registrar la clave de idempotencia: ${err instanceof Error ? err.message : String(err)}`);
        throw new ApiError(
          HttpStatus.SERVICE_UNAVAILABLE,
          'SERVICIO_NO_DISPONIBLE',
          'No se pudo registrar la solicitud porque la base de datos no responde; reintente con la misma Idempotency-Key en unos momentos.',
        );
      }
      if (filas.length) {
        if (!filas[0].nueva) this.logger.warn(`${s.metodoRuta}: se retoma la clave ${s.clave} (vencida o abandonada por un proceso que dejó de responder)`);
        return { registrada: null, retomada: !filas[0].nueva };
      }
      const [fila] = await em.execute<{ metodo_ruta: string; huella: string; estado: 'EN_CURSO' | 'COMPLETADA'; status: number | null; respuesta: unknown }[]>(
        'select metodo_ruta, huella, estado, status, respuesta from solicitud_idempotente where usuario_id = ? and clave = ?',
        [s.usuarioId, s.clave],
      );
      // Released in between (its answer was not final): claim again.
      if (fila)
        return {
          registrada: { metodoRuta: fila.metodo_ruta, huella: fila.huella, estado: fila.estado, status: fila.status, respuesta: fila.respuesta },
          retomada: false,
        };
    }
    throw new ApiError(
      HttpStatus.CONFLICT,
      'IDEMPOTENCIA_EN_CURSO',
      'La solicitud con esta Idempotency-Key está en curso; reintente en unos segundos con la misma clave.',
    );
  }

  private responderRegistrada(r: Registro, s: SolicitudConClave, res: Response): unknown {
    switch (decidirClaveRepetida(r, s)) {
      case 'DISTINTA':
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'IDEMPOTENCIA_CLAVE_REUTILIZADA',
          `La Idempotency-Key ${s.clave} ya se usó para otra solicitud (${r.metodoRuta === s.metodoRuta ? 'con otro contenido' : r.metodoRuta}); use una clave nueva para cada acción.`,
        );
      case 'EN_CURSO':
        throw new ApiError(
          HttpStatus.CONFLICT,
          'IDEMPOTENCIA_EN_CURSO',
          'La solicitud con esta Idempotency-Key aún está en curso; reintente en unos segundos con la misma clave para recibir su respuesta.',
        ).conCabeceras({ 'Retry-After': '1' });
      case 'REPETIR':
        res.setHeader(CABECERA_REPETIDA, 'true');
        if (r.status! >= 400) throw new HttpException(r.respuesta as object, r.status!);
        res.status(r.status!);
        return r.respuesta;
    }
  }

  /** Stores a final answer; releases the key otherwise, so a retry runs again. */
  private async terminar(s: SolicitudConClave, status: number, cuerpo: unknown): Promise<void> {
    try {
      if (seGuardaRespuesta(status)) {
        await this.em.fork().execute(
          `update solicitud_idempotente set estado = 'COMPLETADA', status = ?, respuesta = ?::jsonb, completada_en = now()
             where usuario_id = ? and clave = ? and proceso = ?`,
          [status, JSON.stringify(cuerpo), s.usuarioId, s.clave, this.proceso],
        );
      } else {
        await this.em
          .fork()
          .execute(`delete from solicitud_idempotente where usuario_id = ? and clave = ? and proceso = ? and estado = 'EN_CURSO'`, [
            s.usuarioId,
            s.clave,
            this.proceso,
          ]);
      }
    } catch (err) {
      // The answer still goes out. The row stays in flight without a heartbeat: once abandoned, a
      // retry runs the action again and Temporal's Update id answers it with the first outcome.
      this.logger.error(`no se pudo guardar la respuesta de la clave ${s.clave}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async latir(): Promise<void> {
    if (!this.enCurso.size) return;
    try {
      await this.em
        .fork()
        .execute(
          `update solicitud_idempotente set latido = now() where proceso = ? and estado = 'EN_CURSO' and (usuario_id::text || ' ' || clave) = any(?::text[])`,
          [this.proceso, toPgArray([...this.enCurso])],
        );
    } catch (err) {
      this.logger.warn(`no se pudo renovar el latido de las solicitudes en curso: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Lazy expiry: at most every 10 minutes, on the way of a request. */
  private async limpiarSiToca(): Promise<void> {
    if (Date.now() - this.ultimaLimpieza < LIMPIEZA_CADA_MS) return;
    this.ultimaLimpieza = Date.now();
    try {
      await this.em.fork().execute('delete from solicitud_idempotente where creada_en < now() - make_interval(hours => ?)', [this.cfg.PREP_IDEMPOTENCIA_HORAS]);
    } catch (err) {
      this.logger.warn(`no se pudieron borrar las claves de idempotencia vencidas: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** A text[] literal; keys are [A-Za-z0-9_-] and ids are UUIDs, so quoting each element suffices. */
function toPgArray(valores: string[]): string {
  return `{${valores.map((v) => `"${v}"`).join(',')}}`;
}
