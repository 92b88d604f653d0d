import { LARGO_MAX_USUARIO, MAX_DIRECCIONES, MAX_USUARIOS_POR_RESUMEN, OTRAS_DIRECCIONES, ResumenFallos, VENTANA_RESUMEN_MS } from './resumen-fallos';

describe('ResumenFallos', () => {
  const T0 = Date.UTC(2027, 5, 6, 20, 0, 0);
  let t: number;
  let r: ResumenFallos;
  beforeEach(() => {
    t = T0;
    r = new ResumenFallos(() => t);
  });
  const iso = (ms: number) => new Date(ms).toISOString();

  it('writes the first failure of an address at once, then one summary for the rest of the window', () => {
    expect(r.anotar('fallo', 'A', 'ana')).toEqual([
      { direccion: 'A', desde: iso(T0), hasta: iso(T0), fallos: 1, rechazos: 0, usuarios: [{ usuario: 'ana', intentos: 1 }], intentosOtrosUsuarios: 0 },
    ]);
    const escritos: unknown[] = [];
    for (let i = 0; i < 100; i++) {
      t += 1_000;
      escritos.push(...r.anotar(i < 60 ? 'fallo' : 'rechazo', 'A', `x${i % 3}`));
    }
    expect(escritos).toEqual([]);
    expect(r.vencidos()).toEqual([]);
    t = T0 + VENTANA_RESUMEN_MS;
    expect(r.vencidos()).toEqual([
      {
        direccion: 'A',
        desde: iso(T0 + 1_000),
        hasta: iso(T0 + 100_000),
        fallos: 60,
        rechazos: 40,
        usuarios: [
          { usuario: 'x0', intentos: 34 },
          { usuario: 'x1', intentos: 33 },
          { usuario: 'x2', intentos: 33 },
        ],
        intentosOtrosUsuarios: 0,
      },
    ]);
    expect(r.vencidos()).toEqual([]);
  });

  it('a lone failure is one entry and leaves nothing pending', () => {
    expect(r.anotar('fallo', 'A', 'ana')).toHaveLength(1);
    t += VENTANA_RESUMEN_MS;
    expect(r.vencidos()).toEqual([]);
    expect(r.pendientes()).toEqual([]);
  });

  it('keeps addresses apart', () => {
    expect(r.anotar('fallo', 'A', 'ana')).toHaveLength(1);
    expect(r.anotar('fallo', 'B', 'ana')).toEqual([expect.objectContaining({ direccion: 'B', fallos: 1 })]);
    r.anotar('fallo', 'A', 'ana');
    expect(r.pendientes()).toEqual([expect.objectContaining({ direccion: 'A', fallos: 1 })]);
  });

  it('an event after the window ends returns the old summary and opens a new window', () => {
    r.anotar('fallo', 'A', 'ana');
    t += 1;
    r.anotar('fallo', 'A', 'beto');
    t = T0 + VENTANA_RESUMEN_MS;
    expect(r.anotar('rechazo', 'A', 'carla')).toEqual([
      expect.objectContaining({ fallos: 1, rechazos: 0, usuarios: [{ usuario: 'beto', intentos: 1 }] }),
      expect.objectContaining({ fallos: 0, rechazos: 1, usuarios: [{ usuario: 'carla', intentos: 1 }], desde: iso(t) }),
    ]);
  });

  it('N failures in a window give at most two entries, whatever N and the names', () => {
    let entradas = 0;
    for (let i = 0; i < 10_000; i++) entradas += r.anotar('fallo', 'A', `inventado-${i}`).length;
    entradas += r.pendientes().length;
    expect(entradas).toBe(2);
  });

  it('bounds an entry: at most MAX_USUARIOS_POR_RESUMEN names, each truncated; the rest only counted', () => {
    r.anotar('fallo', 'A', 'primero');
    const largo = 'n'.repeat(500);
    r.anotar('fallo', 'A', largo);
    for (let i = 0; i < 100; i++) r.anotar('fallo', 'A', `otro${i}`);
    const [resumen] = r.pendientes();
    expect(resumen.usuarios).toHaveLength(MAX_USUARIOS_POR_RESUMEN);
    expect(resumen.usuarios[0]).toEqual({ usuario: 'n'.repeat(LARGO_MAX_USUARIO), intentos: 1 });
    expect(resumen.fallos).toBe(101);
    expect(resumen.intentosOtrosUsuarios).toBe(101 - MAX_USUARIOS_POR_RESUMEN);
    expect(JSON.stringify(resumen).length).toBeLessThan(4_000);
  });

  it('pendientes (shutdown) returns what is held and keeps open windows open', () => {
    r.anotar('fallo', 'A', 'ana');
    r.anotar('fallo', 'A', 'ana');
    expect(r.pendientes()).toEqual([expect.objectContaining({ fallos: 1 })]);
    expect(r.pendientes()).toEqual([]);
    expect(r.anotar('fallo', 'A', 'ana')).toEqual([]);
  });

  it('past MAX_DIRECCIONES open windows, new addresses share one bucket', () => {
    let entradas = 0;
    for (let i = 0; i < MAX_DIRECCIONES; i++) entradas += r.anotar('fallo', `10.0.${i >> 8}.${i & 255}`, 'x').length;
    expect(entradas).toBe(MAX_DIRECCIONES);
    expect(r.anotar('fallo', '192.0.2.1', 'x')).toEqual([expect.objectContaining({ direccion: OTRAS_DIRECCIONES })]);
    for (let i = 2; i < 500; i++) expect(r.anotar('fallo', `192.0.2.${i % 250}`, 'x')).toEqual([]);
    expect(r.pendientes()).toEqual([expect.objectContaining({ direccion: OTRAS_DIRECCIONES, fallos: 498 })]);
    t += VENTANA_RESUMEN_MS;
    r.vencidos();
    expect(r.anotar('fallo', '192.0.2.1', 'x')).toEqual([expect.objectContaining({ direccion: '192.0.2.1' })]);
  });
});
