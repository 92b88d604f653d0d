// The API's one public entry (`@prep/api`): what starts it in-process (tests) and the few
// providers tests look up with app.get(). Scripts and tests import this, never a deeper path;
// anything else they need lives in libs/.
export { AppModule } from './app.module';
export { configureApp } from './app.setup';
export { TemporalService } from './temporal/temporal.module';
export { ActaComandosService } from './actas/acta-comandos.service';
export { ApiError } from './common/api-error';
export { BitacoraService } from './bitacora/bitacora.service';
export { BitacoraPersonalService } from './bitacora/bitacora-personal.service';
export { UsuariosService } from './usuarios/usuarios.service';
export { CatalogoService } from './catalogo/catalogo.service';
export { TareasService } from './tareas/tareas.service';
export { BitacoraFallosLogin, USUARIO_SIN_SESION } from './auth/bitacora-fallos-login.service';
export { MAX_FALLOS_DIRECCION } from './auth/intentos-login';
