/**
 * PROCESO_INICIADO: every API and worker process writes, at start, one staff-action record naming
 * itself (kind, host, pid, start time) and the build it runs, so the ente auditor can list from the
 * bitácora alone which builds ran after the puesta en ceros.
 *
 * Rule when immudb does not answer at start: the process starts anyway and keeps retrying the
 * record in the background (backing off up to every 30 s) until it is written, logging each
 * failure. Refusing to start would turn a bitácora hiccup into an outage of the acta workflows,
 * whose own appends already wait for immudb; `inicio` keeps the real start time, so a late record
 * shows its delay against the key's write time.
 */
import * as os from 'node:os';
import type { RegistroAcciones } from '@prep/audit';
import type { CompilacionDeProceso, TipoProceso } from './compilacion';

export interface InicioProceso {
  tipo: TipoProceso;
  host: string;
  pid: number;
  /** ISO time the process started (before its record was written). */
  inicio: string;
  compilacion: CompilacionDeProceso;
}

export const usuarioDeProceso = (tipo: TipoProceso) => `proceso:${tipo}`;

export function datosInicioProceso(
  tipo: TipoProceso,
  compilacion: CompilacionDeProceso,
  inicio: Date = new Date(Date.now() - process.uptime() * 1000),
): InicioProceso {
  return { tipo, host: os.hostname(), pid: process.pid, inicio: inicio.toISOString(), compilacion };
}

export interface RegistroEnCurso {
  /** Resolves true once written, false if stopped first. */
  escrito: Promise<boolean>;
  detener(): void;
}

const ESPERAS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export function registrarInicioProceso(
  registro: RegistroAcciones,
  datos: InicioProceso,
  { alAvisar = () => undefined, esperasMs = ESPERAS_MS }: { alAvisar?: (mensaje: string) => void; esperasMs?: readonly number[] } = {},
): RegistroEnCurso {
  let detenido = false;
  let despertar: (() => void) | undefined;
  const escrito = (async () => {
    for (let intento = 0; !detenido; intento++) {
      try {
        await registro.registrar('PROCESO_INICIADO', usuarioDeProceso(datos.tipo), { ...datos });
        return true;
      } catch (err) {
        const espera = esperasMs[Math.min(intento, esperasMs.length - 1)];
        alAvisar(`PROCESO_INICIADO aún no está en la bitácora (${(err as Error).message}); se reintenta en ${espera / 1000} s`);
        await new Promise<void>((r) => {
          despertar = r;
          // unref: a pending retry never keeps a stopping process alive.
          setTimeout(r, espera).unref();
        });
      }
    }
    return false;
  })();
  return {
    escrito,
    detener() {
      detenido = true;
      despertar?.();
    },
  };
}
