import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { columnasDeActa, planTareas, type EstadoActa, type TareaExistente } from '@prep/domain';

export interface ProyeccionActa {
  claveCasilla: string;
  tipoActa: string;
  estado: EstadoActa;
  /** Bitácora tx of the entry that made the acta PUBLICADA or SIN_ACTA, when this transition holds it. */
  txPublicacion?: number | null;
}

/**
 * Projects an acta's state into the read model (acta row + its open tasks) in one
 * transaction. Guarded by `secuencia`: an older or repeated projection changes
 * nothing, so activity retries are harmless. Returns false when it was stale.
 */
export async function proyectarActa(em: EntityManager, p: ProyeccionActa): Promise<boolean> {
  const e = p.estado;
  const c = columnasDeActa(e);
  return em.transactional(async (tem) => {
    const rows = await tem.execute<{ clave_acta: string }[]>(
      `insert into acta (clave_acta, clave_casilla, tipo_acta, catd, fase, fuera_de_catalogo, atorada, atorada_desde, secuencia, ronda, estado,
                         contabilizada, total_votos_calculado, observaciones, imagen_sha256,
                         fecha_hora_acopio, fecha_hora_captura, fecha_hora_verificacion, fecha_hora_publicacion, tx_publicacion, actualizada_en)
       values (?, ?, ?, ?, ?, ?, false, null, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (clave_acta) do update set
         catd = excluded.catd, fase = excluded.fase, fuera_de_catalogo = excluded.fuera_de_catalogo,
         atorada = false, atorada_desde = null, secuencia = excluded.secuencia, ronda = excluded.ronda, estado = excluded.estado,
         contabilizada = excluded.contabilizada, total_votos_calculado = excluded.total_votos_calculado,
         observaciones = excluded.observaciones, imagen_sha256 = excluded.imagen_sha256,
         fecha_hora_acopio = excluded.fecha_hora_acopio, fecha_hora_captura = excluded.fecha_hora_captura,
         fecha_hora_verificacion = excluded.fecha_hora_verificacion, fecha_hora_publicacion = excluded.fecha_hora_publicacion,
         tx_publicacion = coalesce(acta.tx_publicacion, excluded.tx_publicacion), actualizada_en = now()
       where acta.secuencia < excluded.secuencia
       returning clave_acta`,
      [
        e.claveActa,
        p.claveCasilla,
        p.tipoActa,
        c.catd,
        c.fase,
        c.fueraDeCatalogo,
        c.secuencia,
        c.ronda,
        JSON.stringify(e),
        c.contabilizada,
        c.totalVotosCalculado,
        c.observaciones,
        c.imagenSha256,
        c.fechaHoraAcopio,
        c.fechaHoraCaptura,
        c.fechaHoraVerificacion,
        c.fechaHoraPublicacion,
        p.txPublicacion ?? null,
      ],
    );
    if (rows.length === 0) return false;

    const existentes = await tem.execute<{ id: string; tipo: TareaExistente['tipo']; ronda: number; slot: number; tomada_por: string | null }[]>(
      'select id, tipo, ronda, slot, tomada_por from tarea where clave_acta = ? for update',
      [e.claveActa],
    );
    const plan = planTareas(
      e,
      existentes.map((t) => ({ id: t.id, tipo: t.tipo, ronda: t.ronda, slot: t.slot, tomadaPor: t.tomada_por })),
    );
    for (const c of plan.cerrar) {
      await tem.execute('delete from tarea where id = ?', [c.id]);
      await tem.execute('insert into tarea_evento (tarea_id, clave_acta, tipo, usuario) values (?, ?, ?, ?)', [c.id, e.claveActa, c.motivo, c.usuario]);
    }
    for (const c of plan.crear) {
      await tem.execute('insert into tarea (id, clave_acta, tipo, ronda, slot, catd, excluidos, creada_en) values (?, ?, ?, ?, ?, ?, ?::text[], now())', [
        randomUUID(),
        e.claveActa,
        c.tipo,
        c.ronda,
        c.slot,
        e.catd,
        toPgArray(plan.excluidos),
      ]);
    }
    // catd too: a corrected acta takes its open tasks (claimed ones included) to its new CATD.
    await tem.execute('update tarea set excluidos = ?::text[], catd = ? where clave_acta = ?', [toPgArray(plan.excluidos), e.catd, e.claveActa]);
    return true;
  });
}

/** Flags an acta as atorada (or clears it) unless it moved on since. */
export async function marcarActaAtorada(em: EntityManager, claveActa: string, atorada: boolean, desde: string | null): Promise<void> {
  await em.execute('update acta set atorada = ?, atorada_desde = ? where clave_acta = ?', [atorada, atorada ? desde : null, claveActa]);
}

function toPgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
