import { HttpStatus } from '@nestjs/common';
import type { OrigenImagen } from '@prep/domain';
import type { UsuarioAutenticado } from '../../auth/auth.types';
import { ApiError } from '../../common/api-error';

/**
 * Which images an account may send (the API vouches for the sender; the acta's workflow then
 * checks the CATD): a `digitalizador` sends CATD scans, stamped with its CATD; a `prep_casilla`
 * device account sends casilla photos and belongs to no CATD. Returns the CATD for the command.
 */
export function catdDelRemitente(usuario: Pick<UsuarioAutenticado, 'roles' | 'catd'>, origen: OrigenImagen): string | null {
  if (origen === 'CASILLA') {
    if (usuario.roles.includes('prep_casilla')) return null;
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'SOLO_PREP_CASILLA',
      'Las fotos de casilla (origen CASILLA) solo las envía la aplicación PREP Casilla con su cuenta de dispositivo; en el CATD envíe el escaneo con origen CATD.',
    );
  }
  if (!usuario.roles.includes('digitalizador')) {
    throw new ApiError(HttpStatus.FORBIDDEN, 'SOLO_DIGITALIZADOR', 'Una cuenta de PREP Casilla solo envía fotos de casilla: use origen CASILLA y medio MOVIL.');
  }
  if (!usuario.catd) {
    throw new ApiError(HttpStatus.FORBIDDEN, 'SIN_CATD', 'Su usuario no tiene CATD asignado; pida al administrador que lo asigne.');
  }
  return usuario.catd;
}
