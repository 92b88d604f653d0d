import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiError } from '../common/api-error';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { CrearUsuarioDto } from './dto/crear-usuario.dto';
import { ListarUsuariosQuery } from './dto/listar-usuarios.dto';
import { UsuarioPublicoDto } from './dto/usuario-publico.dto';
import { UsuarioPublico, UsuariosService } from './usuarios.service';
import { BitacoraPersonalService } from '../ledger/bitacora-personal.service';
import { TareasService } from '../tareas/tareas.service';

const idValido = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', 'id debe ser un UUID; tómelo de GET /usuarios'),
});

@ApiTags('usuarios')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'NO_AUTENTICADO: falta el token, no es válido o expiró' })
@ApiForbiddenResponse({ description: 'SIN_PERMISO: el rol no permite la acción' })
@Controller('usuarios')
export class UsuariosController {
  constructor(
    private readonly usuarios: UsuariosService,
    private readonly bitacora: BitacoraPersonalService,
    private readonly tareas: TareasService,
  ) {}

  @Post()
  @Roles('administrador')
  @ApiOperation({ summary: 'Crea una cuenta del personal PREP (solo administrador)' })
  @ApiCreatedResponse({ type: UsuarioPublicoDto })
  @ApiBadRequestResponse({ description: 'ENTRADA_INVALIDA: cada problema nombra su campo' })
  @ApiConflictResponse({ description: 'USUARIO_DUPLICADO: el nombre de usuario ya existe' })
  async crear(@Body() dto: CrearUsuarioDto, @UsuarioActual() yo: UsuarioAutenticado): Promise<UsuarioPublico> {
    const creado = await this.usuarios.crear({ ...dto, catd: dto.catd ?? null });
    await this.bitacora.registrar('USUARIO_CREADO', yo.nombreUsuario, { nombreUsuario: creado.nombreUsuario, roles: creado.roles, catd: creado.catd ?? null });
    return creado;
  }

  @Get()
  @Roles('administrador', 'coordinador')
  @ApiOperation({ summary: 'Lista cuentas: el administrador ve todas; el coordinador, solo las de su CATD' })
  @ApiOkResponse({ type: UsuarioPublicoDto, isArray: true })
  listar(@Query() query: ListarUsuariosQuery, @UsuarioActual() yo: UsuarioAutenticado): Promise<UsuarioPublico[]> {
    if (yo.roles.includes('administrador')) return this.usuarios.listar({ catd: query.catd });
    // Only a coordinador reaches here (RolesGuard): scope to their own CATD, never "everything".
    if (!yo.catd || (query.catd && query.catd !== yo.catd)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'SIN_PERMISO',
        yo.catd
          ? `Un coordinador solo puede ver los usuarios de su CATD (${yo.catd}); quite el filtro catd o use ${yo.catd}`
          : 'Su cuenta de coordinador no tiene CATD asignado; pida a un administrador que lo asigne',
      );
    }
    return this.usuarios.listar({ catd: yo.catd });
  }

  @Post(':id/desactivar')
  @HttpCode(HttpStatus.OK)
  @Roles('administrador')
  @ApiOperation({ summary: 'Desactiva una cuenta; sus tokens vigentes dejan de funcionar y sus tareas tomadas vuelven a la cola de inmediato' })
  @ApiOkResponse({ type: UsuarioPublicoDto })
  @ApiNotFoundResponse({ description: 'USUARIO_NO_ENCONTRADO' })
  @ApiConflictResponse({ description: 'NO_PUEDE_DESACTIVARSE: un administrador no puede desactivar su propia cuenta' })
  async desactivar(@Param('id', idValido) id: string, @UsuarioActual() yo: UsuarioAutenticado): Promise<UsuarioPublico> {
    // Prevents the last administrator from locking everyone out by accident.
    if (id === yo.id) {
      throw new ApiError(HttpStatus.CONFLICT, 'NO_PUEDE_DESACTIVARSE', 'No puede desactivar su propia cuenta; pida a otro administrador que lo haga');
    }
    const desactivado = await this.usuarios.desactivar(id);
    await this.bitacora.registrar('USUARIO_DESACTIVADO', yo.nombreUsuario, { nombreUsuario: desactivado.nombreUsuario });
    // After the account is inactive (no new claims pass the guard), its claims go back to the queue now.
    await this.tareas.liberarDeUsuario(desactivado.nombreUsuario, 'USUARIO_DESACTIVADO', yo.nombreUsuario);
    return desactivado;
  }
}
