import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { entradaAccionPersonal, verificarFirmaEstado, verificarRangoCorte, type BitacoraImmudb, type TipoAccionPersonal } from '@prep/audit';
import { catalogoCompleto } from '@prep/catalogo';
import { armarCorte, dirCortes, guardarCorteInmutable } from '@prep/cortes';
import { ARCHIVO_MANIFIESTO, type ManifiestoCorte } from '@prep/publicacion';
import type { EstadoActa } from '@prep/domain';
import type { CorteActivities, CorteReservado, HallazgoCorte } from '@prep/workflows/activities';

export interface CorteActivityDeps {
  orm: MikroORM;
  bitacora: () => Promise<BitacoraImmudb>;
  dataDir: string;
  /** PEM of the immudb server's signing key (IMMUDB_CLAVE_PUBLICA): the corte's state must be signed by it. */
  clavePublicaPem?: string | null;
}

/** Serialises corte reservations across workers and API replicas. */
const BLOQUEO_CORTES = 742_011;
/** Findings carried in the bitácora record and the workflow failure; the total is always given. */
const MAX_HALLAZGOS = 50;

interface FilaCorte {
  numero: number;
  workflow_id: string;
  estado: 'EN_CURSO' | 'PUBLICADO';
  final: boolean;
  instante: Date | string;
  tx_id: string;
  tx_hash: string;
  firma: { signature: string; publicKey: string } | null;
  tx_anterior: string;
  actas_anterior: number;
  actas: number | null;
  manifiesto_sha256: string | null;
  zip_sha256: string | null;
}

function reservado(f: FilaCorte): CorteReservado {
  const base = { numero: f.numero, instante: new Date(f.instante).toISOString(), txId: Number(f.tx_id), estado: f.estado };
  if (f.estado !== 'PUBLICADO') return base;
  return {
    ...base,
    resultado: { ...base, actas: f.actas!, manifiestoSha256: f.manifiesto_sha256!, zipSha256: f.zip_sha256!, final: f.final },
  };
}

