import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError } from '@temporalio/client';
import { enParalelo } from '@prep/audit';
import { cerrarSignal } from '@prep/workflows/acta.messages';
import { ActaComandosService } from '../actas/acta-comandos.service';
import { CatalogoService } from '../catalogo/catalogo.service';
import { ApiError } from '../common/api-error';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { TemporalService } from '../temporal/temporal.module';

export const MOTIVO_POR_OMISION = 'PAQUETE NO ENTREGADO';
/** Claves read from the catálogo and checked against the read model at a time. */
const LOTE = 1_000;
/**
 * SIN ACTA commands (update-with-start) in flight. Each waits for its bitácora append and projection,
 * so throughput is bound by the worker's activity slots and immudb, not by this number; 24 keeps
 * the worker busy without queueing thousands of workflow starts on Temporal at once.
 */
const EN_VUELO = 24;
/** Claves listed per phase in the result (the counts are always complete). */
const MAX_CLAVES_POR_FASE = 1_000;
const AVISO_CADA_MS = 5_000;

export interface ResultadoCierre {
  actasEsperadas: number;
  /** Esperadas that were acopiadas (whatever their phase now). */
  registradas: number;
  /** Published SIN ACTA by this run. */
  publicadasSinActa: number;
  /** Already SIN ACTA before this run (a re-run). */
  sinActaPrevias: number;
  /** Esperadas whose SIN ACTA could not be sent (e.g. Temporal down): run the cierre again. */
  pendientes: { total: number; actas: { claveActa: string; codigo: string; mensaje: string }[] };
  /** Actas acopiadas but not yet published: they keep their process and end once published. */
  enProceso: { total: number; porFase: Record<string, { total: number; claves: string[] }> };
  /** Open workflows told that the operation closed (published ones end now). */
  flujosAvisados: number;
  segundos: number;
}

/**
 * Operation close (DOMAIN.md step 6). Every acta esperada without an acopio is sent a SIN_ACTA
 * command through its own workflow (update-with-start), so the workflow, not this service, writes
 * its bitácora entry and its row, and an acopio arriving at the same moment is serialised with it by
 * Temporal: exactly one of the two wins. Then every acta workflow still open is told the operation
 * closed: published actas stop waiting for late images, actas in process are reported here.
 * Re-running it is harmless: an acta already SIN ACTA or acopiada is refused by its workflow.
 */
@Injectable()
export class CierreService {
  private readonly logger = new Logger('cierre');

  constructor(
    private readonly em: EntityManager,
    private readonly catalogo: CatalogoService,
    private readonly comandos: ActaComandosService,
    private readonly temporal: TemporalService,
    private readonly bitacoraPersonal: BitacoraPersonalService,
  ) {}

