/** Decisions on images. */
import { OBSERVACION } from './resultado';
import type { Fase, ComandoDigitalizacion, ContextoActa, ImagenActa, EstadoActa } from './acta-tipos';
import { Borrador, no, publicar, RE_SHA256, textoNoVacio, type Decision } from './acta-decision-base';

// ─── DIGITALIZACION ───────────────────────────────────────────────────────────────────────────

export function decidirDigitalizacion(estado: EstadoActa, c: ComandoDigitalizacion, contexto: ContextoActa): Decision {
  if (typeof c.sha256 !== 'string' || !RE_SHA256.test(c.sha256)) {
    return no('SHA256_INVALIDO', 'El código de integridad debe ser el SHA-256 de la imagen: 64 caracteres hexadecimales.', 422);
  }
  if (c.origen !== 'CATD' && c.origen !== 'CASILLA') {
    return no('ORIGEN_INVALIDO', `El origen ${JSON.stringify(c.origen)} no es válido: use CATD o CASILLA.`, 422);
  }
  if (c.medio !== 'ESCANER' && c.medio !== 'MOVIL') {
    return no('MEDIO_INVALIDO', `El medio ${JSON.stringify(c.medio)} no es válido: use ESCANER o MOVIL.`, 422);
  }
  if (c.origen === 'CASILLA' && c.medio !== 'MOVIL') {
    return no('MEDIO_INVALIDO', 'Las fotos de PREP Casilla se toman con el teléfono: use medio MOVIL con origen CASILLA.', 422);
  }
  // Bound like acopio: a scan at a CATD is of a paquete that CATD received, so staff of another
  // CATD cannot add (and, being first, publish) an image of this acta.
  if (c.origen === 'CATD' && c.catd !== estado.catd) {
    return no(
      'FUERA_DE_SU_CATD',
      `El acta ${estado.claveActa} fue acopiada en el CATD ${estado.catd}; solo el personal de ese CATD puede digitalizarla (su CATD: ${textoNoVacio(c.catd) ? c.catd : 'ninguno'}).`,
      403,
    );
  }
  for (const campo of ['ancho', 'alto', 'paginas'] as const) {
    const v = c[campo];
    if (v != null && !(Number.isInteger(v) && v > 0)) {
      return no('DIMENSIONES_INVALIDAS', `${campo} debe ser un entero positivo o null (se recibió ${JSON.stringify(v)}).`, 422);
    }
  }
  if (!textoNoVacio(c.ruta)) return no('RUTA_REQUERIDA', 'Falta la ruta donde quedó guardada la imagen.', 422);
  if (c.tipoDocumento != null && typeof c.tipoDocumento !== 'string') {
    return no('TIPO_DOCUMENTO_INVALIDO', 'El tipo de documento debe ser texto.', 422);
  }
  if (c.completa != null && typeof c.completa !== 'boolean') {
    return no('COMPLETA_INVALIDA', 'El indicador "completa" debe ser true o false.', 422);
  }
  const sha256 = c.sha256.toLowerCase();
  const previa = estado.imagenes.find((i) => i.sha256 === sha256);
  if (previa) {
    return no(
      'IMAGEN_DUPLICADA',
      `Esta imagen ya está registrada para el acta ${estado.claveActa} (recibida el ${previa.fechaHora} por ${previa.usuario}); no hace falta enviarla de nuevo.`,
      409,
    );
  }
  const imagen: ImagenActa = {
    sha256,
    origen: c.origen,
    medio: c.medio,
    tipoDocumento: c.tipoDocumento ?? null,
    ruta: c.ruta,
    completa: c.completa ?? true,
    ancho: c.ancho ?? null,
    alto: c.alto ?? null,
    paginas: c.paginas ?? null,
    usuario: c.usuario,
    fechaHora: c.fechaHora,
  };
  const abreCaptura = estado.fase === 'ACOPIADA' && imagen.completa;
  const faseNueva: Fase = abreCaptura && !estado.fueraDeCatalogo ? 'EN_CAPTURA' : estado.fase;
  const primera = estado.secuencia === 0; // a PREP Casilla photo before the acopio: the acta starts here
  const b = new Borrador({ ...estado, imagenes: [...estado.imagenes, imagen] });
  b.emitir('IMAGEN_DIGITALIZADA', faseNueva, c.usuario, c.fechaHora, {
    sha256,
    origen: imagen.origen,
    medio: imagen.medio,
    tipoDocumento: imagen.tipoDocumento,
    ruta: imagen.ruta,
    completa: imagen.completa,
    ancho: imagen.ancho,
    alto: imagen.alto,
    paginas: imagen.paginas,
    numeroImagen: estado.imagenes.length + 1,
    ...(primera ? { catdCatalogo: estado.catd } : {}),
  });
  if (abreCaptura && estado.fueraDeCatalogo) {
    // Its columns are unknown, so it cannot be captured: it is published as is (CONTABILIZADA 2).
    publicar(b, c.usuario, c.fechaHora, contexto, {
      datos: null,
      totalVotosCalculado: null,
      observaciones: [OBSERVACION.FUERA_DE_CATALOGO],
      contabilizada: 2,
    });
  }
  return b.resultado();
}
