import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { Usuario } from '@prep/persistence';
import { ApiError } from '../common/api-error';
import { contrasenaCoincide, hashContrasena } from '@prep/cuentas';
import { UsuariosService } from '../usuarios/usuarios.service';
import { BitacoraFallosLogin } from './bitacora-fallos-login.service';
import { claveDireccion } from './direccion-cliente';
import { Intento, IntentosLogin } from './intentos-login';
import type { JwtPayload } from './jwt-auth.guard';
import type { SesionDto } from './dto/sesion.dto';
import { BitacoraPersonalService } from '../bitacora/bitacora-personal.service';

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
    private readonly bitacoraPersonal: BitacoraPersonalService,
    private readonly fallos: BitacoraFallosLogin,
  ) {}

  /**
   * Unknown name, wrong password and inactive account all get the same 401 after the same bcrypt
   * work, so the response tells an attacker nothing about which accounts exist. `ip` is Express's
   * req.ip: failures are limited and recorded per client address as well as per name.
   */
  async login(usuario: string, contrasena: string, ip: string | undefined): Promise<SesionDto> {
    // Names are lower case by rule; tablets often capitalise the first letter.
    const nombre = usuario.trim().toLowerCase();
    const direccion = claveDireccion(ip);
    let intento: Intento;
    try {
      intento = this.intentos.comenzar(nombre, direccion);
    } catch (err) {
      await this.fallos.anotar('rechazo', direccion, nombre);
      throw err;
    }
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
      // Aggregated per address and window, and best effort: see BitacoraFallosLogin.
      await this.fallos.anotar('fallo', direccion, nombre);
      throw credencialesInvalidas();
    }
    intento.exito();
    await this.bitacoraPersonal.registrar('SESION_INICIADA', cuenta.nombreUsuario, { direccion });

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
