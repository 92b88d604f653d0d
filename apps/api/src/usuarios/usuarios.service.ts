import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Cuentas, type UsuarioPublico } from '@prep/cuentas';
import { CatalogoService } from '../catalogo/catalogo.service';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';
import { TareasService } from '../tareas/tareas.service';

export { aUsuarioPublico, type UsuarioPublico } from '@prep/cuentas';

/**
 * Staff accounts for the API: libs/cuentas (the same code as `npm run usuarios`) over the API's
 * EntityManager, bitácora connection and catálogo. Deactivation also hands the person's tasks back.
 */
@Injectable()
export class UsuariosService extends Cuentas {
  constructor(
    em: EntityManager,
    catalogo: CatalogoService,
    bitacoraPersonal: BitacoraPersonalService,
    private readonly tareas: TareasService,
  ) {
    super(em, bitacoraPersonal, catalogo);
  }

  /**
   * The person's claims go back to the queue now, in the deactivation's transaction: a claim waiting
   * on the person's lock then reads the account as inactive; one that got in first is released here.
   */
  protected override async alDesactivar(tx: EntityManager, usuario: UsuarioPublico, por: string): Promise<void> {
    await this.tareas.liberarDeUsuario(usuario.nombreUsuario, 'USUARIO_DESACTIVADO', por, tx);
  }
}
