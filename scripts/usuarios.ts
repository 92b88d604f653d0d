import { ejecutarCli, ErrorDeUso } from './cli';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@prep/config';
import { ormConfig, ROLES, Rol } from '@prep/persistence';
import { CatalogoService } from '../apps/api/src/catalogo/catalogo.service';
import { UsuarioPublico, UsuariosService } from '../apps/api/src/usuarios/usuarios.service';

/**
 * `npm run usuarios -- crear|listar`: staff accounts from the command line, e.g. the first
 * administrador before anyone can log in. It uses the API's own UsuariosService on a bare MikroORM
 * (no Nest application), so the rules, the bcrypt cost and the duplicate check are the same.
 */
const AYUDA = `Uso:
  PREP_CONTRASENA='…' npm run usuarios -- crear --usuario <nombre> --nombre "<nombre completo>" --roles <rol[,rol…]> [--catd <CATD>]
  npm run usuarios -- listar [--catd <CATD>]

La contraseña se lee de la variable PREP_CONTRASENA (nunca de la línea de comandos, que queda en el
historial y en la lista de procesos). --catd es obligatorio para los roles de CATD.
Roles: ${ROLES.join(', ')}.
prep_casilla es la cuenta de un dispositivo de PREP Casilla (una por dispositivo, sin CATD ni otros
roles): solo envía fotos de actas con origen CASILLA y medio MOVIL.`;


function mostrar(u: UsuarioPublico): string {
  return `${u.nombreUsuario}  ·  ${u.nombreCompleto}  ·  roles: ${u.roles.join(', ')}  ·  CATD: ${u.catd ?? '—'}  ·  ${u.activo ? 'activo' : 'INACTIVO'}  ·  id ${u.id}`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      usuario: { type: 'string' },
      nombre: { type: 'string' },
      roles: { type: 'string' },
      catd: { type: 'string' },
      ayuda: { type: 'boolean', short: 'h' },
    },
  });
  const [accion, ...sobrantes] = positionals;
  if (values.ayuda) {
    console.log(AYUDA);
    return;
  }
  if (!accion || !['crear', 'listar'].includes(accion) || sobrantes.length) throw new ErrorDeUso(`acción no reconocida: '${positionals.join(' ')}'`);

  let contrasena = '';
  if (accion === 'crear') {
    contrasena = process.env.PREP_CONTRASENA ?? '';
    if (!contrasena) throw new ErrorDeUso('falta la contraseña: defínala en la variable de entorno PREP_CONTRASENA');
    if (!values.usuario || !values.nombre || !values.roles) throw new ErrorDeUso('crear necesita --usuario, --nombre y --roles');
  }

  const { DATABASE_URL } = loadConfig();
  const orm = await MikroORM.init(ormConfig({ databaseUrl: DATABASE_URL, poolMax: 2 }));
  try {
    const usuarios = new UsuariosService(orm.em, new CatalogoService(orm.em));
    if (accion === 'crear') {
      const creado = await usuarios.crear({
        nombreUsuario: values.usuario!,
        nombreCompleto: values.nombre!,
        contrasena,
        roles: values.roles!.split(',').map((r) => r.trim()).filter(Boolean) as Rol[],
        catd: values.catd ?? null,
      });
      console.log(`[usuarios] creado: ${mostrar(creado)}`);
    } else {
      const lista = await usuarios.listar({ catd: values.catd });
      console.log(lista.length ? lista.map(mostrar).join('\n') : '[usuarios] no hay usuarios registrados' + (values.catd ? ` en el CATD ${values.catd}` : ''));
    }
  } finally {
    await orm.close(true);
  }
}


ejecutarCli('usuarios', AYUDA, main);
