import { conServicios, ejecutarCli, ErrorDeUso, quienPorOmision } from './cli';
import { parseArgs } from 'node:util';
import { CatalogoVigente } from '@prep/catalogo';
import { Cuentas, type UsuarioPublico } from '@prep/cuentas';
import { ROLES, Rol } from '@prep/persistence';

/**
 * `npm run usuarios -- crear|listar`: staff accounts from the command line, e.g. the first
 * administrador before anyone can log in. It runs libs/cuentas, the code behind POST /usuarios, on a
 * bare MikroORM and its own immudb connection: the rules, the bcrypt cost, the duplicate check and
 * the USUARIO_CREADO bitácora record are the same. If immudb does not answer, nothing is created.
 */
const AYUDA = `Uso:
  PREP_CONTRASENA='…' npm run usuarios -- crear --usuario <nombre> --nombre "<nombre completo>" --roles <rol[,rol…]> [--catd <CATD>] [--por <quién>]
  npm run usuarios -- listar [--catd <CATD>]

--por es quien crea la cuenta, tal como queda en la bitácora (por omisión cli:<usuario del sistema>).

La contraseña se lee de la variable PREP_CONTRASENA (nunca de la línea de comandos, que queda en el
historial y en la lista de procesos). --catd es obligatorio para los roles de CATD.
Roles: ${ROLES.join(', ')}.
prep_casilla es la cuenta de un dispositivo de PREP Casilla (una por dispositivo, sin CATD ni otros
roles): solo envía fotos de actas con origen CASILLA y medio MOVIL.`;

/** The bitácora's `usuario` of an API action is a nombreUsuario (≤ 64 characters); the CLI's stays as short. */
const LARGO_MAXIMO_POR = 64;

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
      por: { type: 'string' },
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

  const por = values.por ?? quienPorOmision(LARGO_MAXIMO_POR);
  if (!por || por.length > LARGO_MAXIMO_POR) throw new ErrorDeUso(`--por debe tener de 1 a ${LARGO_MAXIMO_POR} caracteres`);

  await conServicios(async ({ orm, bitacoraPersonal }) => {
    const cuentas = new Cuentas(orm.em, bitacoraPersonal, new CatalogoVigente(orm.em));
    if (accion === 'crear') {
      const creado = await cuentas.crear(
        {
          nombreUsuario: values.usuario!,
          nombreCompleto: values.nombre!,
          contrasena,
          roles: values
            .roles!.split(',')
            .map((r) => r.trim())
            .filter(Boolean) as Rol[],
          catd: values.catd ?? null,
        },
        por,
      );
      console.log(`[usuarios] creado: ${mostrar(creado)}`);
    } else {
      const lista = await cuentas.listar({ catd: values.catd });
      console.log(lista.length ? lista.map(mostrar).join('\n') : '[usuarios] no hay usuarios registrados' + (values.catd ? ` en el CATD ${values.catd}` : ''));
    }
  });
}

ejecutarCli('usuarios', AYUDA, main);
