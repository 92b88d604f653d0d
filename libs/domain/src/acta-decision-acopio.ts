/** Decisions on how an acta begins or ends without a count: acopio, a photo before it, SIN ACTA, CATD corrections. */
import { decidirCatdDeAcopio, rechazoFechaAcopio } from './acopio';
import { validarClaveActa } from './clave';
import { decidirCorreccionCatd, type ComandoCorreccionCatd } from './correccion-catd';
import { DEFAULT_POLITICA_PREP, type PoliticaPrep } from './politica';
import { sinActa } from './resultado';
import type {
  ComandoAcopio,
  ComandoDigitalizacion,
  ComandoSinActa,
  ComandoActa,
  ContextoActa,
  AcopioActa,
  ResultadoActa,
  EstadoActa,
  RechazoActa,
} from './acta-tipos';
import { MOTIVO_SIN_ACTA_MAX_CARACTERES } from './acta-tipos';
import { Borrador, no, textoNoVacio, type Decision } from './acta-decision-base';
import { decidirDigitalizacion } from './acta-decision-digitalizacion';

// ─── ACOPIO ───────────────────────────────────────────────────────────────────────────────────

// ─── PRE_ACOPIO (DOMAIN.md "Digitalización": a PREP Casilla photo may come first) ─────────────

