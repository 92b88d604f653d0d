import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Rol } from '@prep/persistence';
import { requiereCatd } from '@prep/cuentas';
import { UsuariosService } from '@prep/api';
import { claveNueva } from './idempotencia';

/** Password of every account made by crearUsuarioConToken (tests only; never a real account). */
export const CONTRASENA_PRUEBA = 'Prueba-Segura-2026!';

/** CATD given to CATD roles (capturista, …) when the caller does not say one. */
export const CATD_PRUEBA = 'M001';

/**
 * Creates an account through UsuariosService and logs in over HTTP, so the token is exactly what a
 * client would get. `catd` undefined means CATD_PRUEBA for CATD roles and null otherwise; pass null
 * explicitly to get the service's refusal. nombreUsuario defaults to a unique random name.
 */
export async function crearUsuarioConToken(
  app: INestApplication,
  datos: { roles: Rol[]; catd?: string | null; nombreUsuario?: string },
): Promise<{ id: string; nombreUsuario: string; token: string }> {
  const nombreUsuario = datos.nombreUsuario ?? `prueba.${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const catd = datos.catd === undefined ? (requiereCatd(datos.roles) ? CATD_PRUEBA : null) : datos.catd;
  const usuario = await app.get(UsuariosService).crear(
    {
      nombreUsuario,
      nombreCompleto: `Persona de prueba ${nombreUsuario}`,
      contrasena: CONTRASENA_PRUEBA,
      roles: datos.roles,
      catd,
    },
    'pruebas',
  );
  const res = await request(app.getHttpServer()).post('/auth/login').send({ usuario: nombreUsuario, contrasena: CONTRASENA_PRUEBA });
  if (res.status !== 200) throw new Error(`login de ${nombreUsuario} respondió ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: usuario.id, nombreUsuario, token: res.body.token as string };
}

/** The puesta en ceros over HTTP, as the administrador does it before publication opens, witnessed by a new auditor account. */
export async function hacerPuestaEnCeros(app: INestApplication, tokenAdmin: string): Promise<void> {
  const auditor = await crearUsuarioConToken(app, { roles: ['auditor'] });
  const r = await request(app.getHttpServer())
    .post('/puesta-en-ceros')
    .set(claveNueva())
    .set('Authorization', `Bearer ${tokenAdmin}`)
    .send({ testigoAuditor: auditor.nombreUsuario });
  if (r.status !== 201) throw new Error(`puesta en ceros: se esperaba 201 y llegó ${r.status} ${JSON.stringify(r.body)}`);
}
