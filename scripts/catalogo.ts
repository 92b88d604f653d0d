import { conServicios, ejecutarCli, ErrorDeUso, quienPorOmision } from './cli';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { actasEsperadas, generarCatalogo, opcionEntera, type Semilla } from '@prep/domain';
import {
  cargarCatalogo,
  CatalogoVigente,
  escribirCarpetaCatalogo,
  leerCarpetaCatalogo,
  leerCatalogo,
  LIMITES,
  type ResultadoCarga,
  type ResumenCatalogo,
} from '@prep/catalogo';

/**
 * `npm run catalogo -- generar|cargar|actual`: the catálogo from the command line. It runs
 * libs/catalogo, the reader and loader behind POST /catalogo, on a bare MikroORM and its own immudb
 * connection: a file accepted here is accepted there, the CATALOGO_CARGADO bitácora record is the
 * same, and so are the refusals (CATALOGO_CONGELADO once there are actas; nothing loaded if immudb
 * does not answer).
 */
const AYUDA = `Uso:
  npm run catalogo -- generar --salida <carpeta> [--semilla 2021] [--casillas 10000]
      escribe catalogo.json y casillas.csv de un catálogo sintético (tamaño Jalisco 2021;
      la misma semilla da siempre los mismos archivos)
  npm run catalogo -- cargar <carpeta> [--por <nombre>]
      valida la carpeta y la carga como catálogo vigente en DATABASE_URL, con su registro
      CATALOGO_CARGADO en la bitácora (IMMUDB_ADDRESS); si un archivo tiene errores los lista
      (archivo, línea y motivo), no cambia nada y termina con código 1. Se rechaza si ya hay
      actas registradas (el catálogo queda congelado) o si immudb no responde
  npm run catalogo -- actual
      muestra el catálogo vigente

Las rutas relativas se toman desde la carpeta donde se ejecutó npm.`;

