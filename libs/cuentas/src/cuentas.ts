import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import type { RegistroAcciones } from '@prep/audit';
import { DomainError, rechazo, rechazoCatdDesconocido } from '@prep/domain';
import { Rol, Usuario } from '@prep/persistence';
import { costoBcrypt, hashContrasena, NuevoUsuario, validarNuevoUsuario } from './usuario-reglas';

/** What the API and the CLI show of an account: everything except the password hash. */
export interface UsuarioPublico {
  id: string;
  nombreUsuario: string;
  nombreCompleto: string;
  roles: Rol[];
  catd: string | null;
  activo: boolean;
  creadoEn: string;
}

export function aUsuarioPublico(u: Usuario): UsuarioPublico {
  return {
    id: u.id,
    nombreUsuario: u.nombreUsuario,
    nombreCompleto: u.nombreCompleto,
    roles: [...u.roles],
    catd: u.catd ?? null,
    activo: u.activo,
    creadoEn: u.creadoEn.toISOString(),
  };
}

/** The CATD of the catálogo in force, or null before any load (CatalogoVigente satisfies it). */
export interface CatdsVigentes {
  catds(): Promise<string[] | null>;
}

/**
 * Staff accounts: the one implementation behind POST /usuarios and `npm run usuarios`. Each change
 * and its bitácora record (USUARIO_CREADO, USUARIO_DESACTIVADO) are one transaction: the record is
 * written before commit, so if immudb does not answer the account is not created or changed
 * (BitacoraNoDisponibleError). Every method works on its own fork of the EntityManager, so it runs
 * in HTTP handlers, in tests and in the CLI on a bare MikroORM alike.
 */
export class Cuentas {
  constructor(
    private readonly em: EntityManager,
    private readonly bitacoraPersonal: RegistroAcciones,
    private readonly catalogo: CatdsVigentes,
    /** Read once, so a bad BCRYPT_COST stops the process at start-up instead of at the first account. */
    readonly costo = costoBcrypt(),
  ) {}

  /** `por` is who creates it (the administrador's name, or `cli:<user>`), as the bitácora names them. */
  async crear(datos: NuevoUsuario, por: string): Promise<UsuarioPublico> {
    const r = validarNuevoUsuario(datos);
    if (!r.ok) {
      const resumen = r.errores.map((e) => `${e.campo}: ${e.mensajes.join('; ')}`).join(' | ');
      throw new DomainError(rechazo('ENTRADA_INVALIDA', `Datos no válidos — ${resumen}`, 400), r.errores);
    }
    await this.exigirCatdDelCatalogo(r.datos.catd);
    const { contrasena, ...resto } = r.datos;
    const passwordHash = await hashContrasena(contrasena, this.costo);
    try {
      return await this.em.fork().transactional(async (tx) => {
        const usuario = tx.create(Usuario, { id: randomUUID(), ...resto, passwordHash });
        // The unique constraint decides, so two simultaneous requests cannot both succeed.
        await tx.flush();
        await this.bitacoraPersonal.registrar('USUARIO_CREADO', por, {
          nombreUsuario: usuario.nombreUsuario,
          roles: [...usuario.roles],
          catd: usuario.catd ?? null,
        });
        return aUsuarioPublico(usuario);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new DomainError(rechazo('USUARIO_DUPLICADO', `Ya existe un usuario con el nombre '${resto.nombreUsuario}'; elija otro nombre de usuario`, 409));
      }
      throw err;
    }
  }

  /**
   * Once a catálogo is loaded an account's CATD must be one of its CATD: an account in a CATD
   * that does not exist could never see or take any acta. Before the load any id is accepted
   * (accounts are usually created first).
   */
  private async exigirCatdDelCatalogo(catd: string | null): Promise<void> {
    if (!catd) return;
    const catds = await this.catalogo.catds();
    const r = catds && rechazoCatdDesconocido(catd, catds);
    if (r) throw new DomainError(r, [{ campo: 'catd', mensajes: [r.mensaje] }]);
  }

  /** The full entity (with hash) for authentication; never send it to a client as is. */
  buscarPorNombre(nombreUsuario: string): Promise<Usuario | null> {
    return this.em.fork().findOne(Usuario, { nombreUsuario });
  }

  async listar(filtro: { catd?: string | null } = {}): Promise<UsuarioPublico[]> {
    const where = filtro.catd ? { catd: filtro.catd } : {};
    const usuarios = await this.em.fork().find(Usuario, where, { orderBy: { nombreUsuario: 'asc' } });
    return usuarios.map(aUsuarioPublico);
  }

  /**
   * Idempotent: deactivating an inactive account returns it unchanged (and records the request
   * again). Tokens already issued stop working at once.
   */
  async desactivar(id: string, por: string): Promise<UsuarioPublico> {
    return this.em.fork().transactional(async (tx) => {
      const usuario = await tx.findOne(Usuario, { id });
      if (!usuario) {
        throw new DomainError(rechazo('USUARIO_NO_ENCONTRADO', `No existe un usuario con id ${id}; consulte GET /usuarios`, 404));
      }
      usuario.activo = false;
      await tx.flush();
      await this.bitacoraPersonal.registrar('USUARIO_DESACTIVADO', por, { nombreUsuario: usuario.nombreUsuario });
      const desactivado = aUsuarioPublico(usuario);
      await this.alDesactivar(tx, desactivado, por);
      return desactivado;
    });
  }

  /**
   * What else a deactivation does, in its transaction (the API hands the person's tasks back to the
   * queue). Nothing here: the CLI has no tasks to release.
   */
  protected async alDesactivar(_tx: EntityManager, _usuario: UsuarioPublico, _por: string): Promise<void> {}
}
