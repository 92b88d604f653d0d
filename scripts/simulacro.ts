import { parseArgs } from 'node:util';
import { crearPolitica, opcionEntera } from '@prep/domain';
import { ErrorTasas, FALLAS, NOMBRES_TASAS, parsearTasas, planSimulacro } from '@prep/simulacro';
import { ejecutarCli, ErrorDeUso } from './cli';
import { lineasEnMarcha, type Procesos } from './services/arranque';
import { arrancarPrepAislado, prepararPrepAislado } from './services/aislado';
import { log } from './services/proc';
import { down } from './services/stack';
import { ejecutarFallas } from './simulacro/fallas';
import { escribirFallas, listaDeFallas } from './simulacro/fallas-salida';
import { ejecutarSimulacro } from './simulacro/nucleo';
import { BarrasProgreso } from './simulacro/progreso';
import { textoResumen } from './simulacro/resumen';

/**
 * `npm run simulacro`: a full drill of election night driven over HTTP by virtual staff. It brings
 * the local stack up (like `npm start`), gives the drill its own PostgreSQL database, immudb
 * database and Temporal namespace (a drill never mixes with another or with `npm start` data), runs
 * the API and worker on them, plays the night (scripts/simulacro/nucleo.ts), prints the summary and
 * keeps the PREP serving until Ctrl-C.
 */
const FALLAS_TEXTO = FALLAS.join(', ');

