import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PrepConfig } from '@prep/config';
import type { TipoTarea } from '@prep/persistence';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { ApiError } from '../common/api-error';
import { PREP_CONFIG } from '../config/config.module';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';

export interface TareaTomada {
  id: string;
  claveActa: string;
  tipo: TipoTarea;
  ronda: number;
  slot: number;
  catd: string | null;
  leaseHasta: string;
}

interface FilaTarea {
  id: string;
  clave_acta: string;
  tipo: TipoTarea;
  ronda: number;
  slot: number;
  catd: string | null;
  lease_hasta: Date;
  anterior?: string | null;
  lease_anterior?: Date | null;
}

const aTarea = (f: FilaTarea): TareaTomada => ({
  id: f.id,
  claveActa: f.clave_acta,
  tipo: f.tipo,
  ronda: f.ronda,
  slot: f.slot,
  catd: f.catd,
  leaseHasta: new Date(f.lease_hasta).toISOString(),
});

/** Motivo recorded when a task is released by someone other than its holder. */
export type MotivoLiberacion = 'USUARIO_DESACTIVADO';

/** Namespace of the per-person advisory lock that serialises one person's claims and releases. */
const CANDADO_TAREAS = 7101;

const NOMBRE_TAREA: Record<TipoTarea, string> = {
  CAPTURA: 'captura',
  VERIFICACION: 'verificación',
  DECISION_COORDINADOR: 'decisión de coordinador',
};

/**
 * The task inbox. Claims are leases taken with `FOR UPDATE SKIP LOCKED`, so two
 * people asking at once never get the same task; an expired lease is claimable
 * again. A person holds at most PREP_MAX_TAREAS_TOMADAS live claims (default 1), so
 * nobody can sit on several actas. Every claim, release and expiry is recorded in
 * tarea_evento and the bitácora.
 */
@Injectable()
export class TareasService {
  constructor(
    private readonly em: EntityManager,
    @Inject(PREP_CONFIG) private readonly cfg: PrepConfig,
    private readonly bitacoraPersonal: BitacoraPersonalService,
  ) {}

  async tomarSiguiente(usuario: UsuarioAutenticado, tipo: TipoTarea, claveActa: string | null = null): Promise<TareaTomada | null> {
    const em = this.em.fork();
    const quien = usuario.nombreUsuario;
    // A coordinador decides only the escalated actas of their own CATD.
    const catd = tipo === 'DECISION_COORDINADOR' ? usuario.catd : null;
    return em.transactional(async (tem) => {
      await this.bloquearPersona(tem, quien);
      // Deactivated while this request was on its way: the deactivation has already released
      // (or is waiting on the lock to release) everything this person held.
      const cuenta = await tem.execute<{ activo: boolean }[]>('select activo from usuario where nombre_usuario = ?', [quien]);
      if (!cuenta[0]?.activo) {
        throw new ApiError(HttpStatus.FORBIDDEN, 'CUENTA_DESACTIVADA', 'Su cuenta fue desactivada: no puede tomar tareas. Consulte al administrador.');
      }
      // Asking again while holding a live claim returns the same task (idempotent).
      const propia = await tem.execute<FilaTarea[]>(
        `update tarea set lease_hasta = now() + make_interval(secs => ?)
         where tomada_por = ? and tipo = ? and lease_hasta > now() and (?::text is null or clave_acta = ?::text)
         returning id, clave_acta, tipo, ronda, slot, catd, lease_hasta`,
        [this.cfg.PREP_LEASE_SEGUNDOS, quien, tipo, claveActa, claveActa],
      );
      if (propia.length > 0) return aTarea(propia[0]);
      await this.exigirCupo(tem, quien);

      const filas = await tem.execute<FilaTarea[]>(
        `with candidata as (
           select t.id, t.tomada_por as anterior, t.lease_hasta as lease_anterior from tarea t
           where t.tipo = ?
             and (t.tomada_por is null or t.lease_hasta <= now())
             and not (? = any(t.excluidos))
             and (?::text is null or t.catd = ?::text)
             and (?::text is null or t.clave_acta = ?::text)
             and not exists (
               select 1 from tarea o
               where o.clave_acta = t.clave_acta and o.id <> t.id and o.tomada_por = ? and o.lease_hasta > now())
           order by t.creada_en, t.clave_acta, t.slot
           limit 1
           for update of t skip locked)
         update tarea set tomada_por = ?, lease_hasta = now() + make_interval(secs => ?)
         from candidata where tarea.id = candidata.id
         returning tarea.id, tarea.clave_acta, tarea.tipo, tarea.ronda, tarea.slot, tarea.catd, tarea.lease_hasta, candidata.anterior`,
        [tipo, quien, catd, catd, claveActa, claveActa, quien, quien, this.cfg.PREP_LEASE_SEGUNDOS],
      );
      if (filas.length === 0) return null;
      const f = filas[0];
      const datos = { tarea: f.id, claveActa: f.clave_acta, tipo: f.tipo, ronda: f.ronda, slot: f.slot };
      if (f.anterior) {
        await this.registrarEvento(tem, 'EXPIRADA', f.anterior, datos);
      }
      // Inside the transaction: if the bitácora refuses, the claim is rolled back.
      await this.registrarEvento(tem, 'TOMADA', quien, datos);
      return aTarea(f);
    });
  }

