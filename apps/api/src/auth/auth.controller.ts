import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RespuestasDeError, RespuestasDeSesion } from '../common/respuestas-error';
import type { UsuarioAutenticado } from './auth.types';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { SesionDto, UsuarioAutenticadoDto } from './dto/sesion.dto';
import { Public } from './roles.decorator';
import { SinIdempotencia } from '../idempotencia/idempotencia.decorator';
import { UsuarioActual } from './usuario-actual.decorator';

@ApiTags('autenticación')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @SinIdempotencia('Sin sesión no hay usuario al cual asociar la clave, y repetir un inicio de sesión no cambia nada: emite otro token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Inicia sesión y devuelve un JWT para `Authorization: Bearer <token>`' })
  @ApiOkResponse({ type: SesionDto })
  @RespuestasDeError(
    [400, 'ENTRADA_INVALIDA'],
    [401, 'CREDENCIALES_INVALIDAS: usuario inexistente, contraseña incorrecta o cuenta inactiva'],
    413,
    [
      429,
      'DEMASIADOS_INTENTOS, con Retry-After en segundos: 5 fallos en 15 minutos bloquean el usuario 15 minutos; ' +
        '20 fallos (por omisión; PREP_LOGIN_MAX_FALLOS_DIRECCION) en 15 minutos desde una dirección detienen todos los inicios de sesión desde ella ' +
        'hasta que el más antiguo cumpla 15 minutos (por proceso)',
    ],
    [503, 'SERVICIO_NO_DISPONIBLE: la base de datos no respondió'],
  )
  login(@Body() dto: LoginDto, @Ip() ip: string | undefined): Promise<SesionDto> {
    return this.auth.login(dto.usuario, dto.contrasena, ip);
  }

  @Get('yo')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'La persona de la sesión actual, con sus roles vigentes' })
  @ApiOkResponse({ type: UsuarioAutenticadoDto })
  @RespuestasDeSesion({ conRoles: false })
  yo(@UsuarioActual() usuario: UsuarioAutenticado): UsuarioAutenticado {
    return usuario;
  }
}
