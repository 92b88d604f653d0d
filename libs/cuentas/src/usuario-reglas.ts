import { compare, hash } from 'bcryptjs';
import { ROLES, Rol } from '@prep/persistence';

/**
 * The rules a PREP account must satisfy and how its password is hashed. Pure (no Nest, no
 * database) so the API service and the `usuarios` CLI apply exactly the same checks.
 */

export const NOMBRE_USUARIO_RE = /^[a-z0-9._-]{3,64}$/;
export const CATD_RE = /^[A-Za-z0-9_-]{1,16}$/;
export const NOMBRE_COMPLETO_MAX = 200;
export const CONTRASENA_MIN = 10;
/** bcrypt only looks at the first 72 bytes; longer passwords are refused so nobody relies on a tail that is ignored. */
export const CONTRASENA_MAX_BYTES = 72;

/** The account of a PREP Casilla capture device: only sends acta photos, never combined with a person's roles. */
export const ROL_DISPOSITIVO_CASILLA: Rol = 'prep_casilla';

/** Roles whose work happens inside one CATD, so the account must say which. */
export const ROLES_CON_CATD: readonly Rol[] = ['acopiador', 'digitalizador', 'capturista', 'verificador', 'coordinador'];

export interface NuevoUsuario {
  nombreUsuario: string;
  nombreCompleto: string;
  contrasena: string;
  roles: Rol[];
  catd?: string | null;
}

export interface ErrorDeCampo {
  campo: string;
  mensajes: string[];
}

export type ResultadoValidacion = { ok: true; datos: Required<NuevoUsuario> } | { ok: false; errores: ErrorDeCampo[] };

export function requiereCatd(roles: readonly Rol[]): boolean {
  return roles.some((r) => ROLES_CON_CATD.includes(r));
}

const esTexto = (v: unknown): v is string => typeof v === 'string';

/**
 * Checks a new account and returns it normalised (trimmed name and CATD, roles without
 * repetition, catd null when absent). Input is typed loosely on purpose: the CLI passes
 * whatever the operator typed.
 */
export function validarNuevoUsuario(datos: NuevoUsuario): ResultadoValidacion {
  const errores: ErrorDeCampo[] = [];
  const error = (campo: string, mensaje: string) => {
    const previo = errores.find((e) => e.campo === campo);
    if (previo) previo.mensajes.push(mensaje);
    else errores.push({ campo, mensajes: [mensaje] });
  };

  const { nombreUsuario, contrasena } = datos;
  if (!esTexto(nombreUsuario) || !NOMBRE_USUARIO_RE.test(nombreUsuario)) {
    error('nombreUsuario', 'nombreUsuario debe tener de 3 a 64 caracteres: minúsculas, dígitos, punto, guion o guion bajo');
  }

  const nombreCompleto = esTexto(datos.nombreCompleto) ? datos.nombreCompleto.trim() : '';
  if (!nombreCompleto) error('nombreCompleto', 'nombreCompleto es obligatorio');
  else if (nombreCompleto.length > NOMBRE_COMPLETO_MAX) error('nombreCompleto', `nombreCompleto admite a lo más ${NOMBRE_COMPLETO_MAX} caracteres`);

  if (!esTexto(contrasena)) {
    error('contrasena', 'contrasena es obligatoria');
  } else {
    if ([...contrasena].length < CONTRASENA_MIN) error('contrasena', `contrasena debe tener al menos ${CONTRASENA_MIN} caracteres`);
    if (Buffer.byteLength(contrasena, 'utf8') > CONTRASENA_MAX_BYTES) {
      error('contrasena', `contrasena admite a lo más ${CONTRASENA_MAX_BYTES} bytes (los acentos cuentan doble); use una más corta`);
    }
  }

  const roles = Array.isArray(datos.roles) ? [...new Set(datos.roles)] : [];
  const desconocidos = roles.filter((r) => !ROLES.includes(r));
  if (roles.length === 0) error('roles', `indique al menos un rol: ${ROLES.join(', ')}`);
  else if (desconocidos.length) error('roles', `rol desconocido: ${desconocidos.join(', ')}; use ${ROLES.join(', ')}`);
  else if (roles.includes(ROL_DISPOSITIVO_CASILLA) && roles.length > 1) {
    error(
      'roles',
      `${ROL_DISPOSITIVO_CASILLA} es la cuenta de un dispositivo de PREP Casilla y no se combina con otros roles; cree una cuenta aparte para la persona`,
    );
  }

  const catdTexto = esTexto(datos.catd) ? datos.catd.trim() : '';
  const catd = catdTexto || null;
  if (datos.catd != null && !esTexto(datos.catd)) error('catd', 'catd debe ser texto');
  else if (catd && !CATD_RE.test(catd)) error('catd', 'catd debe tener de 1 a 16 caracteres: letras, dígitos, guion o guion bajo');
  else if (!catd && desconocidos.length === 0 && requiereCatd(roles)) {
    const quienes = roles.filter((r) => ROLES_CON_CATD.includes(r));
    const para = quienes.length === 1 ? `el rol ${quienes[0]}` : `los roles ${quienes.join(', ')}`;
    error('catd', `catd es obligatorio para ${para}: indique el CATD donde trabaja la persona`);
  }

  if (errores.length) return { ok: false, errores };
  return { ok: true, datos: { nombreUsuario, nombreCompleto, contrasena, roles, catd } };
}

export const COSTO_BCRYPT_POR_OMISION = 12;
/** Below 10 a stolen hash is cheap to brute-force; tests may go down to bcrypt's own minimum. */
export const COSTO_BCRYPT_MIN = 10;
export const COSTO_BCRYPT_MIN_PRUEBAS = 4;
/** bcryptjs is pure JavaScript: at 15 one hash already takes seconds, so more would stall logins. */
export const COSTO_BCRYPT_MAX = 15;

/**
 * bcrypt cost from BCRYPT_COST. Read here rather than in @prep/config because only account code
 * needs it; a bad value is an error at start-up, never a silent fallback to a weak cost.
 */
export function costoBcrypt(env: NodeJS.ProcessEnv = process.env): number {
  const crudo = env.BCRYPT_COST?.trim();
  if (!crudo) return COSTO_BCRYPT_POR_OMISION;
  const minimo = env.NODE_ENV === 'test' ? COSTO_BCRYPT_MIN_PRUEBAS : COSTO_BCRYPT_MIN;
  const costo = Number(crudo);
  if (!Number.isInteger(costo) || costo < minimo || costo > COSTO_BCRYPT_MAX) {
    throw new Error(
      `Configuración no válida: BCRYPT_COST debe ser un entero de ${minimo} a ${COSTO_BCRYPT_MAX} (se recibió '${crudo}')` +
        (env.NODE_ENV === 'test' ? '' : `; valores menores a ${COSTO_BCRYPT_MIN} solo se permiten con NODE_ENV=test`),
    );
  }
  return costo;
}

export function hashContrasena(contrasena: string, costo: number): Promise<string> {
  return hash(contrasena, costo);
}

export function contrasenaCoincide(contrasena: string, hashGuardado: string): Promise<boolean> {
  return compare(contrasena, hashGuardado);
}
