import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { inodoQueEscucha, leerStatMaquina, leerStatProceso, ticksDelArbol, type ProcesoStat } from '@prep/bench';

/**
 * Reads Linux's /proc for the benchmark: the CPU ticks of each process tree and of the machine,
 * and which process listens on a port (the services the stack started, or that were running).
 */
export const HZ = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function leer(ruta: string): string | null {
  try {
    return fs.readFileSync(ruta, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

export function leerProcesos(): ProcesoStat[] {
  const procesos: ProcesoStat[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const texto = leer(`/proc/${d}/stat`);
    const p = texto && leerStatProceso(texto);
    if (p) procesos.push(p);
  }
  return procesos;
}

export const statMaquina = () => leerStatMaquina(leer('/proc/stat') ?? '');

/** Ticks of each named process tree now (null: no such process). */
export function muestraCpu(pids: Record<string, number | null>): Record<string, number | null> {
  const procesos = leerProcesos();
  return Object.fromEntries(Object.entries(pids).map(([nombre, pid]) => [nombre, pid === null ? null : ticksDelArbol(procesos, pid)]));
}

/** The pid whose socket listens on 127.0.0.1:`puerto` (or any address), or null if none of ours does. */
export function pidQueEscucha(puerto: number): number | null {
  const inodos = ['/proc/net/tcp', '/proc/net/tcp6'].map((f) => inodoQueEscucha(leer(f) ?? '', puerto)).filter((i): i is number => i !== null);
  if (!inodos.length) return null;
  const buscados = new Set(inodos.map((i) => `socket:[${i}]`));
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${d}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (buscados.has(fs.readlinkSync(`/proc/${d}/fd/${fd}`))) return Number(d);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}