export function fotoAntesDeAcopio(c: ComandoDigitalizacion, contexto: ContextoActa): Decision {
  if (!textoNoVacio(c.catdCatalogo)) {
    return no(
      'ACTA_NO_ACOPIADA',
      'El acta no está en el catálogo y no ha sido acopiada: una foto de PREP Casilla solo se recibe antes del acopio para un acta esperada.',
      409,
    );
  }
  const claveActa = typeof c.claveActa === 'string' ? c.claveActa : '';
  const errClave = validarClaveActa(claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  const vacio = estadoSinAcopio(claveActa, c.catdCatalogo, c.fechaHora);

  return decidirDigitalizacion(vacio, c, contexto);
}

/** Before the acopio only the acopio itself, more PREP Casilla photos or the cierre's SIN ACTA apply. */
export function decidirPreAcopio(estado: EstadoActa, c: ComandoActa, contexto: ContextoActa): Decision {
  switch (c.tipo) {
    case 'ACOPIO':
      if (c.claveActa !== estado.claveActa) return no('COMANDO_INVALIDO', `El comando es del acta ${c.claveActa}, no de ${estado.claveActa}.`, 422);
      return decidirAcopio(c, contexto?.politica ?? DEFAULT_POLITICA_PREP, estado);
    case 'SIN_ACTA':
      if (c.claveActa !== estado.claveActa) return no('COMANDO_INVALIDO', `El comando es del acta ${c.claveActa}, no de ${estado.claveActa}.`, 422);
      return decidirSinActa(c, estado);
    case 'DIGITALIZACION':
      if (c.origen === 'CASILLA') return decidirDigitalizacion(estado, c, contexto);
      break;
  }
  return no('ACTA_NO_ACOPIADA', `El acta ${estado.claveActa} solo tiene fotos de PREP Casilla: regístrela primero en acopio.`, 409);
}

export function decidirAcopio(c: ComandoAcopio, politica: PoliticaPrep, previo: EstadoActa | null): Decision {
  const errClave = validarClaveActa(c.claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  if (!textoNoVacio(c.catd)) return no('CATD_REQUERIDO', 'Indique el CATD donde se recibe el acta.', 422);
  if (!textoNoVacio(c.mecanismoTraslado)) {
    return no('MECANISMO_TRASLADO_REQUERIDO', 'Indique el mecanismo de traslado con el que llegó el acta.', 422);
  }
  if (typeof c.fueraDeCatalogo !== 'boolean') {
    return no('FUERA_DE_CATALOGO_REQUERIDO', 'Falta indicar si el acta está fuera de catálogo (true o false).', 422);
  }
  if (c.fueraDeCatalogo && c.catdCatalogo != null) {
    return no('COMANDO_INVALIDO', 'Un acta fuera de catálogo no tiene CATD en el catálogo.', 422);
  }
  const fecha = rechazoFechaAcopio(c.fechaHora, c.recibidaEn, politica);
  if (fecha) return fecha;
  const lugar = decidirCatdDeAcopio(c, politica);
  if ('codigo' in lugar) return lugar;
  const { otroCatd } = lugar;
  const acopio: AcopioActa = {
    usuario: c.usuario,
    fechaHora: c.fechaHora,
    catd: c.catd,
    mecanismoTraslado: c.mecanismoTraslado,
    otroCatd,
  };
  const inicial = estadoAcopiado(c.claveActa, acopio, c.fueraDeCatalogo);
  // After PREP Casilla photos: they stay, and a complete one opens capture at once.
  const fotos = previo?.imagenes ?? [];
  const abreCaptura = fotos.some((i) => i.completa) && !c.fueraDeCatalogo;
  const b = new Borrador(previo ? { ...inicial, imagenes: fotos, fase: previo.fase, secuencia: previo.secuencia } : inicial);
  b.emitir('ACTA_ACOPIADA', abreCaptura ? 'EN_CAPTURA' : 'ACOPIADA', c.usuario, c.fechaHora, {
    catd: c.catd,
    mecanismoTraslado: c.mecanismoTraslado,
    fueraDeCatalogo: c.fueraDeCatalogo,
    // Only when it applies, so the entry of an ordinary acopio keeps its original shape.
    ...(otroCatd ? { otroCatd } : {}),
  });
  return b.resultado();
}

/** An acta just acopiada, nothing else yet: the state the acopio (and the fold's replay of it) starts from. */
export function estadoAcopiado(claveActa: string, acopio: AcopioActa, fueraDeCatalogo: boolean): EstadoActa {
  return { ...estadoSinAcopio(claveActa, acopio.catd, acopio.fechaHora), fase: 'ACOPIADA', fueraDeCatalogo, acopio, fechaHoraAcopio: acopio.fechaHora };
}

/**
 * An acta with no acopio yet (PRE_ACOPIO) and nothing else: the base of an acta whose first event
 * is a PREP Casilla photo or a SIN ACTA. The fold (acta-reconstruccion.ts) builds on it too.
 */
export function estadoSinAcopio(claveActa: string, catd: string, fechaHora: string): EstadoActa {
  return {
    claveActa,
    catd,
    fase: 'PRE_ACOPIO',
    fueraDeCatalogo: false,
    acopio: null,
    imagenes: [],
    ronda: 1,
    capturas: [],
    modoVerificacion: null,
    discrepancias: [],
    historial: [],
    devoluciones: 0,
    escalamiento: null,
    capturistas: [],
    verificacion: null,
    resultado: null,
    fechaHoraAcopio: null,
    fechaHoraCaptura: null,
    fechaHoraVerificacion: null,
    fechaHoraPublicacion: null,
    fechaHoraUltimoCambio: fechaHora,
    secuencia: 0,
    correccionesCatd: [],
  };
}

// ─── SIN ACTA ─────────────────────────────────────────────────────────────────────────────────

/** Every later action on an acta published SIN ACTA: the operation closed it. */
export function cerradaSinActa(estado: EstadoActa): RechazoActa {
  return no(
    'ACTA_CERRADA',
    `El acta ${estado.claveActa} se publicó como SIN ACTA (${estado.resultado?.observaciones.join(', ') ?? ''}) al cierre de la operación; ya no admite acciones.`,
    409,
  );
}

export function decidirSinActa(c: ComandoSinActa, previo: EstadoActa | null): Decision {
  const errClave = validarClaveActa(c.claveActa);
  if (errClave.length) return no('CLAVE_INVALIDA', errClave.join(' '), 422);
  if (!textoNoVacio(c.catd)) return no('CATD_REQUERIDO', 'Indique el CATD del catálogo que debía recibir el acta.', 422);
  if (!textoNoVacio(c.motivo)) return no('MOTIVO_REQUERIDO', 'Indique el motivo por el que el acta no llegó.', 422);
  const motivo = c.motivo.trim().toUpperCase();
  if (motivo.length > MOTIVO_SIN_ACTA_MAX_CARACTERES) {
    return no('MOTIVO_DEMASIADO_LARGO', `El motivo de un SIN ACTA admite hasta ${MOTIVO_SIN_ACTA_MAX_CARACTERES} caracteres; resúmalo.`, 422);
  }
  const resultado: ResultadoActa = { datos: null, totalVotosCalculado: null, observaciones: [sinActa(motivo)], contabilizada: 0, imagenSha256: null };
  const inicial: EstadoActa = { ...estadoSinAcopio(c.claveActa, c.catd, c.fechaHora), fase: 'SIN_ACTA', resultado, fechaHoraPublicacion: c.fechaHora };

  // A clave with only PREP Casilla photos keeps them (they stay in the bitácora); none is published.
  const b = new Borrador(previo ? { ...inicial, imagenes: previo.imagenes, fase: previo.fase, secuencia: previo.secuencia } : inicial);
  b.emitir('ACTA_SIN_ACTA', 'SIN_ACTA', c.usuario, c.fechaHora, {
    catd: c.catd,
    motivo,
    observaciones: resultado.observaciones,
    contabilizada: 0,
  });
  return b.resultado();
}

export function corregirCatd(estado: EstadoActa, c: ComandoCorreccionCatd, contexto: ContextoActa): Decision {
  const r = decidirCorreccionCatd(estado, c, contexto.politica, contexto.rolesUsuario ?? []);
  if ('codigo' in r) return r;
  const b = new Borrador({ ...estado, catd: r.catdNuevo, correccionesCatd: [...estado.correccionesCatd, r] });
  b.emitir('ACOPIO_CORREGIDO', estado.fase, c.usuario, c.fechaHora, {
    catdAnterior: r.catdAnterior,
    catdNuevo: r.catdNuevo,
    motivo: r.motivo,
    catdCatalogo: r.catdCatalogo,
  });
  return b.resultado();
}