const AYUDA = `Uso:
  npm run simulacro -- [--actas 2000] [--catd 12] [--semilla 2027] [--ritmo 450] [--errores tasa=valor,...] [--perfil dev|cluster]
  npm run simulacro -- fallas [--solo worker,immudb,...] [--actas 400] [--ritmo 40] [--perfil dev|cluster] [...]

  --actas    actas esperadas del catálogo sintético (se redondea a par: dos elecciones por casilla)
  --catd     CATD del catálogo (una cuarta parte distritales)
  --semilla  la misma semilla repite el mismo catálogo, las mismas realidades y las mismas capturas
  --ritmo    actas por minuto que llegan a los CATD, entre todos
  --errores  tasas de las realidades inyectadas, p. ej. sinActa=0.05,abandono=0; tasas:
             ${NOMBRES_TASAS.join(', ')}
  --perfil   dev (por omisión: servidor de desarrollo de Temporal, una API y un worker) o cluster
             (servidor de Temporal sobre PostgreSQL, 2 workers, 2 API tras un balanceador; la primera
             vez compila el servidor de Temporal, unos minutos)

fallas: simulacros de fallas durante la jornada, uno tras otro, contra los servicios reales de este
comando (nunca contra servicios que ya corrían: use puertos libres). Por omisión 400 actas a 40 por
minuto, para que la jornada dure lo que duran las fallas. Al final, una tabla por falla (actas en vuelo,
completadas, tiempo de caída y de recuperación, 503 vistos por el personal) y fallas.json.
  --solo     solo estas fallas, separadas por comas: ${FALLAS_TEXTO}

Variables: PORT (API, 3000), PREP_DATA_DIR (el resumen queda en <PREP_DATA_DIR>/simulacros/<fecha>/),
PREP_LEASE_SEGUNDOS (60 en el simulacro), PREP_CORTE_INTERVALO_MINUTOS (1 en el simulacro), PREP_POLITICA, y las de puertos de npm start.
Ctrl-C durante el simulacro detiene al personal virtual y muestra el resumen parcial; Ctrl-C después
detiene la API, el worker y los servicios que este comando inició.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      actas: { type: 'string' },
      catd: { type: 'string' },
      semilla: { type: 'string' },
      ritmo: { type: 'string' },
      errores: { type: 'string' },
      solo: { type: 'string' },
      perfil: { type: 'string' },
      ayuda: { type: 'boolean', short: 'h' },
    },
  });
  if (values.ayuda) {
    console.log(AYUDA);
    return 0;
  }
  const conFallas = positionals[0] === 'fallas';
  if (positionals.length > (conFallas ? 1 : 0)) throw new ErrorDeUso(`argumento no reconocido: '${positionals.join(' ')}'`);
  if (values.solo !== undefined && !conFallas) throw new ErrorDeUso('--solo es de `npm run simulacro -- fallas`');
  const fallas = conFallas ? listaDeFallas(values.solo) : null;
  const actas = opcionEntera('actas', values.actas, conFallas ? 400 : 2000, 2, 200_000);
  const catds = opcionEntera('catd', values.catd, conFallas ? 6 : 12, 1, 500);
  const ritmo = opcionEntera('ritmo', values.ritmo, conFallas ? 40 : 450, 1, 100_000);
  const semilla = values.semilla ?? '2027';
  const perfil = values.perfil ?? 'dev';
  if (perfil !== 'dev' && perfil !== 'cluster') throw new ErrorDeUso(`--perfil ${perfil} no existe: use dev o cluster`);
  let tasas;
  try {
    tasas = parsearTasas(values.errores);
  } catch (err) {
    if (err instanceof ErrorTasas) throw new ErrorDeUso(err.message);
    throw err;
  }
  if (catds > Math.ceil(actas / 2)) throw new ErrorDeUso(`--catd ${catds} es más que las casillas (${Math.ceil(actas / 2)}): pida menos CATD o más actas`);

  const t0 = Date.now();
  const prep = await prepararPrepAislado({ tipo: 'simulacro', carpeta: 'simulacros', perfil });
  const { stack, apiUrl, env, namespace, carpeta: dirSimulacro } = prep;

  const detener = { solicitado: false };
  let saliendo = false;
  let procesos: Procesos | null = null;
  const salir = async (codigo: number) => {
    if (saliendo) return;
    saliendo = true;
    await procesos?.detener();
    await down(perfil, stack.startedNow);
    process.exit(codigo);
  };
  let barras: BarrasProgreso | null = null;
  process.on('SIGINT', () => {
    if (!detener.solicitado && barras) {
      detener.solicitado = true;
      barras.log('  Ctrl-C: el personal virtual termina lo que tiene en la mano; enseguida el resumen parcial…');
    } else void salir(0);
  });
  process.once('SIGTERM', () => void salir(0));

  try {
    const { admin, tokenAdmin } = await arrancarPrepAislado(prep, {
      usuarioAdmin: 'sim.admin',
      nombreAdmin: 'Administración del simulacro',
      por: 'simulacro',
      alLanzar: (p) => (procesos = p),
      alFallar: (nombre, codigo) => {
        log(`${nombre} terminó inesperadamente (código ${codigo}); deteniendo todo`);
        void salir(1);
      },
      abandonar: () => saliendo,
    });

    const politica = crearPolitica(JSON.parse(env.PREP_POLITICA ?? '{}'));
    const plan = planSimulacro({ actas, catds, semilla, tasas, politica });
    log(`simulacro: ${plan.actas.length} actas (${plan.conteos.llegan} llegan), ${catds} CATD, semilla ${semilla}, ${ritmo} actas/min, perfil ${perfil}`);
    log(`carpeta del simulacro: ${dirSimulacro}`);
    barras = new BarrasProgreso();
    const b = barras;
    const resumen = await ejecutarSimulacro({
      baseUrl: apiUrl,
      tokenAdmin,
      plan,
      ritmo,
      dirSalida: dirSimulacro,
      entornoAuditoria: env,
      alProgreso: (p) => b.actualizar(p),
      log: (m) => b.log(`  ${m}`),
      detener,
      zonaPublicacion: politica.zonaPublicacion,
      // A drill that stopped an acta for good must say so in minutes, not after the usual ten.
      estancamientoMs: fallas ? 3 * 60_000 : undefined,
      duranteLaJornada: fallas
        ? (c) => ejecutarFallas({ stack, procesos: () => procesos!, apiUrl, tokenAdmin, admin, log: (m) => b.log(`  ${m}`), lista: fallas }, c)
        : undefined,
    });
    barras.detener();
    barras = null; // from now on Ctrl-C stops the stack, as in npm start
    console.log(textoResumen(resumen));
    if (fallas) console.log(escribirFallas(dirSimulacro, resumen.fallas ?? [], resumen));
    if (detener.solicitado) {
      await salir(0);
      return 0;
    }
    console.log(
      lineasEnMarcha(
        `Simulacro terminado en ${((Date.now() - t0) / 1000).toFixed(1)} s; el PREP del simulacro sigue en marcha`,
        apiUrl,
        { addresses: { ...stack.addresses, databaseUrl: prep.databaseUrl } },
        [
          `  Bases ......... immudb ${env.IMMUDB_DATABASE} · namespace de Temporal ${namespace}`,
          `  Administrador .. usuario '${admin.usuario}', contraseña '${admin.contrasena}' (solo de este simulacro)`,
        ],
      ),
    );
    return await new Promise<number>(() => undefined); // serve until Ctrl-C (salir exits the process)
  } catch (err) {
    barras?.detener();
    log(`el simulacro falló: ${err instanceof Error ? err.message : String(err)}; deteniendo lo que este comando inició…`);
    await salir(1);
    return 1;
  }
}

ejecutarCli('simulacro', AYUDA, main);
