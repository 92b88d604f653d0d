/** Decisions of verificadores and coordinadores: confirm, correct, return, escalate, publish. */
import { Captura, validarCaptura, validarValoresParciales } from './captura';
import { ROL_COORDINADOR } from './roles';
import { calcularResultado } from './resultado';
import type { RolDecision, ComandoVerificacion, ContextoActa, EscalamientoActa, RondaCerrada, VerificacionActa, EstadoActa } from './acta-tipos';
import { MOTIVO_MAX_CARACTERES } from './acta-tipos';
import { Borrador, camposDelContexto, faseNoPermite, no, noValores, publicar, textoNoVacio, type Decision } from './acta-decision-base';

// ─── VERIFICACION ─────────────────────────────────────────────────────────────────────────────

function tiene(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function sinValores(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

export function decidirVerificacion(estado: EstadoActa, c: ComandoVerificacion, contexto: ContextoActa): Decision {
  if (estado.fase !== 'EN_VERIFICACION' && estado.fase !== 'ESCALADA') return faseNoPermite(estado, 'verificar');
  const escalada = estado.fase === 'ESCALADA';
  if (estado.capturistas.includes(c.usuario)) {
    return no('VERIFICADOR_CAPTURO', `Usted capturó el acta ${estado.claveActa}; por independencia no puede verificarla ni decidirla. Tome otra acta.`, 403);
  }
  if (escalada && !(contexto.rolesUsuario ?? []).includes(ROL_COORDINADOR)) {
    return no(
      'SOLO_COORDINADOR',
      `El acta ${estado.claveActa} fue devuelta más de ${contexto.politica.maxDevoluciones} veces y está escalada: solo un coordinador puede decidirla.`,
      403,
    );
  }
  if (c.decision !== 'CONFIRMAR' && c.decision !== 'CORREGIR' && c.decision !== 'DEVOLVER') {
    return no('DECISION_INVALIDA', `La decisión ${JSON.stringify(c.decision)} no es válida: use CONFIRMAR, CORREGIR o DEVOLVER.`, 422);
  }
  if (c.motivo != null && typeof c.motivo !== 'string') return no('MOTIVO_INVALIDO', 'El motivo debe ser texto.', 422);
  if (typeof c.motivo === 'string' && c.motivo.length > MOTIVO_MAX_CARACTERES) {
    return no('MOTIVO_DEMASIADO_LARGO', `El motivo admite hasta ${MOTIVO_MAX_CARACTERES} caracteres; resúmalo.`, 422);
  }
  const motivo = textoNoVacio(c.motivo) ? c.motivo.trim() : null;
  const rol: RolDecision = escalada ? 'coordinador' : 'verificador';

  if (c.decision === 'DEVOLVER') {
    if (!sinValores(c.valores)) return no('VALORES_NO_ESPERADOS', 'Al devolver un acta no se envían valores; quítelos o use CORREGIR.', 422);
    if (!motivo) return no('MOTIVO_REQUERIDO', 'Indique el motivo por el que devuelve el acta a captura.', 422);
    return devolver(estado, c, contexto, motivo, rol);
  }

  const campos = camposDelContexto(contexto);
  if (c.decision === 'CONFIRMAR') {
    if (!sinValores(c.valores)) return no('VALORES_NO_ESPERADOS', 'CONFIRMAR no lleva valores; si cambia alguno use CORREGIR.', 422);
    if (escalada) {
      return no(
        'ESCALADA_REQUIERE_DATOS',
        'En un acta escalada envíe CORREGIR con todos los campos tal como se leen en la imagen (y el motivo), o devuélvala a captura.',
        422,
      );
    }
    if (estado.modoVerificacion === 'desempate') {
      return no(
        'DESEMPATE_REQUIERE_CORRECCION',
        `Las capturas difieren en ${estado.discrepancias.join(', ')}: elija el valor correcto de cada uno con CORREGIR.`,
        422,
      );
    }
    return verificarYPublicar(estado, c, contexto, campos, rol, motivo, {});
  }

  // CORREGIR
  if (escalada) {
    const v = validarCaptura(c.valores, campos);
    if (!v.ok) return noValores('CAPTURA_INVALIDA', 'En un acta escalada envíe todos los campos. ', v);
    if (!motivo) return no('MOTIVO_REQUERIDO', 'Indique el motivo de su decisión sobre el acta escalada.', 422);
    return verificarYPublicar(estado, c, contexto, campos, rol, motivo, v.captura);
  }
  const v = validarValoresParciales(c.valores, campos);
  if (!v.ok) return noValores('VALORES_INVALIDOS', '', v);
  if (Object.keys(v.captura).length === 0) {
    return no('VALORES_REQUERIDOS', 'CORREGIR necesita al menos un campo con su valor correcto.', 422);
  }
  if (estado.modoVerificacion === 'desempate') {
    const faltan = estado.discrepancias.filter((d) => !tiene(v.captura, d));
    if (faltan.length) {
      return no(
        'FALTAN_CAMPOS_DISCREPANTES',
        `Falta decidir el valor de: ${faltan.join(', ')}. Las capturas difieren en esos campos; indique el valor que se lee en la imagen.`,
        422,
        faltan.map((campo) => ({ campo, mensaje: `Indique el valor correcto de ${campo}: las capturas difieren.` })),
      );
    }
  } else if (!motivo) {
    return no('MOTIVO_REQUERIDO', 'Las dos capturas coincidían: indique el motivo de la corrección.', 422);
  }
  return verificarYPublicar(estado, c, contexto, campos, rol, motivo, v.captura);
}

function devolver(estado: EstadoActa, c: ComandoVerificacion, contexto: ContextoActa, motivo: string, rol: RolDecision): Decision {
  const devoluciones = estado.devoluciones + 1;
  // A coordinador's return is the way out of ESCALADA, so it never escalates again.
  if (rol === 'verificador' && devoluciones > contexto.politica.maxDevoluciones) {
    const escalamiento: EscalamientoActa = { usuario: c.usuario, fechaHora: c.fechaHora, motivo, devoluciones };
    const b = new Borrador({ ...estado, devoluciones, escalamiento });
    b.emitir('ACTA_ESCALADA', 'ESCALADA', c.usuario, c.fechaHora, {
      ronda: estado.ronda,
      motivo,
      devoluciones,
      maxDevoluciones: contexto.politica.maxDevoluciones,
      discrepancias: estado.discrepancias,
    });
    return b.resultado();
  }
  const cerrada: RondaCerrada = {
    ronda: estado.ronda,
    capturas: estado.capturas,
    modoVerificacion: estado.modoVerificacion,
    discrepancias: estado.discrepancias,
    escalamiento: estado.escalamiento,
    devolucion: { usuario: c.usuario, fechaHora: c.fechaHora, motivo, rol },
  };
  const b = new Borrador({
    ...estado,
    historial: [...estado.historial, cerrada],
    ronda: estado.ronda + 1,
    capturas: [],
    modoVerificacion: null,
    discrepancias: [],
    escalamiento: null,
    devoluciones,
    fechaHoraCaptura: null,
  });
  b.emitir('ACTA_DEVUELTA', 'EN_CAPTURA', c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    rondaNueva: estado.ronda + 1,
    rol,
    motivo,
    devoluciones,
    discrepancias: estado.discrepancias,
  });
  return b.resultado();
}

function verificarYPublicar(
  estado: EstadoActa,
  c: ComandoVerificacion,
  contexto: ContextoActa,
  campos: readonly string[],
  rol: RolDecision,
  motivo: string | null,
  valores: Captura,
): Decision {
  if (!contexto.casilla) {
    throw new Error('ContextoActa sin casilla: el workflow debe pasar lista nominal y representantes para publicar.');
  }
  const base = estado.capturas[0].valores;
  const datos: Captura = {};
  for (const campo of campos) datos[campo] = tiene(valores, campo) ? valores[campo] : base[campo];
  // In ESCALADA the coordinador sends every field: only those that change capture 1 are corrections.
  const camposCorregidos = campos.filter((k) => tiene(valores, k) && (rol === 'verificador' || valores[k] !== base[k]));
  const valoresCorregidos: Captura = {};
  const valoresAnteriores: Captura = {};
  for (const k of camposCorregidos) {
    valoresCorregidos[k] = datos[k];
    valoresAnteriores[k] = base[k];
  }
  const decision = c.decision === 'CONFIRMAR' ? 'CONFIRMAR' : 'CORREGIR';
  const modo = estado.modoVerificacion ?? 'confirmacion';
  const verificacion: VerificacionActa = {
    usuario: c.usuario,
    fechaHora: c.fechaHora,
    rol,
    decision,
    modo,
    motivo,
    camposCorregidos,
    valoresCorregidos,
    valoresAnteriores,
  };
  const b = new Borrador({ ...estado, verificacion, fechaHoraVerificacion: c.fechaHora });
  b.emitir('ACTA_VERIFICADA', estado.fase, c.usuario, c.fechaHora, {
    ronda: estado.ronda,
    modo,
    rol,
    decision,
    motivo,
    discrepancias: estado.discrepancias,
    camposCorregidos,
    valoresCorregidos,
    valoresAnteriores,
  });
  const r = calcularResultado({ captura: datos, columnasVoto: contexto.columnasVoto, casilla: contexto.casilla, politica: contexto.politica });
  publicar(b, c.usuario, c.fechaHora, contexto, {
    datos,
    totalVotosCalculado: r.totalVotosCalculado,
    observaciones: r.observaciones,
    contabilizada: r.contabilizada,
  });
  return b.resultado();
}