/** The corte workflow's side effects (workflows/src/corte.workflow.ts). */
export function corteActivities({ orm, bitacora, dataDir, clavePublicaPem }: CorteActivityDeps): CorteActivities {
  async function fila(numero: number): Promise<FilaCorte> {
    const [f] = await orm.em.fork().execute<FilaCorte[]>('select * from corte where numero = ?', [numero]);
    if (!f) throw ApplicationFailure.create({ type: 'CorteNoEncontrado', message: `el corte ${numero} no está reservado`, nonRetryable: true });
    return f;
  }

  /** A staff record with a key fixed by the corte, so a retried activity never writes it twice. */
  async function registrarUnaVez(tipo: TipoAccionPersonal, id: string, fechaHora: string, datos: Record<string, unknown>): Promise<void> {
    const l = await bitacora();
    const { key, value } = entradaAccionPersonal({ id, tipo, usuario: 'sistema:cortes', fechaHora, datos });
    const previa = await l.verifiedGetSiExiste(key);
    if (previa) return;
    await l.verifiedSet(key, value);
  }

  return {
    async reservarCorte({ workflowId, final }) {
      return orm.em.fork().transactional(async (tem) => {
        await tem.execute('select pg_advisory_xact_lock(?)', [BLOQUEO_CORTES]);
        const [propia] = await tem.execute<FilaCorte[]>('select * from corte where workflow_id = ?', [workflowId]);
        if (propia) return reservado(propia);
        const [enCurso] = await tem.execute<FilaCorte[]>("select numero, workflow_id from corte where estado = 'EN_CURSO'");
        // One corte at a time: numbers and signed states then grow together, and each corte's range starts where the last ended.
        if (enCurso) throw ApplicationFailure.retryable(`el corte ${enCurso.numero} (${enCurso.workflow_id}) sigue en curso`, 'CorteEnCurso');
        const [ultimo] = await tem.execute<FilaCorte[]>("select numero, tx_id, actas from corte where estado = 'PUBLICADO' order by numero desc limit 1");

        const l = await bitacora();
        const estado = await l.currentServerState();
        // Proves the state extends the one this worker trusted before (no rollback, no fork).
        await l.verifiedTxById(estado.txId);
        const firma = verificarFirmaEstado(estado, clavePublicaPem ?? null);
        if (estado.signature && (!firma.firmaValida || firma.claveEsperada === false)) {
          throw ApplicationFailure.create({
            type: 'FirmaNoValida',
            message: `el estado firmado de immudb (tx ${estado.txId}) no valida con ${firma.claveEsperada === false ? 'la clave pública esperada' : 'su propia clave'}`,
            nonRetryable: true,
          });
        }
        const numero = (ultimo?.numero ?? 0) + 1;
        const [f] = await tem.execute<FilaCorte[]>(
          `insert into corte (numero, workflow_id, estado, final, instante, tx_id, tx_hash, firma, tx_anterior, actas_anterior)
           values (?, ?, 'EN_CURSO', ?, now(), ?, ?, ?::jsonb, ?, ?) returning *`,
          [numero, workflowId, final, estado.txId, estado.txHash, JSON.stringify(estado.signature ?? null), ultimo?.tx_id ?? 0, ultimo?.actas ?? 0],
        );
        return reservado(f);
      });
    },

    async verificarCorte({ numero }) {
      const c = await fila(numero);
      const em = orm.em.fork();
      const r = await verificarRangoCorte({ bitacora: await bitacora(), em, desdeTx: Number(c.tx_anterior), hastaTx: Number(c.tx_id) });
      if (r.pendientes.length > 0) {
        throw ApplicationFailure.retryable(
          `${r.pendientes.length} actas aún no proyectadas hasta la transacción ${c.tx_id} (p. ej. ${r.pendientes.slice(0, 3).join(', ')})`,
          'ProyeccionPendiente',
        );
      }
      const hallazgos: HallazgoCorte[] = r.hallazgos.map((h) => ({ tipo: h.tipo, claveActa: h.claveActa, campo: h.campo, detalle: h.detalle }));
      // The actas of earlier cortes are not re-read; their number at least must not have moved.
      const [{ n }] = await em.execute<{ n: string }[]>('select count(*) as n from acta where tx_publicacion <= ?', [c.tx_anterior]);
      if (Number(n) !== c.actas_anterior) {
        hallazgos.push({
          tipo: 'DIFERENCIA_CAMPO',
          claveActa: '(todas)',
          campo: 'txPublicacion',
          detalle: `el corte anterior publicó ${c.actas_anterior} actas y el modelo de lectura hoy atribuye ${n} a esas transacciones`,
        });
      }
      return { hallazgos: hallazgos.slice(0, MAX_HALLAZGOS), total: hallazgos.length, publicadas: r.publicadas.length };
    },

    async detenerCorte({ numero, hallazgos, total, motivo }) {
      const [c] = await orm.em.fork().execute<FilaCorte[]>('select * from corte where numero = ?', [numero]);
      if (!c || c.estado !== 'EN_CURSO') return;
      await registrarUnaVez('CORTE_DETENIDO', `corte-${numero}-detenido`, new Date(c.instante).toISOString(), {
        numero,
        txId: Number(c.tx_id),
        motivo,
        totalHallazgos: total,
        hallazgos: hallazgos.slice(0, MAX_HALLAZGOS),
      });
      // Nothing was published: the number goes to the next corte, whose range starts at the same previous corte.
      await orm.em.fork().execute("delete from corte where numero = ? and estado = 'EN_CURSO'", [numero]);
    },

    async escribirCorte({ numero, politica, final }) {
      const c = await fila(numero);
      const em = orm.em.fork();
      const cat = await catalogoCompleto(em);
      if (!cat) throw ApplicationFailure.create({ type: 'SinCatalogo', message: 'no hay catálogo cargado', nonRetryable: true });
      if (cat.sha256 !== cat.sha256Registrado) {
        throw ApplicationFailure.create({
          type: 'CatalogoAlterado',
          message: `el catálogo en PostgreSQL (SHA-256 ${cat.sha256}) no es el que se cargó y registró (${cat.sha256Registrado})`,
          nonRetryable: true,
        });
      }
      const filas = await em.execute<{ estado: EstadoActa | string }[]>('select estado from acta where tx_publicacion <= ? order by clave_acta', [c.tx_id]);
      const actas = filas.map((f) => (typeof f.estado === 'string' ? (JSON.parse(f.estado) as EstadoActa) : f.estado));
      const armado = await armarCorte({
        numero,
        instante: new Date(c.instante).toISOString(),
        estadoFirmado: { db: (await bitacora()).database, txId: Number(c.tx_id), txHash: c.tx_hash, firma: c.firma ?? null },
        catalogo: cat.catalogo,
        catalogoSha256: cat.sha256Registrado,
        actas,
        politica,
        final,
      });
      const guardado = await guardarCorteInmutable(dirCortes(dataDir), numero, armado.archivos, armado.zip);
      // A folder left by an earlier attempt is the corte: its own manifest says what it holds.
      const rutaManifiesto = path.join(dirCortes(dataDir), String(numero), ARCHIVO_MANIFIESTO);
      const manifiesto = guardado.nuevo ? armado.manifiesto : (JSON.parse(await fs.promises.readFile(rutaManifiesto, 'utf8')) as ManifiestoCorte);
      const bytesManifiesto = (await fs.promises.stat(rutaManifiesto)).size;
      if (manifiesto.estadoFirmado.txId !== Number(c.tx_id)) {
        // A folder of this number cut at another state (a stopped corte's?): never adopt nor overwrite it.
        throw ApplicationFailure.create({
          type: 'CarpetaDeOtroCorte',
          message: `la carpeta del corte ${numero} ya existe con el estado tx ${manifiesto.estadoFirmado.txId}, no tx ${c.tx_id}; muévala aparte para revisarla y reintente`,
          nonRetryable: true,
        });
      }
      return {
        actas: actas.length,
        manifiestoSha256: guardado.manifiestoSha256,
        zipSha256: guardado.zipSha256,
        zipBytes: guardado.zipBytes,
        archivos: [{ nombre: ARCHIVO_MANIFIESTO, sha256: guardado.manifiestoSha256, bytes: bytesManifiesto }, ...manifiesto.archivos],
      };
    },

    async publicarCorte({ numero, actas, manifiestoSha256, zipSha256, zipBytes, archivos }) {
      const c = await fila(numero);
      const resultado = { numero, instante: new Date(c.instante).toISOString(), txId: Number(c.tx_id), actas, manifiestoSha256, zipSha256, final: c.final };
      if (c.estado === 'PUBLICADO') return resultado;
      await registrarUnaVez('CORTE_PUBLICADO', `corte-${numero}-publicado`, new Date(c.instante).toISOString(), {
        numero,
        txId: Number(c.tx_id),
        txHash: c.tx_hash,
        actas,
        final: c.final,
        manifiestoSha256,
        zipSha256,
      });
      await orm.em
        .fork()
        .execute(
          "update corte set estado = 'PUBLICADO', actas = ?, manifiesto_sha256 = ?, zip_sha256 = ?, zip_bytes = ?, archivos = ?::jsonb where numero = ?",
          [actas, manifiestoSha256, zipSha256, zipBytes, JSON.stringify(archivos), numero],
        );
      return resultado;
    },
  };
}
