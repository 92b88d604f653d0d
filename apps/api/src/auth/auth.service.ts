import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Usuario } from '@prep/persistence';
import { ApiError } from '../common/api-error';
import { contrasenaCoincide, hashContrasena } from '../usuarios/usuario-reglas';
import { UsuariosService } from '../usuarios/usuarios.service';
import { IntentosLogin } from './intentos-login';
import type { JwtPayload } from './jwt-auth.guard';
import type { SesionDto } from './dto/sesion.dto';
import { BitacoraPersonalService } from '../ledger/bitacora-personal.service';

const credencialesInvalidas = () =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'CREDENCIALES_INVALIDAS',
    'Usuario o contraseña incorrectos; revise ambos e intente de nuevo. Si su cuenta fue desactivada, acuda con un administrador',
  );

@Injectable()
export class AuthService {
  /** Compared against when the name does not exist, so the answer takes as long as for a real account. */
  private hashFicticio?: Promise<string>;

  constructor(
    private readonly usuarios: UsuariosService,
    private readonly jwt: JwtService,
    private readonly intentos: IntentosLogin,
    private readonly bitacora: BitacoraPersonalService,
  ) {}

  /**
   * Unknown name, wrong password and inactive account all get the same 401 after the same bcrypt
   * work, so the response tells an attacker nothing about which accounts exist.
   */
  async login(usuario: string, contrasena: string): Promise<SesionDto> {
    // Names are lower case by rule; tablets often capitalise the first letter.
    const nombre = usuario.trim().toLowerCase();
    const intento = this.intentos.comenzar(nombre);
    let cuenta: Usuario | null;
    let coincide: boolean;
    try {
      cuenta = await this.usuarios.buscarPorNombre(nombre);
      coincide = await contrasenaCoincide(contrasena, cuenta?.passwordHash ?? (await this.ficticio()));
    } catch (err) {
      intento.anular();
      throw err;
    }
    if (!cuenta || !cuenta.activo || !coincide) {
      intento.fallo();
      // Best effort: a ledger outage must not turn a wrong password into a 503.
      await this.bitacora.registrar('SESION_FALLIDA', nombre.slice(0, 64)).catch(() => undefined);
      throw credencialesInvalidas();
    }
    intento.exito();
    await this.bitacora.registrar('SESION_INICIADA', cuenta.nombreUsuario);

    const payload: JwtPayload = { sub: cuenta.id, usr: cuenta.nombreUsuario };
    const token = await this.jwt.signAsync(payload);
    // Read exp back from the token so expiraEn is exactly what the guard will enforce.
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return {
      token,
      expiraEn: new Date(exp * 1000).toISOString(),
      usuario: {
        id: cuenta.id,
        nombreUsuario: cuenta.nombreUsuario,
        nombreCompleto: cuenta.nombreCompleto,
        roles: [...cuenta.roles],
        catd: cuenta.catd ?? null,
      },
    };
  }

  private ficticio(): Promise<string> {
    this.hashFicticio ??= hashContrasena(randomBytes(18).toString('base64'), this.usuarios.costo);
    return this.hashFicticio;
  }
}