  async cerrar(usuario: string, motivos: Record<string, string>, motivoPorOmision = MOTIVO_POR_OMISION): Promise<ResultadoCierre> {
    const inicio = Date.now();
    const em = this.em.fork();
    const total = await this.catalogo.contarActasEsperadas();
    const c = { esperadas: 0, publicadas: 0, previas: 0, registradas: 0 };
    const pendientes: ResultadoCierre['pendientes']['actas'] = [];
    let aviso = Date.now();
    const progreso = (final = false) => {
      if (!final && Date.now() - aviso < AVISO_CADA_MS) return;
      aviso = Date.now();
      this.logger.log(
        `cierre: ${c.esperadas}/${total} actas revisadas, ${c.publicadas} publicadas como SIN ACTA, ${c.previas} ya lo estaban, ${c.registradas} acopiadas, ${pendientes.length} pendientes (${((Date.now() - inicio) / 1000).toFixed(1)} s)`,
      );
    };

    const procesar = async (lote: string[]) => {
      const filas = await em.execute<{ clave_acta: string; fase: string }[]>('select clave_acta, fase from acta where clave_acta = any(?::text[])', [
        `{${lote.join(',')}}`,
      ]);
      const fase = new Map(filas.map((r) => [r.clave_acta, r.fase]));
      // An acta with only PREP Casilla photos never reached a CATD: it is SIN ACTA too (it keeps the photos).
      const faltan = lote.filter((k) => !fase.has(k) || fase.get(k) === 'PRE_ACOPIO');
      for (const k of lote) {
        if (fase.get(k) === 'SIN_ACTA') c.previas++;
        else if (fase.has(k) && fase.get(k) !== 'PRE_ACOPIO') c.registradas++;
      }
      await enParalelo(faltan, EN_VUELO, async (claveActa) => {
        try {
          await this.comandos.publicarSinActa(claveActa, motivos[claveActa] ?? motivoPorOmision, usuario, ['administrador']);
          c.publicadas++;
        } catch (err) {
          const codigo = err instanceof ApiError ? (err.getResponse() as { codigo?: string }).codigo : undefined;
          if (codigo === 'ACTA_YA_ACOPIADA')
            c.registradas++; // an acopio won the race: it keeps its process
          else if (codigo === 'ACTA_CERRADA' && (await this.comandos.faseEnModelo(claveActa)) === 'SIN_ACTA') c.previas++;
          else if (codigo === 'ACTA_CERRADA') c.registradas++;
          else pendientes.push({ claveActa, codigo: codigo ?? 'ERROR', mensaje: err instanceof Error ? err.message : String(err) });
        }
        progreso();
      });
      c.esperadas += lote.length;
      progreso();
    };
    let lote: string[] = [];
    for await (const clave of this.catalogo.clavesActasEsperadas()) {
      lote.push(clave);
      if (lote.length >= LOTE) {
        await procesar(lote);
        lote = [];
      }
    }
    if (lote.length > 0) await procesar(lote);
    progreso(true);

    const { avisados, enProceso } = await this.avisarFlujosAbiertos(em);
    const resultado: ResultadoCierre = {
      actasEsperadas: c.esperadas,
      registradas: c.registradas,
      publicadasSinActa: c.publicadas,
      sinActaPrevias: c.previas,
      pendientes: { total: pendientes.length, actas: pendientes.slice(0, MAX_CLAVES_POR_FASE) },
      enProceso,
      flujosAvisados: avisados,
      segundos: Math.round((Date.now() - inicio) / 100) / 10,
    };
    this.logger.log(
      `cierre terminado en ${resultado.segundos} s: ${c.publicadas} SIN ACTA, ${enProceso.total} actas en proceso, ${pendientes.length} pendientes`,
    );
    // The staff record of the close, as it has always been written.
    await this.bitacoraPersonal.registrar('OPERACION_CERRADA', usuario, {
      actasEsperadas: c.esperadas,
      registradas: c.registradas,
      publicadasSinActa: c.publicadas,
      motivoPorOmision,
    });
    return resultado;
  }

  /**
   * Signals every acta of the catálogo's entidad (fuera de catálogo included) that may still have a
   * running workflow (all but SIN ACTA, which ends at once) and reports those not yet published, by
   * phase, from the read model.
   */
  private async avisarFlujosAbiertos(em: EntityManager): Promise<{ avisados: number; enProceso: ResultadoCierre['enProceso'] }> {
    // CLAVE_ACTA starts with the entidad's two digits.
    const entidad = String((await this.catalogo.entidad()).id).padStart(2, '0');
    const filas = await em.execute<{ clave_acta: string; fase: string }[]>(
      "select clave_acta, fase from acta where fase <> 'SIN_ACTA' and left(clave_acta, 2) = ? order by clave_acta",
      [entidad],
    );
    let avisados = 0;
    await enParalelo(filas, EN_VUELO * 2, async (f) => {
      try {
        await this.temporal.client.workflow.getHandle(f.clave_acta).signal(cerrarSignal);
        avisados++;
      } catch (err) {
        // Already ended (published and past its retention, or closed by an earlier cierre).
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    });
    const porFase: ResultadoCierre['enProceso']['porFase'] = {};
    let total = 0;
    for (const f of filas) {
      if (f.fase === 'PUBLICADA') continue;
      total++;
      const g = (porFase[f.fase] ??= { total: 0, claves: [] });
      g.total++;
      if (g.claves.length < MAX_CLAVES_POR_FASE) g.claves.push(f.clave_acta);
    }
    if (total > 0)
      this.logger.warn(
        `cierre: ${total} actas siguen en proceso: ${Object.entries(porFase)
          .map(([k, v]) => `${k} ${v.total}`)
          .join(', ')}`,
      );
    return { avisados, enProceso: { total, porFase } };
  }
}
