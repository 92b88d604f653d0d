import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { rechazoCatdDesconocido } from '@prep/domain';
import { Rol, Usuario } from '@prep/persistence';
import { CatalogoService } from '../catalogo/catalogo.service';
import { ApiError } from '../common/api-error';
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

/**
 * Staff accounts. Every method works on its own fork of the EntityManager, so it can be called
 * from HTTP handlers, from tests outside any request, and from the CLI with a bare MikroORM.
 */
@Injectable()
export class UsuariosService {
  /** Read once, so a bad BCRYPT_COST stops the process at start-up instead of at the first account. */
  readonly costo = costoBcrypt();

  constructor(
    private readonly em: EntityManager,
    private readonly catalogo: CatalogoService,
  ) {}

  async crear(datos: NuevoUsuario): Promise<UsuarioPublico> {
    const r = validarNuevoUsuario(datos);
    if (!r.ok) {
      const resumen = r.errores.map((e) => `${e.campo}: ${e.mensajes.join('; ')}`).join(' | ');
      throw new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', `Datos no válidos — ${resumen}`, r.errores);
    }
    await this.exigirCatdDelCatalogo(r.datos.catd);
    const { contrasena, ...resto } = r.datos;
    const em = this.em.fork();
    const usuario = em.create(Usuario, { id: randomUUID(), ...resto, passwordHash: await hashContrasena(contrasena, this.costo) });
    try {
      // The unique constraint decides, so two simultaneous requests cannot both succeed.
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'USUARIO_DUPLICADO',
          `Ya existe un usuario con el nombre '${resto.nombreUsuario}'; elija otro nombre de usuario`,
        );
      }
      throw err;
    }
    return aUsuarioPublico(usuario);
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
    if (r) throw new ApiError(r.status, r.codigo, r.mensaje, [{ campo: 'catd', mensajes: [r.mensaje] }]);
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

  /** Idempotent: deactivating an inactive account returns it unchanged. Tokens already issued stop working at once. */
  async desactivar(id: string): Promise<UsuarioPublico> {
    const em = this.em.fork();
    const usuario = await em.findOne(Usuario, { id });
    if (!usuario) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'USUARIO_NO_ENCONTRADO', `No existe un usuario con id ${id}; consulte GET /usuarios`);
    }
    usuario.activo = false;
    await em.flush();
    return aUsuarioPublico(usuario);
  }
}
