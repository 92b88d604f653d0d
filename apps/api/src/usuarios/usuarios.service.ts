import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Cuentas, type UsuarioPublico } from '@prep/cuentas';
import { CatalogoService } from '../catalogo/catalogo.service';
import { BitacoraPersonalService } from '../ledger/bitacora-personal.service';
import { TareasService } from '../tareas/tareas.service';

export { aUsuarioPublico, type UsuarioPublico } from '@prep/cuentas';

/**
 * Staff accounts for the API: libs/cuentas (the same code as `npm run usuarios`) over the API's
 * EntityManager, ledger connection and catálogo. Deactivation also hands the person's tasks back.
 */
@Injectable()
export class UsuariosService extends Cuentas {
  constructor(
    em: EntityManager,
    catalogo: CatalogoService,
    bitacora: BitacoraPersonalService,
    private readonly tareas: TareasService,
  ) {
    super(em, bitacora, catalogo);
  }

  override async desactivar(id: string, por: string): Promise<UsuarioPublico> {
    const desactivado = await super.desactivar(id, por);
    // After the account is inactive (no new claims pass the guard), its claims go back to the queue now.
    await this.tareas.liberarDeUsuario(desactivado.nombreUsuario, 'USUARIO_DESACTIVADO', por);
    return desactivado;
  }
}
