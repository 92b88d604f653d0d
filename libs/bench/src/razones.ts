import type { MedidaOperacion, MedidaReferencia, ResultadoBench, ResultadoCorrida } from './resultado';
import { redondear } from './cpu';

/**
 * The floors and which figure of the operation each one bounds: the project's rate divided by the
 * floor's rate (1 = as fast as the bare thing; 0.1 = ten times slower).
 */
export const REFERENCIAS = {
  temporal: { titulo: 'Temporal desnudo (actividades)', unidad: 'actas', delProyecto: 'actas/s', medida: (o: MedidaOperacion) => o.actasPorSegundo },
  temporalLocal: {
    titulo: 'Temporal desnudo (actividades locales)',
    unidad: 'actas',
    delProyecto: 'actas/s',
    medida: (o: MedidaOperacion) => o.actasPorSegundo,
  },
  immudb: {
    titulo: 'immudb verifiedSet',
    unidad: 'verifiedSet',
    delProyecto: 'entradas de bitácora/s',
    medida: (o: MedidaOperacion) => o.bitacora.entradasPorSegundo,
  },
  postgres: { titulo: 'PostgreSQL upsert', unidad: 'upsert', delProyecto: 'filas escritas/s', medida: (o: MedidaOperacion) => o.postgres.filasPorSegundo },
} as const;
export type NombreReferencia = keyof typeof REFERENCIAS;

export interface FilaRazon {
  referencia: string;
  delProyecto: string;
  proyecto: number;
  base: number;
  /** proyecto ÷ base; null when the floor measured nothing. */
  razon: number | null;
}

export function cociente(proyecto: number, base: number): number | null {
  return base > 0 && Number.isFinite(proyecto) ? redondear(proyecto / base, 3) : null;
}

export function razones(operacion: MedidaOperacion | null, referencias: readonly MedidaReferencia[]): FilaRazon[] {
  if (!operacion) return [];
  return referencias
    .filter((r) => r.nombre in REFERENCIAS)
    .map((r) => {
      const ref = REFERENCIAS[r.nombre as NombreReferencia];
      const proyecto = ref.medida(operacion);
      return { referencia: ref.titulo, delProyecto: ref.delProyecto, proyecto, base: r.porSegundo, razon: cociente(proyecto, r.porSegundo) };
    });
}

/**
 * The floors measured in several passes (before and after the operation, so a change of load on a
 * shared box during the run shows, and weighs on both sides): per floor the summed work and errors,
 * the mean of the passes' rates and each pass's rate. Latencies are the last pass's.
 */
