import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { leerSecretoJwt, PrepConfig } from '@prep/config';
import { PREP_CONFIG } from '../config/config.module';
import { UsuariosModule } from '../usuarios/usuarios.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BitacoraFallosLogin } from './bitacora-fallos-login.service';
import { IntentosLogin } from './intentos-login';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

/**
 * Login, JWT sessions and the two global guards. APP_GUARD providers run in the order listed:
 * JwtAuthGuard sets request.user, then RolesGuard checks @Roles against it.
 */
@Module({
  imports: [
    UsuariosModule,
    JwtModule.registerAsync({
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig) => {
        // A KeyObject made once: given the secret as text, jsonwebtoken first tries to parse it as a
        // public key on every verification (a thrown exception per request, ~3 % of the API's CPU).
        const clave = createSecretKey(Buffer.from(leerSecretoJwt(cfg), 'utf8'));
        return {
          secretOrKeyProvider: () => clave,
          signOptions: { algorithm: 'HS256', expiresIn: cfg.JWT_TTL_SECONDS },
          // Pinning the algorithm refuses `alg: none` and algorithm-confusion tokens.
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    {
      provide: IntentosLogin,
      inject: [PREP_CONFIG],
      useFactory: (cfg: PrepConfig) => new IntentosLogin(Date.now, { maxFallosDireccion: cfg.PREP_LOGIN_MAX_FALLOS_DIRECCION }),
    },
    BitacoraFallosLogin,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
