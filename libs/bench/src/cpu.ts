/**
 * CPU accounting from Linux's /proc, as pure arithmetic over already-read text: each process tree's
 * ticks (utime + stime of the live processes, plus cutime + cstime, the CPU of children they have
 * already reaped) at the start and the end of a run give its CPU time, per acta and as a share of
 * the machine's cores.
 */
export interface ProcesoStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

/**
 * One /proc/<pid>/stat line. The command name (field 2) is in parentheses and may hold spaces or
 * parentheses itself, so the fields are counted from the last ')'. null for a line that is not one.
 */
export function leerStatProceso(linea: string): ProcesoStat | null {
  const cierre = linea.lastIndexOf(')');
  const pid = Number(linea.slice(0, linea.indexOf(' ')));
  if (cierre < 0 || !Number.isInteger(pid)) return null;
  // After ')': state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime …
  const f = linea
    .slice(cierre + 2)
    .trim()
    .split(/\s+/);
  if (f.length < 15) return null;
  const n = (i: number) => Number(f[i]);
  const ticks = n(11) + n(12) + n(13) + n(14);
  if (!Number.isFinite(ticks)) return null;
  return { pid, ppid: n(1), ticks };
}

/** Ticks of `raiz` and every live descendant; null when `raiz` is not among the processes. */
export function ticksDelArbol(procesos: readonly ProcesoStat[], raiz: number): number | null {
  const hijos = new Map<number, ProcesoStat[]>();
  let encontrado: ProcesoStat | undefined;
  for (const p of procesos) {
    if (p.pid === raiz) encontrado = p;
    let l = hijos.get(p.ppid);
    if (!l) hijos.set(p.ppid, (l = []));
    l.push(p);
  }
  if (!encontrado) return null;
  let total = 0;
  const pendientes = [encontrado];
  const vistos = new Set<number>();
  while (pendientes.length) {
    const p = pendientes.pop()!;
    if (vistos.has(p.pid)) continue;
    vistos.add(p.pid);
    total += p.ticks;
    pendientes.push(...(hijos.get(p.pid) ?? []));
  }
  return total;
}

/** The first line of /proc/stat: all CPU ticks of the machine and the idle ones (idle + iowait). */
export function leerStatMaquina(texto: string): { total: number; ocioso: number } | null {
  const linea = texto.split('\n').find((l) => l.startsWith('cpu '));
  if (!linea) return null;
  const v = linea.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user/nice).
  const total = v.slice(0, 8).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  return { total, ocioso: (v[3] ?? 0) + (v[4] ?? 0) };
}

export interface FilaCpu {
  proceso: string;
  /** CPU time over the run, in ms; null when the process was not found (external, or exited). */
  cpuMs: number | null;
  msPorActa: number | null;
  /** Percent of all the machine's cores over the run's wall time (100 = every core busy). */
  porcentajeNucleos: number | null;
}

/**
 * Each process's CPU between two samples (ticks by process name; null = not found), per acta and
 * as a share of `nucleos` cores over `wallMs`. A process missing from either sample is null.
 */
export function repartoCpu(o: {
  inicio: Record<string, number | null>;
  fin: Record<string, number | null>;
  hz: number;
  wallMs: number;
  nucleos: number;
  actas: number;
}): FilaCpu[] {
  return Object.keys(o.inicio).map((proceso) => {
    const a = o.inicio[proceso];
    const b = o.fin[proceso];
    if (a === null || b === null || b === undefined || b < a) return { proceso, cpuMs: null, msPorActa: null, porcentajeNucleos: null };
    const cpuMs = ((b - a) * 1000) / o.hz;
    return {
      proceso,
      cpuMs: Math.round(cpuMs),
      msPorActa: o.actas > 0 ? redondear(cpuMs / o.actas, 1) : null,
      porcentajeNucleos: o.wallMs > 0 && o.nucleos > 0 ? redondear((cpuMs / (o.wallMs * o.nucleos)) * 100, 1) : null,
    };
  });
}

/** The machine's busy share between two /proc/stat samples, in percent of all cores. */
export function porcentajeOcupado(inicio: { total: number; ocioso: number }, fin: { total: number; ocioso: number }): number | null {
  const total = fin.total - inicio.total;
  if (total <= 0) return null;
  return redondear(((total - (fin.ocioso - inicio.ocioso)) / total) * 100, 1);
}

/**
 * The inode of the socket listening on `puerto`, from /proc/net/tcp or tcp6 text (columns: sl,
 * local_address as HEXIP:HEXPORT, rem_address, st — 0A is LISTEN —, …, inode at index 9).
 */
export function inodoQueEscucha(texto: string, puerto: number): number | null {
  for (const linea of texto.split('\n').slice(1)) {
    const c = linea.trim().split(/\s+/);
    if (c.length < 10 || c[3] !== '0A') continue;
    if (parseInt(c[1].split(':').at(-1)!, 16) === puerto) return Number(c[9]);
  }
  return null;
}

export function redondear(x: number, decimales: number): number {
  const f = 10 ** decimales;
  return Math.round(x * f) / f;
}
