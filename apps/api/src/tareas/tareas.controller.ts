import { RE_CLAVE_ACTA } from '@prep/domain';
import { Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { TIPOS_TAREA, type Rol, type TipoTarea } from '@prep/persistence';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { ApiError } from '../common/api-error';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import { SiguienteTareaDto, TareaLiberadaDto } from './dto/respuestas.dto';
import { ActasConsultaService } from '../actas/actas-consulta.service';
import { TareasService } from './tareas.service';

export class SiguienteTareaQuery {
  @IsIn(TIPOS_TAREA, { message: `tipo debe ser uno de: ${TIPOS_TAREA.join(', ')}` })
  tipo!: TipoTarea;

  /** Take the task of this acta specifically (e.g. the one just scanned), if the caller may. */
  @IsOptional()
  @Matches(RE_CLAVE_ACTA, { message: 'claveActa debe ser una CLAVE_ACTA válida' })
  claveActa?: string;
}

const ROL_DE_TAREA: Record<TipoTarea, Rol> = {
  CAPTURA: 'capturista',
  VERIFICACION: 'verificador',
  DECISION_COORDINADOR: 'coordinador',
};

@ApiTags('tareas')
@ApiBearerAuth()
@RespuestasDeSesion()
@Controller('tareas')
export class TareasController {
  constructor(
    private readonly tareas: TareasService,
    private readonly consulta: ActasConsultaService,
  ) {}

  @Get('siguiente')
  @Roles('capturista', 'verificador', 'coordinador')
  @ApiOperation({ summary: 'Toma la siguiente tarea que el usuario puede hacer (204 si no hay)' })
  @ApiQuery({ name: 'tipo', enum: TIPOS_TAREA })
  @ApiQuery({ name: 'claveActa', required: false })
  @ApiOkResponse({ type: SiguienteTareaDto, description: 'La tarea tomada y el acta' })
  @ApiNoContentResponse({ description: 'No hay tarea que el usuario pueda tomar' })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA: tipo o claveActa'],
    [404, 'El acta pedida no existe'],
    [409, 'La tarea pedida no está disponible o ya tiene el cupo de tareas tomadas'],
  )
  async siguiente(@Query() q: SiguienteTareaQuery, @UsuarioActual() usuario: UsuarioAutenticado, @Res({ passthrough: true }) res: Response) {
    const rol = ROL_DE_TAREA[q.tipo];
    if (!usuario.roles.includes(rol)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'SIN_PERMISO', `Las tareas de ${q.tipo.toLowerCase()} requieren el rol ${rol}.`);
    }
    const tarea = await this.tareas.tomarSiguiente(usuario, q.tipo, q.claveActa ?? null);
    if (!tarea) {
      res.status(HttpStatus.NO_CONTENT);
      return;
    }
    return { tarea, acta: await this.consulta.detalle(tarea.claveActa, usuario) };
  }

  @Post(':id/liberar')
  @HttpCode(200)
  @Roles('capturista', 'verificador', 'coordinador')
  @ApiOperation({ summary: 'Devuelve a la cola una tarea tomada' })
  @ApiOkResponse({ type: TareaLiberadaDto })
  @RespuestasDeError([400, 'ID_INVALIDO'], [404, 'La tarea no existe'], [409, 'La tarea no está tomada por usted'])
  async liberar(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new ApiError(400, 'ID_INVALIDO', 'El id de tarea debe ser un UUID') })) id: string,
    @UsuarioActual() usuario: UsuarioAutenticado,
  ) {
    await this.tareas.liberar(usuario, id);
    return { liberada: id };
  }
}
