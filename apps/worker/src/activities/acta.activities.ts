import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { entradaEventoActa, prefijoEventosActa, type BitacoraImmudb } from '@prep/audit';
import { entradaQuePublica, type EventoActa } from '@prep/domain';
import { marcarActaAtorada, proyectarActa } from '@prep/persistence';
import type { ActaActivities, TransicionParaRegistrar } from '@prep/workflows/activities';

export interface ActaActivityDeps {
  orm: MikroORM;
  bitacora: () => Promise<BitacoraImmudb>;
}

/**
 * The acta workflow's side effects. Bitácora first, projection second: the read
 * model never shows a transition the auditor cannot find in immudb.
 */
export function actaActivities({ orm, bitacora }: ActaActivityDeps): ActaActivities {
  return {
    async registrarTransicion(t: TransicionParaRegistrar) {
      const l = await bitacora();
      // Entries may already be there: a retry after a crash that followed the append, or an
      // operator's reset in the Temporal UI replaying transitions. One prefix scan tells which.
      const yaEscritas = new Map((await l.scan(prefijoEventosActa(t.estado.claveActa))).map((e) => [e.key, e.value]));
      // The tx of the entry that published the acta decides which corte first carries it.
      let txPublicacion: number | null = null;
      const nuevas: { evento: EventoActa; key: string; value: string }[] = [];
      for (const evento of t.eventos) {
        const { key, value } = entradaEventoActa(evento);
        if (!yaEscritas.has(key)) {
          nuevas.push({ evento, key, value });
          continue;
        }
        const previa = await l.verifiedGet(key);
        if (previa?.value !== value) {
          // The bitácora is append-only: history that would be rewritten stops the acta loudly.
          throw ApplicationFailure.create({
            type: 'ConflictoBitacora',
            message: `La bitácora ya tiene ${key} con otro contenido; revise la integridad del acta antes de reintentar`,
            nonRetryable: true,
          });
        }
        if (entradaQuePublica(evento)) txPublicacion = previa.txId;
      }
      if (nuevas.length > 0) {
        // One transaction per transition (all of its events, or the ones a crash left unwritten).
        const { txId } = await l.verifiedSetAll(nuevas.map(({ key, value }) => ({ key, value })));
        if (nuevas.some((n) => entradaQuePublica(n.evento))) txPublicacion = txId;
        for (const n of nuevas) simularCaidaSiSePide(n.evento.claveActa, n.evento.secuencia);
        for (const n of nuevas) await simularPausaSiSePide(n.evento.claveActa, n.evento.secuencia);
      }
      await proyectarActa(orm.em.fork(), { claveCasilla: t.claveCasilla, tipoActa: t.tipoActa, estado: t.estado, txPublicacion });
    },

    async marcarAtorada({ claveActa, atorada, desde }) {
      await marcarActaAtorada(orm.em.fork(), claveActa, atorada, desde);
    },
  };
}

/**
 * Failure drill: PREP_CAOS_SALIR_TRAS_BITACORA=<CLAVE_ACTA>#<secuencia> kills this
 * worker right after that entry reaches the bitácora and before the projection, the
 * worst moment for exactly-once. Ignored in production.
 */
function simularCaidaSiSePide(claveActa: string, secuencia: number): void {
  const caos = process.env.PREP_CAOS_SALIR_TRAS_BITACORA;
  if (!caos || process.env.NODE_ENV === 'production') return;
  if (caos === `${claveActa}#${secuencia}`) {
    process.stderr.write(`[caos] worker terminado tras escribir ${claveActa}#${secuencia} en la bitácora\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}

/**
 * Failure drill: PREP_CAOS_PAUSA_TRAS_BITACORA=<CLAVE_ACTA>#<secuencia>:<ms> holds this worker's
 * workflow task open for <ms> right after that entry reaches the bitácora (once), so a test can
 * restart Temporal while the task that wrote it is still unrecorded. Ignored in production.
 */
const pausasHechas = new Set<string>();
async function simularPausaSiSePide(claveActa: string, secuencia: number): Promise<void> {
  const caos = process.env.PREP_CAOS_PAUSA_TRAS_BITACORA;
  if (!caos || process.env.NODE_ENV === 'production') return;
  const [objetivo, ms] = caos.split(':');
  if (objetivo !== `${claveActa}#${secuencia}` || pausasHechas.has(objetivo)) return;
  pausasHechas.add(objetivo);
  process.stderr.write(`[caos] worker en pausa ${ms} ms tras escribir ${objetivo} en la bitácora\n`);
  await new Promise((r) => setTimeout(r, Number(ms)));
}
