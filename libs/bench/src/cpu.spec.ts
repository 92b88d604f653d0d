import { inodoQueEscucha, leerStatMaquina, leerStatProceso, porcentajeOcupado, repartoCpu, ticksDelArbol } from './cpu';

describe('CPU accounting from /proc', () => {
  it('reads utime+stime+cutime+cstime of a stat line whose command holds spaces and parentheses', () => {
    const linea = '4242 (node (api) x) S 4000 4242 4000 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 11 0 500 0 0';
    expect(leerStatProceso(linea)).toEqual({ pid: 4242, ppid: 4000, ticks: 310 });
    expect(leerStatProceso('basura')).toBeNull();
  });

  it('sums a process tree and ignores other trees', () => {
    const procesos = [
      { pid: 10, ppid: 1, ticks: 100 }, // postmaster
      { pid: 11, ppid: 10, ticks: 40 }, // backend
      { pid: 12, ppid: 11, ticks: 5 }, // grandchild
      { pid: 20, ppid: 1, ticks: 999 }, // someone else's
    ];
    expect(ticksDelArbol(procesos, 10)).toBe(145);
    expect(ticksDelArbol(procesos, 20)).toBe(999);
    expect(ticksDelArbol(procesos, 30)).toBeNull();
  });

  it('gives ms of CPU per acta and the share of all cores over the wall time', () => {
    const filas = repartoCpu({
      inicio: { api: 1000, worker: 500, immudb: null },
      fin: { api: 3000, worker: 1500, immudb: 10 },
      hz: 100,
      wallMs: 10_000,
      nucleos: 2,
      actas: 200,
    });
    // api: 2000 ticks = 20 s of CPU in 10 s on 2 cores = 100 % of the machine; 100 ms per acta.
    expect(filas).toEqual([
      { proceso: 'api', cpuMs: 20_000, msPorActa: 100, porcentajeNucleos: 100 },
      { proceso: 'worker', cpuMs: 10_000, msPorActa: 50, porcentajeNucleos: 50 },
      { proceso: 'immudb', cpuMs: null, msPorActa: null, porcentajeNucleos: null },
    ]);
  });

  it('reads the machine busy share from /proc/stat', () => {
    const a = leerStatMaquina('cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3\n')!;
    const b = leerStatMaquina('cpu  250 0 150 800 100 0 0 0 0 0\n')!;
    expect(a).toEqual({ total: 1000, ocioso: 800 });
    // 300 ticks passed, 100 of them idle: two thirds busy.
    expect(porcentajeOcupado(a, b)).toBe(66.7);
  });

  it('finds the inode of the socket that listens on a port, not one connected to it', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0CF2 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 11111 1',
      '   1: 0100007F:0CF2 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22222 1',
    ].join('\n');
    expect(inodoQueEscucha(tcp, 3314)).toBe(22222);
    expect(inodoQueEscucha(tcp, 3315)).toBeNull();
  });
});
