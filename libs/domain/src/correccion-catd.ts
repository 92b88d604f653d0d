/**
 * Correcting the CATD of an acopio: the way back when an acta was registered in a CATD that is not
 * the catálogo's (a mistyped clave before acopio was bound to the CATD, or an acopio the policy
 * allowed elsewhere). The acopio record itself stays as it happened; the acta moves.
 */
import { leerMotivo } from './acopio';
import { rechazo, type RechazoDominio } from './errores';
import type { PoliticaPrep } from './politica';
import { ROL_COORDINADOR, ROLES_OPERACION } from './roles';

export interface ComandoCorreccionCatd {
  tipo: 'CORRECCION_CATD';
  usuario: string;
  fechaHora: string;
  /** The CATD the acta moves to (the API has checked that the catálogo has it). */
  catd: string;
  motivo: string;
  /** Facts from the API: the catálogo's CATD of this acta (null: fuera de catálogo)… */
  catdCatalogo: string | null;
  /** …and the CATD of the user who asks (null for operation roles without one). */
  catdUsuario: string | null;
}

/** One correction, as kept in EstadoActa.correccionesCatd and in the ACOPIO_CORREGIDO event. */
export interface CorreccionCatd {
  usuario: string;
  fechaHora: string;
  catdAnterior: string;
  catdNuevo: string;
  motivo: string;
  catdCatalogo: string | null;
}

/**
 * Who may move an acta, and where to: the coordinador of the catálogo's CATD may bring the acta to
 * their CATD; an operador or administrador may move it to the catálogo's CATD, or, when the policy
 * accepts acopio in another CATD (or the acta is fuera de catálogo), to any CATD. Always with a motivo.
 */
export function decidirCorreccionCatd(
  actual: { claveActa: string; catd: string },
  c: ComandoCorreccionCatd,
  politica: PoliticaPrep,
  rolesUsuario: readonly string[],
): RechazoDominio | CorreccionCatd {
  if (typeof c.catd !== 'string' || !c.catd.trim()) return rechazo('CATD_REQUERIDO', 'Indique el CATD al que se mueve el acta.', 422);
  const motivo = leerMotivo(c.motivo);
  if (motivo !== null && typeof motivo === 'object') return motivo;
  if (!motivo) return rechazo('MOTIVO_REQUERIDO', 'Indique el motivo de la corrección del CATD del acta.', 422);
  const catd = c.catd.trim();
  if (catd === actual.catd) return rechazo('CATD_SIN_CAMBIO', `El acta ${actual.claveActa} ya está en el CATD ${catd}; no hay nada que corregir.`, 409);

  const operacion = rolesUsuario.some((r) => ROLES_OPERACION.includes(r));
  const { catdCatalogo } = c;
  if (catdCatalogo !== null && catd === catdCatalogo) {
    const coordinadorDelCatd = rolesUsuario.includes(ROL_COORDINADOR) && c.catdUsuario === catdCatalogo;
    if (!operacion && !coordinadorDelCatd) {
      return rechazo(
        'CORRECCION_NO_PERMITIDA',
        `Solo el coordinador del CATD ${catdCatalogo} (al que corresponde el acta ${actual.claveActa} según el catálogo), un operador o un administrador pueden corregir su CATD.`,
        403,
      );
    }
  } else if (catdCatalogo !== null && politica.acopioEnOtroCatd !== 'permitir_con_motivo') {
    return rechazo(
      'CATD_NO_CORRESPONDE',
      `Según el catálogo, el acta ${actual.claveActa} corresponde al CATD ${catdCatalogo}: solo puede corregirse hacia ese CATD.`,
      422,
    );
  } else if (!operacion) {
    const porque = catdCatalogo === null ? 'está fuera de catálogo' : `corresponde al CATD ${catdCatalogo} según el catálogo`;
    return rechazo('CORRECCION_NO_PERMITIDA', `El acta ${actual.claveActa} ${porque}: solo un operador o un administrador puede moverla al CATD ${catd}.`, 403);
  }
  return { usuario: c.usuario, fechaHora: c.fechaHora, catdAnterior: actual.catd, catdNuevo: catd, motivo, catdCatalogo };
}
