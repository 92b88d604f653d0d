import { HttpException, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError } from '@temporalio/client';
import { accionesPersonalesProbadas } from '@prep/audit';
import { formarOperacion, type DatosOperacion, type FlujoReintentando, type Parte, type ReporteOperacion } from '@prep/reportes';
import { AuditoriaService } from '../auditoria/auditoria.service';
import { CompilacionAuditoriaService } from '../auditoria/compilacion.service';
import { BitacoraService, conPruebas } from '../bitacora/bitacora.service';
import { TemporalService } from '../temporal/temporal.module';

/** Atoradas listed in the report (the total counts them all). */
const MAX_ATORADAS = 100;
/** Workflows described to look for activity retries: the actas longest without a change. */
const MAX_REVISADOS = 25;
/**
 * A source that does not answer in time is reported as unavailable; the report still answers.
 * The bitácora gets longer: its parts scan every staff action (`personal/`), thousands on a busy night.
 */
const PLAZO_TEMPORAL_MS = 8_000;
const PLAZO_BITACORA_MS = 30_000;

const ESTADOS_FLUJO = ['Running', 'Completed', 'Failed', 'Terminated', 'Canceled', 'TimedOut', 'ContinuedAsNew'] as const;

const SQL_ATORADAS = `
select clave_acta, fase, catd, atorada_desde, count(*) over ()::int as total from acta
where atorada order by atorada_desde nulls last, clave_acta limit ${MAX_ATORADAS}`;
const SQL_SIN_CAMBIO = `
select clave_acta from acta where fase not in ('PUBLICADA', 'SIN_ACTA') and not fuera_de_catalogo
order by actualizada_en, clave_acta limit ${MAX_REVISADOS}`;

function conPlazo<T>(p: Promise<T>, que: string, plazoMs: number): Promise<T> {
  let t: NodeJS.Timeout;
  const vence = new Promise<never>((_, rechazar) => {
    t = setTimeout(() => rechazar(new Error(`${que} no respondió en ${plazoMs / 1000} s; reintente el reporte.`)), plazoMs);
  });
  return Promise.race([p, vence]).finally(() => clearTimeout(t));
}

/** One source of the report: its data, or the code and message of why it could not be read. */
async function parte<T extends object>(codigo: string, que: string, plazoMs: number, fn: () => Promise<T>): Promise<Parte<T>> {
  try {
    return { disponible: true, ...(await conPlazo(fn(), que, plazoMs)) };
  } catch (err) {
    if (err instanceof HttpException) {
      const r = err.getResponse() as { codigo?: string; mensaje?: string };
      return { disponible: false, codigo: r.codigo ?? codigo, mensaje: r.mensaje ?? err.message };
    }
    return { disponible: false, codigo, mensaje: (err as Error).message };
  }
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date).toISOString());

/**
 * The Operación report. The bitácora's health and the builds are what the auditor's endpoints
 * compute (AuditoriaService.estado, CompilacionAuditoriaService.revisar): called, not repeated.
 */
