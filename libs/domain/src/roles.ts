/** Role names the API puts in contexto.rolesUsuario, for the few decisions the domain takes by role. */

/** May decide escalated actas and correct the CATD of an acta of their own CATD. */
export const ROL_COORDINADOR = 'coordinador';
/** Operation staff (Temporal UI, resets) and administradores act across every CATD. */
export const ROLES_OPERACION: readonly string[] = ['operador', 'administrador'];