  async liberar(usuario: UsuarioAutenticado, id: string): Promise<void> {
    const em = this.em.fork();
    await em.transactional(async (tem) => {
      const filas = await tem.execute<{ clave_acta: string }[]>(
        `update tarea set tomada_por = null, lease_hasta = null
         where id = ? and tomada_por = ? and lease_hasta > now() returning clave_acta`,
        [id, usuario.nombreUsuario],
      );
      if (filas.length === 0) {
        throw new ApiError(HttpStatus.CONFLICT, 'TAREA_NO_TOMADA', 'Esa tarea no está tomada por usted (o su plazo ya venció); no hay nada que liberar.');
      }
      await this.registrarEvento(tem, 'LIBERADA', usuario.nombreUsuario, { tarea: id, claveActa: filas[0].clave_acta });
    });
  }

  /**
   * Releases every live claim of `nombreUsuario` at once (e.g. a deactivated account), so the
   * tasks go back to the queue now instead of when their leases run out. Each release is recorded
   * with its motivo and who caused it. Returns the released tasks. Given `tx`, it runs inside that
   * transaction (the deactivation's), so the account change, its releases and their bitácora records
   * commit or roll back together.
   */
  async liberarDeUsuario(nombreUsuario: string, motivo: MotivoLiberacion, por: string, tx?: EntityManager): Promise<{ id: string; claveActa: string }[]> {
    return (tx ?? this.em.fork()).transactional(async (tem) => {
      await this.bloquearPersona(tem, nombreUsuario);
      const filas = await tem.execute<FilaTarea[]>(
        `update tarea set tomada_por = null, lease_hasta = null
         where tomada_por = ? and lease_hasta > now()
         returning id, clave_acta, tipo, ronda, slot`,
        [nombreUsuario],
      );
      for (const f of filas) {
        await this.registrarEvento(tem, 'LIBERADA', nombreUsuario, {
          tarea: f.id,
          claveActa: f.clave_acta,
          tipo: f.tipo,
          ronda: f.ronda,
          slot: f.slot,
          motivo,
          por,
        });
      }
      return filas.map((f) => ({ id: f.id, claveActa: f.clave_acta }));
    });
  }

  /** Serialises one person's claims and releases (two tabs claiming at once cannot both pass the cap). */
  private async bloquearPersona(tem: EntityManager, nombreUsuario: string): Promise<void> {
    await tem.execute('select pg_advisory_xact_lock(?, hashtext(?))', [CANDADO_TAREAS, nombreUsuario]);
  }

  /** 409 naming a task the person already holds when they are at PREP_MAX_TAREAS_TOMADAS. */
  private async exigirCupo(tem: EntityManager, quien: string): Promise<void> {
    const tomadas = await tem.execute<FilaTarea[]>(
      `select id, clave_acta, tipo, ronda, slot, catd, lease_hasta from tarea
       where tomada_por = ? and lease_hasta > now() order by lease_hasta`,
      [quien],
    );
    if (tomadas.length < this.cfg.PREP_MAX_TAREAS_TOMADAS) return;
    const t = tomadas[0];
    const otras = tomadas.length > 1 ? ` (y ${tomadas.length - 1} más)` : '';
    throw new ApiError(
      HttpStatus.CONFLICT,
      'TAREA_YA_TOMADA',
      `Ya tiene tomada la tarea de ${NOMBRE_TAREA[t.tipo]} del acta ${t.clave_acta}${otras}, vigente hasta ${new Date(t.lease_hasta).toISOString()}. ` +
        `Termínela, o libérela con POST /tareas/${t.id}/liberar, antes de tomar otra.`,
    );
  }

  /** Records a claim, release or expiry twice over: in tarea_evento (supervision) and in the bitácora (audit). */
  private async registrarEvento(
    tem: EntityManager,
    tipo: 'TOMADA' | 'LIBERADA' | 'EXPIRADA',
    usuario: string,
    datos: { tarea: string; claveActa: string } & Record<string, unknown>,
  ): Promise<void> {
    await tem.execute('insert into tarea_evento (tarea_id, clave_acta, tipo, usuario) values (?, ?, ?, ?)', [datos.tarea, datos.claveActa, tipo, usuario]);
    await this.bitacoraPersonal.registrar(`TAREA_${tipo}`, usuario, datos);
  }

  /** A capture or verification is accepted only from who holds that acta's task right now. */
  async exigirTomada(usuario: UsuarioAutenticado, claveActa: string, tipos: TipoTarea[]): Promise<void> {
    const filas = await this.em
      .fork()
      .execute<{ id: string }[]>(`select id from tarea where clave_acta = ? and tipo = any(?::text[]) and tomada_por = ? and lease_hasta > now()`, [
        claveActa,
        `{${tipos.join(',')}}`,
        usuario.nombreUsuario,
      ]);
    if (filas.length === 0) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'TAREA_NO_TOMADA',
        `No tiene tomada una tarea de ${tipos.join(' o ').toLowerCase()} del acta ${claveActa}: pida la siguiente en GET /tareas/siguiente.`,
      );
    }
  }
}
