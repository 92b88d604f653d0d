import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { entradaEventoActa, leerClaveEventoActa, leerEventoActa, prefijoEventosActa, type BitacoraImmudb } from '@prep/audit';
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
      if (t.adoptarDesde !== undefined) {
        const ajenas = await entradasAjenas(l, yaEscritas, t.adoptarDesde, t.eventos);
        if (ajenas) return { ajenas };
        if (t.eventos.length === 0) return {};
      }
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
      return {};
    },

    async marcarAtorada({ claveActa, atorada, desde }) {
      await marcarActaAtorada(orm.em.fork(), claveActa, atorada, desde);
    },
  };
}

/**
 * The acta's entries past `desde` when they are not exactly `eventos` (null when they are, or a
 * prefix of them a crash left): read back with a proof each and checked against their keys, so
 * the workflow adopts only what the bitácora verifiably holds.
 */
async function entradasAjenas(l: BitacoraImmudb, yaEscritas: Map<string, string>, desde: number, eventos: EventoActa[]): Promise<EventoActa[] | null> {
  const posteriores = [...yaEscritas.keys()]
    .map((key) => ({ key, secuencia: leerClaveEventoActa(key)?.secuencia ?? 0 }))
    .filter((k) => k.secuencia > desde)
    .sort((a, b) => a.secuencia - b.secuencia);
  const propias = new Map(eventos.map((e) => [entradaEventoActa(e).key, entradaEventoActa(e).value]));
  if (posteriores.every((k) => propias.get(k.key) === yaEscritas.get(k.key))) return null;
  const ajenas: EventoActa[] = [];
  for (const { key } of posteriores) {
    const verificada = await l.verifiedGet(key);
    if (!verificada)
      throw ApplicationFailure.create({ type: 'ConflictoBitacora', message: `La bitácora listó ${key} pero no lo entrega con prueba`, nonRetryable: false });
    const { esquema: _esquema, sha256Datos: _sha, ...evento } = leerEventoActa(verificada.value);
    if (entradaEventoActa(evento as EventoActa).key !== key) {
      throw ApplicationFailure.create({ type: 'ConflictoBitacora', message: `La entrada ${key} no corresponde a su llave`, nonRetryable: true });
    }
    ajenas.push(evento as EventoActa);
  }
  return ajenas;
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