export function combinarPasadas(pasadas: readonly (readonly MedidaReferencia[])[]): MedidaReferencia[] {
  const porNombre = new Map<string, MedidaReferencia[]>();
  for (const pasada of pasadas) {
    for (const m of pasada) {
      let l = porNombre.get(m.nombre);
      if (!l) porNombre.set(m.nombre, (l = []));
      l.push(m);
    }
  }
  return [...porNombre.values()].map((ms) => {
    const tasas = ms.flatMap((m) => m.pasadas ?? [m.porSegundo]);
    return {
      ...ms.at(-1)!,
      operaciones: ms.reduce((a, m) => a + m.operaciones, 0),
      segundos: redondear(
        ms.reduce((a, m) => a + m.segundos, 0),
        1,
      ),
      errores: ms.reduce((a, m) => a + m.errores, 0),
      porSegundo: redondear(tasas.reduce((a, b) => a + b, 0) / tasas.length, 2),
      pasadas: tasas,
    };
  });
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function tabla(encabezado: readonly string[], filas: readonly (readonly string[])[]): string {
  const todas = [encabezado, ...filas];
  const anchos = encabezado.map((_, i) => Math.max(...todas.map((f) => (f[i] ?? '').length)));
  const linea = (f: readonly string[]) => f.map((c, i) => (i === 0 ? c.padEnd(anchos[i]) : c.padStart(anchos[i]))).join('  ');
  return [linea(encabezado), anchos.map((a) => '-'.repeat(a)).join('  '), ...filas.map(linea)].join('\n');
}

/** Small rates need two decimals to be told apart (0.75 actas/s); large ones none beyond one. */
const tasa = (x: number | null | undefined) => num(x, x !== null && x !== undefined && Math.abs(x) < 10 ? 2 : 1);
const num = (x: number | null | undefined, d = 1) =>
  x === null || x === undefined ? '—' : x.toLocaleString('es-MX', { minimumFractionDigits: d, maximumFractionDigits: d });
const ent = (x: number | null | undefined) => num(x, 0);

/** The staff actions the table shows, in the order of an acta's life (the rest stay in the JSON). */
export const ACCIONES_PERSONAL = ['acopio', 'escaneo CATD', 'tomar captura', 'captura', 'tomar verificación', 'verificación'] as const;

export function textoCorrida(c: ResultadoCorrida): string {
  const partes: string[] = [`Corrida: ${c.actas.toLocaleString('es-MX')} actas, concurrencia ${c.concurrencia} (${c.enVuelo} personas en vuelo)`];
  const o = c.operacion;
  if (o) {
    partes.push(
      '',
      tabla(
        ['Operación (API real, personal virtual)', 'valor'],
        [
          ['actas publicadas', `${ent(o.publicadas)} de ${ent(c.actas)}`],
          ['jornada (s)', num(o.segundos)],
          ['actas/s de punta a punta', num(o.actasPorSegundo, 2)],
          ['entradas de bitácora', `${ent(o.bitacora.entradas)} (${num(o.bitacora.entradasPorActa)} por acta)`],
          ['entradas de bitácora/s', num(o.bitacora.entradasPorSegundo)],
          ['filas escritas en PostgreSQL/s', num(o.postgres.filasPorSegundo)],
          ['cortes (n · p50 · máx, s)', `${o.cortes.n} · ${num(o.cortes.p50Ms / 1000)} · ${num(o.cortes.maxMs / 1000)}`],
          ['máquina ocupada (todos los procesos)', o.maquinaOcupadaPorcentaje === null ? '—' : `${num(o.maquinaOcupadaPorcentaje)} %`],
          ['errores HTTP inesperados', ent(o.errores)],
          ['resultado', o.limpio ? 'limpio' : 'CON DIFERENCIAS (vea el JSON)'],
        ],
      ),
      '',
      tabla(
        ['Acción del personal (ms)', 'n', 'p50', 'p95', 'p99', 'máx'],
        ACCIONES_PERSONAL.filter((a) => o.latencias[a]).map((a) => {
          const t = o.latencias[a];
          return [a, ent(t.n), ent(t.p50), ent(t.p95), ent(t.p99), ent(t.max)];
        }),
      ),
      '',
      tabla(
        ['CPU por proceso', 'ms', 'ms/acta', '% de los núcleos'],
        o.cpu.map((f) => [f.proceso, ent(f.cpuMs), num(f.msPorActa), num(f.porcentajeNucleos)]),
      ),
    );
  }
  if (c.referencias.length) {
    partes.push(
      '',
      tabla(
        ['Línea base (mismo servidor, misma concurrencia)', 'operaciones', 's', 'por s (media)', 'pasadas (antes · después)', 'errores'],
        c.referencias.map((r) => [
          REFERENCIAS[r.nombre as NombreReferencia]?.titulo ?? r.nombre,
          `${ent(r.operaciones)} ${r.unidad}`,
          num(r.segundos),
          tasa(r.porSegundo),
          (r.pasadas ?? [r.porSegundo]).map(tasa).join(' · '),
          ent(r.errores),
        ]),
      ),
    );
  }
  const rs = razones(o, c.referencias);
  if (rs.length) {
    partes.push(
      '',
      tabla(
        ['Proyecto ÷ línea base', 'medida del proyecto', 'proyecto', 'línea base', 'razón'],
        rs.map((r) => [r.referencia, r.delProyecto, tasa(r.proyecto), tasa(r.base), r.razon === null ? '—' : num(r.razon, 3)]),
      ),
    );
  }
  return partes.join('\n');
}

export function textoResultado(r: ResultadoBench): string {
  const m = r.maquina;
  const cabecera = `Benchmark de la operación · ${r.fecha} · ${m.cpu}, ${m.nucleos} núcleos, ${m.memoriaGiB} GiB, Node ${m.node}${r.commit ? ` · commit ${r.commit.slice(0, 12)}${r.commit.endsWith('+cambios') ? ' con cambios sin commit' : ''}` : ''}`;
  const otras = Object.entries(r.otras);
  const carga = r.carga ? `\nCarga media de la máquina (1 min): ${num(r.carga.inicio, 1)} al empezar, ${num(r.carga.fin, 1)} al terminar` : '';
  return [
    cabecera + carga,
    ...r.corridas.map((c) => `\n${textoCorrida(c)}`),
    ...(otras.length
      ? [
          '',
          tabla(
            ['Otras partes', 'valor'],
            otras.map(([k, v]) => [k, typeof v === 'number' ? ent(v) : v]),
          ),
        ]
      : []),
  ].join('\n');
}
