/**
 * A bar chart from plain numbers, for pages whose figures are not one of the reports' own shapes
 * (the informe de simulacro): categories on one axis, one bar per series, drawn by the same
 * server-side ECharts helper as the reports, so every chart reads alike.
 */
import { svg } from './graficas';

export interface SerieBarras {
  nombre: string;
  /** One value per category; null leaves the bar out (a figure not measured). */
  datos: (number | null)[];
  color?: string;
}

export interface OpcionesBarras {
  categorias: string[];
  series: SerieBarras[];
  /** Name of the value axis, e.g. 'actas' or 'ms'. */
  unidad: string;
  /** Horizontal bars: long category names stay readable. */
  horizontal?: boolean;
  /** A reference line across the bars (a target), with its label. */
  referencia?: { valor: number; nombre: string };
  ancho?: number;
}

const COLORES = ['#9aa5b1', '#1f5f8b', '#b7791f', '#c0392b', '#27864a', '#6b46c1'];

export function graficaBarras(o: OpcionesBarras): string {
  const ancho = o.ancho ?? 1000;
  const categorias = o.horizontal ? [...o.categorias].reverse() : o.categorias;
  const datos = (d: (number | null)[]) => (o.horizontal ? [...d].reverse() : d);
  const valor = {
    type: 'value' as const,
    name: o.unidad,
    nameLocation: 'end' as const,
    minInterval: 1,
    axisLabel: { formatter: (v: number) => v.toLocaleString('es-MX') },
  };
  // Long names on a horizontal chart need room on the left; measured in characters of the longest name.
  const izquierda = o.horizontal ? Math.min(320, 24 + 7.5 * Math.max(...o.categorias.map((c) => c.length), 4)) : 60;
  const categoria = { type: 'category' as const, data: categorias, axisLabel: { interval: 0, fontSize: 13 } };
  const alto = o.horizontal ? Math.max(180, (o.referencia ? 110 : 90) + o.categorias.length * Math.max(22, 13 * o.series.length + 10)) : 380;
  return svg(
    {
      color: COLORES,
      legend: { top: 0 },
      grid: { left: izquierda, right: 60, top: o.referencia ? 60 : 40, bottom: 30 },
      xAxis: o.horizontal ? valor : categoria,
      yAxis: o.horizontal ? categoria : valor,
      series: o.series.map((s, i) => ({
        type: 'bar' as const,
        name: s.nombre,
        data: datos(s.datos),
        ...(s.color ? { color: s.color } : {}),
        label: {
          show: true,
          position: o.horizontal ? ('right' as const) : ('top' as const),
          fontSize: 12,
          formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '' : Number(p.value).toLocaleString('es-MX')),
        },
        ...(o.referencia && i === o.series.length - 1
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#c0392b', type: 'dashed' as const },
                label: { formatter: o.referencia.nombre, position: 'end' as const, fontSize: 12, color: '#c0392b' },
                data: [o.horizontal ? { xAxis: o.referencia.valor } : { yAxis: o.referencia.valor }],
              },
            }
          : {}),
      })),
    },
    ancho,
    alto,
  );
}
