/** The informe's section on the failure drills: one row per fault injected during the night. */
import { escaparHtml as e } from '@prep/reportes';
import type { ReporteFalla } from './fallas';

const seg = (x: number | null) => (x === null ? '—' : x.toLocaleString('es-MX', { maximumFractionDigits: 1 }));
const ESTADO: Record<ReporteFalla['estado'], string> = {
  hecho: '<span class="ok">✔ Se recuperó</span>',
  fallido: '<span class="mal">✘ No se recuperó</span>',
  omitido: '<span class="na">Omitida</span>',
};

export function seccionFallas(fallas: ReporteFalla[]): string {
  const filas = fallas
    .map((f) => {
      const vistos =
        Object.entries(f.respuestas503)
          .map(([k, v]) => `${v.toLocaleString('es-MX')} ${k}`)
          .join(', ') || '0';
      const notas = [f.detalle, ...f.notas]
        .filter(Boolean)
        .map((x) => e(x!))
        .join('<br>');
      return `<tr><td class="t">${e(f.descripcion)}</td><td class="t">${ESTADO[f.estado]}</td><td>${seg(f.enVueloAlInyectar)}</td><td>${seg(f.completadas)}</td><td>${seg(f.caidaSegundos)}</td><td>${seg(f.primeraAccionSegundos)}</td><td>${seg(f.drenadoSegundos)}</td><td class="t">${e(vistos)}</td><td class="t">${notas}</td></tr>`;
    })
    .join('');
  return `<section id="fallas"><h2>Simulacros de fallas</h2>
<p>Cada falla se inyectó contra los servicios reales durante la jornada, una tras otra. <i>Caída</i>: de la inyección a que el servicio respondió de nuevo; <i>1.ª acción</i>: de ahí a la primera acción del personal aceptada; <i>drenado</i>: de ahí a que todas las actas en vuelo al inyectar llegaron a un estado final. La verificación completa del auditor, arriba, dice si algo se perdió o se duplicó.</p>
<table><thead><tr><th class="t">Falla</th><th class="t">Resultado</th><th>En vuelo</th><th>Completadas</th><th>Caída (s)</th><th>1.ª acción (s)</th><th>Drenado (s)</th><th class="t">503 vistos por el personal</th><th class="t">Notas</th></tr></thead><tbody>${filas}</tbody></table></section>`;
}
