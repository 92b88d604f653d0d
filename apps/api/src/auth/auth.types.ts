import type { Rol } from '@prep/persistence';

/** The person behind a request, as established by the JWT guard. */
export interface UsuarioAutenticado {
  id: string;
  nombreUsuario: string;
  roles: Rol[];
  /** CATD the person works in; null for central roles. */
  catd: string | null;
}
