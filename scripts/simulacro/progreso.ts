import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Progreso } from './nucleo';

/** One bar per phase of the night, with actas/s and cortes; redrawn about once a second. */
export class BarrasProgreso {
  private readonly multi = new MultiBar(
    {
      format: '  {fase} |{bar}| {value}/{total} {extra}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
      autopadding: true,
      fps: 2,
      // Piped to a file or CI: still print the bars, every 10 s.
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    Presets.shades_classic,
  );
  private readonly barras = new Map<string, SingleBar>();
  private detenidas = false;

  private barra(nombre: string, total: number): SingleBar {
    let b = this.barras.get(nombre);
    if (!b) this.barras.set(nombre, (b = this.multi.create(Math.max(1, total), 0, { fase: nombre.padEnd(13), extra: '' })));
    return b;
  }

  actualizar(p: Progreso): void {
    if (this.detenidas) return;
    const c = p.contadores;
    const finales = c.publicadas + c.sinActa;
    const porSegundo = p.transcurridoMs > 0 ? (finales / (p.transcurridoMs / 1000)).toFixed(2) : '0';
    this.barra('acopiadas', p.totales.llegan).update(c.acopiadas, { extra: `(fotos PREP Casilla: ${c.fotos})` });
    this.barra('digitalizadas', p.totales.llegan).update(c.digitalizadas, { extra: '' });
    this.barra('capturadas', p.totales.capturas).update(c.capturas, { extra: `(abandonos: ${c.abandonos})` });
    this.barra('verificadas', p.totales.decisiones).update(c.decisiones, { extra: '' });
    this.barra('publicadas', p.totales.actas).update(finales, { extra: `(SIN ACTA: ${c.sinActa}) ${porSegundo} actas/s · cortes: ${c.cortes} · ${p.fase}` });
  }

  detener(): void {
    if (this.detenidas) return;
    this.detenidas = true;
    this.multi.stop();
  }

  /** Log lines above the bars, so they are not overwritten. */
  log(m: string): void {
    if (this.detenidas) console.log(m);
    else this.multi.log(`${m}\n`);
  }
}
