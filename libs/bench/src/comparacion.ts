import { razones, tabla } from './razones';
import type { ResultadoBench, ResultadoCorrida } from './resultado';

/**
 * A run against the committed baseline (bench/linea-base.json), size by size: the project's rates
 * and its ratios to the same-run floors, before and after. The ratios are what survives a noisy
 * box; the absolute rates are shown for context.
 */
export interface FilaComparacion {
  medida: string;
  antes: number;
  ahora: number;
  /** Percent change (ahora − antes) ÷ antes; null when antes is 0. */
  cambioPorcentaje: number | null;
}

const cambio = (antes: number, ahora: number) => (antes !== 0 ? Math.round(((ahora - antes) / antes) * 1000) / 10 : null);

export function compararCorrida(ahora: ResultadoCorrida, antes: ResultadoCorrida): FilaComparacion[] {
  const filas: FilaComparacion[] = [];
  const fila = (medida: string, a: number | null | undefined, b: number | null | undefined) => {
    if (a === null || a === undefined || b === null || b === undefined) return;
    filas.push({ medida, antes: a, ahora: b, cambioPorcentaje: cambio(a, b) });
  };
  if (antes.operacion && ahora.operacion) {
    fila('actas/s', antes.operacion.actasPorSegundo, ahora.operacion.actasPorSegundo);
    fila('entradas de bitácora por acta', antes.operacion.bitacora.entradasPorActa, ahora.operacion.bitacora.entradasPorActa);
    for (const p of ahora.operacion.cpu) {
      fila(`CPU ms/acta: ${p.proceso}`, antes.operacion.cpu.find((q) => q.proceso === p.proceso)?.msPorActa, p.msPorActa);
    }
  }
  const razonesAntes = razones(antes.operacion, antes.referencias);
  for (const r of razones(ahora.operacion, ahora.referencias)) {
    fila(`razón ${r.delProyecto} ÷ ${r.referencia}`, razonesAntes.find((q) => q.referencia === r.referencia)?.razon, r.razon);
  }
  return filas;
}

/** The comparison table of every size present in both results; null when none is. */
export function textoComparacion(ahora: ResultadoBench, antes: ResultadoBench): string | null {
  const bloques: string[] = [];
  for (const c of ahora.corridas) {
    const b = antes.corridas.find((x) => x.actas === c.actas && x.concurrencia === c.concurrencia);
    if (!b) continue;
    const filas = compararCorrida(c, b);
    if (!filas.length) continue;
    const n = (x: number) => x.toLocaleString('es-MX', { maximumFractionDigits: 3 });
    bloques.push(
      tabla(
        [`Contra la línea base (${antes.fecha.slice(0, 10)}, ${c.actas} actas × ${c.concurrencia})`, 'antes', 'ahora', 'cambio'],
        filas.map((f) => [
          f.medida,
          n(f.antes),
          n(f.ahora),
          f.cambioPorcentaje === null ? '—' : `${f.cambioPorcentaje > 0 ? '+' : ''}${n(f.cambioPorcentaje)} %`,
        ]),
      ),
    );
  }
  return bloques.length ? bloques.join('\n\n') : null;
}
