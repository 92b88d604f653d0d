/** Decisions on the double capture. */
import { compararCapturas, validarCaptura } from './captura';
import type { ModoVerificacion, ComandoCaptura, ContextoActa, CapturaRegistrada, EstadoActa } from './acta-tipos';
import { CAPTURAS_POR_RONDA } from './acta-tipos';
import { Borrador, camposDelContexto, faseNoPermite, no, noValores, type Decision } from './acta-decision-base';

export function decidirCaptura(estado: EstadoActa, c: ComandoCaptura, contexto: ContextoActa): Decision {
  if (estado.fase !== 'EN_CAPTURA') return faseNoPermite(estado, 'capturar');
  if (estado.capturas.some((k) => k.usuario === c.usuario)) {
    return no(
      'CAPTURISTA_REPETIDO',
      `Usted ya capturó el acta ${estado.claveActa} en la ronda ${estado.ronda}; la otra captura debe hacerla una persona distinta. Tome otra acta.`,
      409,
    );
  }
  const campos = camposDelContexto(contexto);
  const v = validarCaptura(c.valores, campos);
  if (!v.ok) return noValores('CAPTURA_INVALIDA', '', v);

  const registrada: CapturaRegistrada = { usuario: c.usuario, fechaHora: c.fechaHora, valores: v.captura };
  const capturas = [...estado.capturas, registrada];
  const capturistas = estado.capturistas.includes(c.usuario) ? estado.capturistas : [...estado.capturistas, c.usuario];
  const b = new Borrador({ ...estado, capturas, capturistas });
  b.emitir('CAPTURA_REGISTRADA', 'EN_CAPTURA', c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    numeroCaptura: capturas.length,
    valores: v.captura,
  });
  if (capturas.length === CAPTURAS_POR_RONDA) {
    const discrepancias = compararCapturas(capturas[0].valores, capturas[1].valores, campos);
    const modo: ModoVerificacion = discrepancias.length === 0 ? 'confirmacion' : 'desempate';
    b.estado = { ...b.estado, discrepancias, modoVerificacion: modo, fechaHoraCaptura: c.fechaHora };
    b.emitir('CAPTURAS_COMPARADAS', 'EN_VERIFICACION', c.usuario, c.fechaHora, {
      ronda: estado.ronda,
      iguales: discrepancias.length === 0,
      modo,
      discrepancias,
      capturistas: capturas.map((k) => k.usuario),
    });
  }
  return b.resultado();
}