@Injectable()
export class OperacionReporteService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalService,
    private readonly bitacora: BitacoraService,
    private readonly auditoria: AuditoriaService,
    private readonly compilacion: CompilacionAuditoriaService,
  ) {}

  async operacion(): Promise<ReporteOperacion> {
    const conn = this.em.fork().getConnection();
    const [atoradas, sinCambio] = await Promise.all([
      conn.execute<Record<string, unknown>[]>(SQL_ATORADAS),
      conn.execute<{ clave_acta: string }[]>(SQL_SIN_CAMBIO),
    ]);
    const [temporal, reinicios, bitacora, compilacion] = await Promise.all([
      // The gRPC deadline ends the client's own retries too: without it, a report asked while Temporal
      // is down keeps retrying in the background for ~20 s after it answered.
      parte('TEMPORAL_NO_DISPONIBLE', 'Temporal', PLAZO_TEMPORAL_MS, () =>
        this.temporal.connection.withDeadline(Date.now() + PLAZO_TEMPORAL_MS - 500, () => this.flujos(sinCambio.map((f) => f.clave_acta))),
      ),
      parte('BITACORA_NO_DISPONIBLE', 'La bitácora', PLAZO_BITACORA_MS, () => this.reinicios()),
      parte('BITACORA_NO_DISPONIBLE', 'La bitácora', PLAZO_BITACORA_MS, () => this.saludBitacora()),
      parte('BITACORA_NO_DISPONIBLE', 'La bitácora', PLAZO_BITACORA_MS, () => this.builds()),
    ]);
    const datos: DatosOperacion = {
      atoradas: {
        total: atoradas.length ? Number(atoradas[0].total) : 0,
        actas: atoradas.map((f) => ({
          claveActa: String(f.clave_acta),
          fase: String(f.fase),
          catd: f.catd === null ? null : String(f.catd),
          atoradaDesde: iso(f.atorada_desde),
        })),
      },
      temporal,
      reinicios,
      bitacora,
      compilacion,
    };
    return formarOperacion(datos, new Date());
  }

  /** Counts from Temporal's visibility, and the pending activities of the actas longest without a change. */
  private async flujos(claves: string[]) {
    const w = this.temporal.client.workflow;
    const [conteos, atorados] = await Promise.all([
      Promise.all(ESTADOS_FLUJO.map((estado) => w.count(`ExecutionStatus = "${estado}"`))),
      w.count('ExecutionStatus = "Running" AND Atorada = "SI"'),
    ]);
    const reintentando: FlujoReintentando[] = [];
    await Promise.all(
      claves.map(async (claveActa) => {
        try {
          const d = await w.getHandle(claveActa).describe();
          for (const a of d.raw.pendingActivities ?? []) {
            if ((a.attempt ?? 0) > 1)
              reintentando.push({ claveActa, actividad: a.activityType?.name ?? '', intento: a.attempt ?? 0, ultimoError: a.lastFailure?.message ?? null });
          }
        } catch (err) {
          // A published acta's workflow may have ended and been removed; nothing to retry there.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }),
    );
    return {
      flujos: ESTADOS_FLUJO.map((estado, i) => ({ estado, cantidad: conteos[i].count })).filter((f) => f.cantidad > 0 || f.estado === 'Running'),
      atoradosEnTemporal: atorados.count,
      revisados: claves.length,
      reintentando: reintentando.sort((a, b) => b.intento - a.intento || a.claveActa.localeCompare(b.claveActa)),
    };
  }

  /** Resets done through the API: each one's ACTA_REINICIADA record, read with its proof. */
  private async reinicios() {
    const b = await this.bitacora.conectar();
    const acciones = await conPruebas(async () => accionesPersonalesProbadas(b, ['ACTA_REINICIADA'], { sinceTx: (await b.currentServerState()).txId }));
    return {
      lista: acciones.map((a) => {
        const d = a.accion.datos as { claveActa?: string; motivo?: string };
        return { claveActa: String(d.claveActa ?? ''), operador: a.accion.usuario, motivo: String(d.motivo ?? ''), fechaHora: a.accion.fechaHora };
      }),
    };
  }

  private async saludBitacora() {
    const e = await this.auditoria.estado();
    return {
      txId: e.txId,
      firmado: e.verificacionFirma.firmado,
      firmaValida: e.verificacionFirma.firmaValida,
      claveEsperada: e.verificacionFirma.claveEsperada,
      estadoConfiable: e.estadoConfiableActual?.txHash ?? null,
    };
  }

  private async builds() {
    const c = await this.compilacion.revisar();
    return {
      puestaEnCeros: c.puestaEnCeros?.realizadaEn ?? null,
      mensaje: c.mensaje,
      procesos: c.procesos.map((p) => ({ tipo: p.tipo, host: p.host, pid: p.pid, inicio: p.inicio, coincide: p.coincide, diferencias: p.diferencias.length })),
    };
  }
}