/** npm runs scripts from the package root; INIT_CWD is where the person typed the command. */
function ruta(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

function miles(n: number): string {
  return n.toLocaleString('es-MX');
}

function segundos(desde: number): string {
  return `${((Date.now() - desde) / 1000).toFixed(1)} s`;
}

function imprimirResumen(r: ResumenCatalogo): void {
  console.log(`  entidad ........... ${r.entidad.id} ${r.entidad.nombre}`);
  console.log(`  versión ........... ${r.version ?? '—'}`);
  console.log(`  SHA-256 ........... ${r.sha256}`);
  console.log(`  casillas .......... ${miles(r.totalCasillas)}`);
  console.log(`  actas esperadas ... ${miles(r.totalActasEsperadas)}`);
  console.log(`  distritos / municipios / CATD: ${r.distritos} / ${r.municipios} / ${r.catds}`);
  for (const e of r.elecciones) console.log(`  elección ${e.tipoActa.padStart(2)} ....... ${e.nombre} (${e.ambito}, ${e.columnas.length} columnas de voto)`);
  console.log(`  cargado ........... ${r.cargadoEn.toISOString()} por ${r.cargadoPor}`);
}

/** One line rewritten in place on a terminal; a line per quarter in a log file. */
function progreso(): (hechas: number, total: number) => void {
  let cuarto = 0;
  return (hechas, total) => {
    if (process.stdout.isTTY) {
      process.stdout.write(`\r[catálogo] casillas escritas: ${miles(hechas)} / ${miles(total)}${hechas === total ? '\n' : ''}`);
    } else if (hechas === total || hechas >= ((cuarto + 1) * total) / 4) {
      cuarto = Math.floor((4 * hechas) / total);
      console.log(`[catálogo] casillas escritas: ${miles(hechas)} / ${miles(total)}`);
    }
  };
}

function generar(salida: string | undefined, semillaTexto: string | undefined, casillasTexto: string | undefined): void {
  if (!salida) throw new ErrorDeUso('generar necesita --salida <carpeta>');
  const semilla: Semilla = semillaTexto === undefined ? 2021 : /^\d+$/.test(semillaTexto) ? Number(semillaTexto) : semillaTexto;
  const casillas = opcionEntera('casillas', casillasTexto, 10_000);
  const t0 = Date.now();
  const catalogo = generarCatalogo({ semilla, casillas });
  const rutas = escribirCarpetaCatalogo(ruta(salida), catalogo);
  console.log(`[catálogo] generado con la semilla ${String(semilla)} en ${segundos(t0)}:`);
  console.log(
    `  ${rutas.json}  (entidad ${catalogo.entidad.nombre}, ${catalogo.distritos.length} distritos, ${catalogo.municipios.length} municipios, ${catalogo.catds.length} CATD, ${catalogo.elecciones.length} elecciones)`,
  );
  console.log(`  ${rutas.csv}  (${miles(catalogo.casillas.length)} casillas → ${miles(actasEsperadas(catalogo).length)} actas esperadas)`);
}

async function cargar(carpeta: string | undefined, por: string | undefined): Promise<number> {
  if (!carpeta) throw new ErrorDeUso('cargar necesita la carpeta del catálogo');
  const cargadoPor = por ?? quienPorOmision(LIMITES.cargadoPor);
  if (cargadoPor.length > LIMITES.cargadoPor) throw new ErrorDeUso(`--por admite a lo más ${LIMITES.cargadoPor} caracteres`);
  const dir = ruta(carpeta);

  const t0 = Date.now();
  console.log(`[catálogo] leyendo y validando ${dir} …`);
  const leido = leerCatalogo(leerCarpetaCatalogo(dir));
  if (!leido.ok) {
    console.error(`[catálogo] RECHAZADO: ${leido.total === 1 ? '1 error' : `${miles(leido.total)} errores`}; no se cambió nada.`);
    for (const e of leido.errores) console.error(`  ${e}`);
    return 1;
  }
  console.log(`[catálogo] archivos válidos (${miles(leido.catalogo.casillas.length)} casillas) en ${segundos(t0)}; cargando…`);

  const t1 = Date.now();
  const r: ResultadoCarga = await conServicios(({ orm, bitacoraPersonal }) =>
    cargarCatalogo(orm.em.fork(), bitacoraPersonal, leido, cargadoPor, { progreso: progreso() }),
  );
  if (r.sinCambios) {
    console.log('[catálogo] sin cambios: el catálogo vigente ya tiene exactamente este contenido.');
  } else {
    const { elecciones, catds, casillas } = r.eliminadas;
    console.log(
      `[catálogo] cargado en ${segundos(t1)} (total ${segundos(t0)}); ya no están: ${elecciones} elecciones, ${catds} CATD, ${miles(casillas)} casillas.`,
    );
  }
  imprimirResumen(r);
  return 0;
}

async function actual(): Promise<number> {
  const r = await conServicios(({ orm }) => new CatalogoVigente(orm.em).actual());
  if (!r) {
    console.log('[catálogo] aún no se ha cargado ningún catálogo.');
    return 1;
  }
  console.log('[catálogo] vigente:');
  imprimirResumen(r);
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      salida: { type: 'string' },
      semilla: { type: 'string' },
      casillas: { type: 'string' },
      por: { type: 'string' },
      ayuda: { type: 'boolean', short: 'h' },
    },
  });
  const [accion, ...resto] = positionals;
  if (values.ayuda) {
    console.log(AYUDA);
    return 0;
  }
  switch (accion) {
    case 'generar':
      if (resto.length) throw new ErrorDeUso(`argumento de más: '${resto.join(' ')}'`);
      generar(values.salida, values.semilla, values.casillas);
      return 0;
    case 'cargar':
      if (resto.length !== 1) throw new ErrorDeUso('cargar recibe exactamente una carpeta');
      return cargar(resto[0], values.por);
    case 'actual':
      return actual();
    default:
      throw new ErrorDeUso(accion ? `acción no reconocida: '${accion}'` : 'falta la acción');
  }
}

ejecutarCli('catálogo', AYUDA, main);
