import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { ApiError } from '../common/api-error';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { CrearUsuarioDto } from './dto/crear-usuario.dto';
import { ListarUsuariosQuery } from './dto/listar-usuarios.dto';
import { UsuarioPublicoDto } from './dto/usuario-publico.dto';
import { UsuarioPublico, UsuariosService } from './usuarios.service';

const idValido = new ParseUUIDPipe({
  exceptionFactory: () => new ApiError(HttpStatus.BAD_REQUEST, 'ENTRADA_INVALIDA', 'id debe ser un UUID; tómelo de GET /usuarios'),
});

@ApiTags('usuarios')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('usuarios')
export class UsuariosController {
  constructor(private readonly usuarios: UsuariosService) {}

  @Post()
  @Roles('administrador')
  @ApiOperation({ summary: 'Crea una cuenta del personal PREP (solo administrador)' })
  @ApiCreatedResponse({ type: UsuarioPublicoDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA: cada problema nombra su campo'],
    [409, 'USUARIO_DUPLICADO: el nombre de usuario ya existe'],
    413,
    [422, 'CATD_DESCONOCIDO: el CATD no está en el catálogo cargado'],
    [503, 'BITACORA_NO_DISPONIBLE: immudb no respondió; la cuenta no se creó'],
  )
  crear(@Body() dto: CrearUsuarioDto, @UsuarioActual() yo: UsuarioAutenticado): Promise<UsuarioPublico> {
    return this.usuarios.crear({ ...dto, catd: dto.catd ?? null }, yo.nombreUsuario);
  }

  @Get()
  @Roles('administrador', 'coordinador')
  @ApiOperation({ summary: 'Lista cuentas: el administrador ve todas; el coordinador, solo las de su CATD' })
  @ApiOkResponse({ type: UsuarioPublicoDto, isArray: true })
  @RespuestasDeError([400, 'ENTRADA_INVALIDA: catd'])
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
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA: id debe ser un UUID'],
    [404, 'USUARIO_NO_ENCONTRADO'],
    [409, 'NO_PUEDE_DESACTIVARSE: un administrador no puede desactivar su propia cuenta'],
    [503, 'BITACORA_NO_DISPONIBLE: immudb no respondió; la cuenta sigue activa'],
  )
  async desactivar(@Param('id', idValido) id: string, @UsuarioActual() yo: UsuarioAutenticado): Promise<UsuarioPublico> {
    // Prevents the last administrator from locking everyone out by accident.
    if (id === yo.id) {
      throw new ApiError(HttpStatus.CONFLICT, 'NO_PUEDE_DESACTIVARSE', 'No puede desactivar su propia cuenta; pida a otro administrador que lo haga');
    }
    return this.usuarios.desactivar(id, yo.nombreUsuario);
  }
}
