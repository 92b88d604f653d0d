import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UsuarioAutenticado } from '../auth/auth.types';
import { Roles } from '../auth/roles.decorator';
import { UsuarioActual } from '../auth/usuario-actual.decorator';
import { PublicacionService } from './publicacion.service';

@ApiTags('publicación')
@ApiBearerAuth()
@Controller('publicacion')
export class PublicacionController {
  constructor(private readonly publicacion: PublicacionService) {}

  @Post('apertura')
  @HttpCode(201)
  @Roles('administrador')
  @ApiOperation({ summary: 'Abre la publicación: un corte cada PREP_CORTE_INTERVALO_MINUTOS (Temporal Schedule)' })
  abrir(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.abrir(usuario.nombreUsuario);
  }

  @Post('cierre')
  @HttpCode(200)
  @Roles('administrador')
  @ApiOperation({ summary: 'Cierra la publicación: publica el corte final y elimina el Schedule' })
  cerrar(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.cerrar(usuario.nombreUsuario);
  }

  @Post('cortes')
  @HttpCode(202)
  @Roles('coordinador', 'administrador')
  @ApiOperation({ summary: 'Pide un corte ahora (se forma detrás del que esté en curso)' })
  corte(@UsuarioActual() usuario: UsuarioAutenticado) {
    return this.publicacion.corteAhora(usuario.nombreUsuario);
  }
}
