import { ejecutarCli, ErrorDeUso } from './cli';
import { comillas, separarDireccion, textoLeeme } from './auditoria-leeme';
import { lectorDeCarpeta } from './auditoria-carpeta';
import { verificarCorte } from './auditoria-corte';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sha256DeImagenGuardada } from '@prep/imagenes';
import {
  ARCHIVOS,
  BitacoraImmudb,
  FuentePruebas,
  PREFIJOS_EXPORTADOS,
  RevisionPruebas,
  lineaDeTransaccion,
  recorrerTransacciones,
  claveActaDeLlave,
  recorrerPrefijo,
  construirManifiesto,
  huellaDeContenido,
  dirEstadoConfiable,
  imagenDeclarada,
  lineaJsonl,
  textoInforme,
  verificarFirmaEstado,
  verificarPaquete,
  type ConteosPaquete,
  type EstadoExportado,
  type HuellaArchivo,
  type LineaEntrada,
  type LineaImagen,
  type ProblemaPrueba,
} from '@prep/audit';
import { loadConfig, type PrepConfig } from '@prep/config';
import { opcionEntera } from '@prep/domain';
import { ensureImmudb } from './services/go-build';

/**
 * `npm run auditoria -- exportar|verificar|immuclient`: the offline audit of the bitácora.
 * `exportar` cuts a bundle from immudb at a signed state; `verificar` checks a bundle with no
 * database or server; `immuclient` checks one key online with immudb's own client, so the
 * auditor does not have to trust our code for that. The bundle's format and checks live in
 * libs/audit/src/paquete.ts; this file only does the I/O.
 */
const AYUDA = `Uso:
  npm run auditoria -- exportar --salida <carpeta> [--lote 1000] [--progreso 10000]
      exporta la bitácora (prefijos acta/ y personal/) con la prueba de inclusión de cada entrada,
      el encabezado de cada transacción hasta el estado firmado del servidor, ese estado y las
      huellas de las imágenes a una carpeta nueva o vacía; usa IMMUDB_ADDRESS, IMMUDB_USER,
      IMMUDB_PASSWORD, IMMUDB_DATABASE, PREP_DATA_DIR e IMMUDB_CLAVE_PUBLICA
  npm run auditoria -- verificar <carpeta> [--clave-publica <pem>] [--todos]
      verifica un paquete sin acceso a la base de datos ni al servidor; código de salida 0 si
      no hay problemas, 1 si hay alguno (--todos lista todos, no solo los primeros 200);
      --clave-publica: la clave del servidor obtenida fuera del paquete (si falta, se usa la
      que trae estado.json y el informe lo advierte)
  npm run auditoria -- immuclient <clave> [--clave-publica <pem>] [--binario <immuclient>] [--carpeta <dir>]
      verifica una clave en línea con immuclient 1.1.0 (login, use, safeget) y muestra cada
      comando que ejecutó; la firma del estado se comprueba con IMMUDB_CLAVE_PUBLICA o --clave-publica
  npm run auditoria -- corte verificar <corte.zip> <carpeta-paquete> [--politica '<json>'] [--todos]
      compara un corte publicado con un paquete exportado después de él: el manifiesto debe estar
      en una entrada CORTE_PUBLICADO y cada valor de los CSV debe salir de la bitácora; nombra el
      archivo, la fila y el campo de cada diferencia; código de salida 0 o 1

Las rutas relativas se toman desde la carpeta donde se ejecutó npm.`;

const LOTE_MAXIMO = 1000; // immudb 1.1.0 refuses larger scans ("max key scan limit exceeded")
const PROBLEMAS_EN_PANTALLA = 200;

const log = (m: string) => console.log(`[auditoría] ${m}`);

/** npm runs scripts from the package root; INIT_CWD is where the person typed the command. */
function ruta(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

// ─── exportar ─────────────────────────────────────────────────────────────────────────────────

/** A file written as a stream whose SHA-256 is computed on the way, so big exports use little memory. */
class ArchivoConHuella {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly stream: fs.WriteStream;

  constructor(ruta: string) {
    this.stream = fs.createWriteStream(ruta, { flags: 'wx' });
  }

  async escribir(texto: string): Promise<void> {
    const buf = Buffer.from(texto, 'utf8');
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!this.stream.write(buf)) await once(this.stream, 'drain');
  }

  async cerrar(): Promise<HuellaArchivo> {
    this.stream.end();
    await finished(this.stream);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

function escribirArchivo(carpeta: string, nombre: string, contenido: string): HuellaArchivo {
  fs.writeFileSync(path.join(carpeta, nombre), contenido, { flag: 'wx' });
  return huellaDeContenido(contenido);
}

function prepararSalida(carpeta: string): void {
  if (fs.existsSync(carpeta) && fs.readdirSync(carpeta).length > 0) {
    throw new ErrorDeUso(`la carpeta de salida ${carpeta} no está vacía: use una nueva para no mezclar paquetes`);
  }
  fs.mkdirSync(carpeta, { recursive: true });
}

async function exportar(salida: string | undefined, loteTexto: string | undefined, progresoTexto: string | undefined): Promise<number> {
  if (!salida) throw new ErrorDeUso('exportar necesita --salida <carpeta>');
  const lote = opcionEntera('lote', loteTexto, LOTE_MAXIMO, 1, LOTE_MAXIMO);
  const cada = opcionEntera('progreso', progresoTexto, 10_000);
  const cfg = loadConfig();
  const carpeta = ruta(salida);
  prepararSalida(carpeta);
  const pem = cfg.IMMUDB_CLAVE_PUBLICA ? fs.readFileSync(cfg.IMMUDB_CLAVE_PUBLICA, 'utf8') : null;
  const raizImagenes = path.join(cfg.PREP_DATA_DIR, 'imagenes');
  const t0 = Date.now();

  // The auditor's own trusted state, kept between exports: each export proves the new cut
  // is consistent with the previous one, so a rolled-back bitácora cannot go unnoticed.
  const bitacora = await BitacoraImmudb.connect({
    address: cfg.IMMUDB_ADDRESS,
    user: cfg.IMMUDB_USER,
    password: cfg.IMMUDB_PASSWORD,
    database: cfg.IMMUDB_DATABASE,
    stateDir: dirEstadoConfiable(cfg.PREP_DATA_DIR, 'auditoria'),
  });
  try {
    // The cut: the bundle holds exactly the entries committed up to this signed state.
    const servidor = await bitacora.currentServerState();
    log(`base '${servidor.db}' en ${cfg.IMMUDB_ADDRESS}: corte en el estado firmado tx ${servidor.txId}`);

    // Every transaction header up to the cut, checked here as the verifier will check it.
    const problemas: ProblemaPrueba[] = [];
    const pruebas = new RevisionPruebas(problemas);
    const transacciones = new ArchivoConHuella(path.join(carpeta, ARCHIVOS.transacciones));
    const conteos: ConteosPaquete = { transacciones: 0, entradas: 0, actas: 0, imagenes: 0, imagenesFaltantes: 0, imagenesDistintas: 0 };
    for await (const tx of recorrerTransacciones(bitacora, servidor.txId)) {
      const linea = lineaDeTransaccion(tx);
      await transacciones.escribir(lineaJsonl(linea));
      pruebas.agregarTransaccion(linea, `tx ${linea.id}`);
      if (++conteos.transacciones % cada === 0)
        log(`  ${conteos.transacciones.toLocaleString('es-MX')} de ${servidor.txId.toLocaleString('es-MX')} encabezados de transacción exportados…`);
    }
    pruebas.cerrarCadena(servidor);

    const fuente = new FuentePruebas(bitacora, (id) => pruebas.entradasDeTx(id));
    const entradas = new ArchivoConHuella(path.join(carpeta, ARCHIVOS.entradas));
    const imagenes = new ArchivoConHuella(path.join(carpeta, ARCHIVOS.imagenes));
    let actaAnterior: string | null = null;
    let posteriores = 0;
    let primeraClave: string | null = null;
    // acta/ sorts before personal/, and each scan is in key order: the file comes out sorted.
    for (const prefijo of PREFIJOS_EXPORTADOS) {
      for await (const e of recorrerPrefijo(bitacora, prefijo, { sinceTx: servidor.txId, pagina: lote })) {
        if (e.txId > servidor.txId) {
          posteriores++;
          continue;
        }
        const linea: LineaEntrada = { key: e.key, value: e.value, txId: e.txId, prueba: await fuente.de(e.key, e.txId) };
        pruebas.probarEntrada(linea);
        await entradas.escribir(lineaJsonl(linea));
        primeraClave ??= e.key;
        conteos.entradas++;
        const acta = claveActaDeLlave(e.key);
        if (acta !== null && acta !== actaAnterior) conteos.actas++;
        actaAnterior = acta ?? actaAnterior;
        const imagen = imagenDeclarada(e);
        if (imagen) {
          const sha256Archivo = await sha256DeImagenGuardada(raizImagenes, imagen.ruta);
          conteos.imagenes++;
          if (sha256Archivo === null) conteos.imagenesFaltantes++;
          else if (sha256Archivo !== imagen.sha256Bitacora) conteos.imagenesDistintas++;
          const linea: LineaImagen = { ...imagen, sha256Archivo };
          await imagenes.escribir(lineaJsonl(linea));
        }
        if (conteos.entradas % cada === 0)
          log(`  ${conteos.entradas.toLocaleString('es-MX')} entradas exportadas con su prueba (${conteos.imagenes.toLocaleString('es-MX')} imágenes)…`);
      }
    }
    pruebas.revisarCobertura();
    const huellas: Record<string, HuellaArchivo> = {
      [ARCHIVOS.transacciones]: await transacciones.cerrar(),
      [ARCHIVOS.entradas]: await entradas.cerrar(),
      [ARCHIVOS.imagenes]: await imagenes.cerrar(),
    };
    log(
      `${conteos.transacciones.toLocaleString('es-MX')} transacciones; ${conteos.entradas.toLocaleString('es-MX')} entradas de ${conteos.actas.toLocaleString('es-MX')} actas y ${conteos.imagenes.toLocaleString('es-MX')} imágenes`,
    );
    for (const p of problemas.slice(0, 20)) log(`  ATENCIÓN ${p.clave}: ${p.mensaje}`);
    if (problemas.length > 20) log(`  … y ${problemas.length - 20} problemas más de pruebas criptográficas`);
    if (posteriores > 0) log(`  ${posteriores} entradas escritas después del corte no se incluyeron`);
    if (conteos.imagenesFaltantes || conteos.imagenesDistintas) {
      log(`  ATENCIÓN: ${conteos.imagenesFaltantes} imágenes faltantes y ${conteos.imagenesDistintas} que no coinciden con su código de integridad`);
    }

    const consistencia = await probarCorte(bitacora, servidor.txId);
    const firma = verificarFirmaEstado(servidor, pem);
    const estado: EstadoExportado = { servidor, confiable: bitacora.trustedState(), consistencia, clavePublicaEsperadaPem: pem, firma };
    huellas[ARCHIVOS.estado] = escribirArchivo(carpeta, ARCHIVOS.estado, `${JSON.stringify(estado, null, 2)}\n`);
    huellas[ARCHIVOS.leeme] = escribirArchivo(carpeta, ARCHIVOS.leeme, textoLeeme(cfg, estado, conteos, primeraClave));
    const exportadoEn = new Date().toISOString();
    const manifiesto = construirManifiesto({ exportadoEn, baseDeDatos: servidor.db, conteos, archivos: huellas });
    const huellaManifiesto = escribirArchivo(carpeta, ARCHIVOS.manifiesto, `${JSON.stringify(manifiesto, null, 2)}\n`);

    log(`paquete escrito en ${carpeta} en ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    log(`  firma del estado: ${describirFirma(firma)}`);
    log(`  consistencia con el estado confiable anterior: ${consistencia.verificada ? 'probada' : `NO PROBADA (${consistencia.detalle})`}`);
    log(`  huella del paquete (SHA-256 de ${ARCHIVOS.manifiesto}): ${huellaManifiesto.sha256}`);
    log('  publique o haga constar esa huella para que quien reciba el paquete pueda compararla');
    return consistencia.verificada && firma.firmaValida && firma.claveEsperada !== false && problemas.length === 0 ? 0 : 1;
  } finally {
    bitacora.close();
  }
}

/** Proves the cut's tx against the client's previous trusted state (a dual proof), moving it forward. */
async function probarCorte(bitacora: BitacoraImmudb, txId: number): Promise<EstadoExportado['consistencia']> {
  try {
    await bitacora.verifiedTxById(txId);
    return { verificada: true, detalle: null };
  } catch (err) {
    return { verificada: false, detalle: err instanceof Error ? err.message : String(err) };
  }
}

function describirFirma(f: EstadoExportado['firma']): string {
  if (!f.firmado) return 'el servidor NO firmó su estado';
  if (!f.firmaValida) return 'firma NO válida';
  if (f.claveEsperada === null) return 'válida (no se configuró IMMUDB_CLAVE_PUBLICA para compararla)';
  return f.claveEsperada ? 'válida, con la clave pública esperada' : 'válida pero con una clave DISTINTA de la esperada';
}

// ─── verificar ────────────────────────────────────────────────────────────────────────────────

async function verificar(carpetaTexto: string, todos: boolean, clavePublica: string | undefined): Promise<number> {
  const carpeta = ruta(carpetaTexto);
  if (!fs.existsSync(carpeta) || !fs.statSync(carpeta).isDirectory()) throw new ErrorDeUso(`no existe la carpeta ${carpeta}`);
  if (clavePublica && !fs.existsSync(ruta(clavePublica))) throw new ErrorDeUso(`no existe el archivo de clave pública ${ruta(clavePublica)}`);
  const informe = await verificarPaquete(lectorDeCarpeta(carpeta), {
    progreso: (m) => process.stderr.write(`[auditoría] ${m}\n`),
    clavePublicaPem: clavePublica ? fs.readFileSync(ruta(clavePublica), 'utf8') : null,
  });
  process.stdout.write(textoInforme(informe, carpeta, todos ? undefined : PROBLEMAS_EN_PANTALLA));
  return informe.problemas.length === 0 ? 0 : 1;
}

// ─── immuclient ───────────────────────────────────────────────────────────────────────────────

const escaparRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs immuclient 1.1.0 exactly as an auditor would by hand (measured on the pinned build):
 * the password only from IMMUCLIENT_PASSWORD (it does not read stdin), an absolute
 * --tokenfile (a relative one lands in $HOME), `use <db>` before safeget, and a fresh working
 * folder because it keeps its trusted state in `.state-<serverUUID>` in the cwd. Its exit code
 * is 0 even when a proof or the signature fails, so the verdict is read from its output.
 */
async function immuclient(cfg: PrepConfig, clave: string, opciones: { clavePublica?: string; binario?: string; carpeta?: string }): Promise<number> {
  const binario = opciones.binario ? ruta(opciones.binario) : (await ensureImmudb()).client;
  const { host, puerto } = separarDireccion(cfg.IMMUDB_ADDRESS);
  const temporal = !opciones.carpeta;
  const dir = opciones.carpeta ? ruta(opciones.carpeta) : fs.mkdtempSync(path.join(os.tmpdir(), 'prep-immuclient-'));
  fs.mkdirSync(dir, { recursive: true });
  const clavePublica = opciones.clavePublica ? ruta(opciones.clavePublica) : cfg.IMMUDB_CLAVE_PUBLICA ? path.resolve(cfg.IMMUDB_CLAVE_PUBLICA) : null;
  const conexion = ['-a', host, '-p', puerto, '--tokenfile', path.join(dir, 'token')];
  const pasos: { args: string[]; exito: RegExp }[] = [
    { args: ['login', cfg.IMMUDB_USER, ...conexion], exito: /Successfully logged in/ },
    { args: ['use', cfg.IMMUDB_DATABASE, ...conexion], exito: /Now using/ },
    {
      args: ['safeget', clave, ...conexion, ...(clavePublica ? ['--server-signing-pub-key', clavePublica] : [])],
      // The proof held, and for the key asked (immuclient prints the key it verified).
      exito: new RegExp(`^key:\\s+${escaparRegExp(clave)}\\s*$[\\s\\S]*^verified:\\s+true`, 'm'),
    },
  ];

  console.log(`# immuclient: ${binario}`);
  console.log(
    `cd ${comillas(dir)}   # immuclient guarda su estado confiable (.state-<uuid>) en la carpeta actual${temporal ? ' (carpeta temporal: se borra al terminar)' : ''}`,
  );
  console.log(`export IMMUCLIENT_PASSWORD=…   # la contraseña de IMMUDB_PASSWORD; immuclient 1.1.0 no la lee de stdin`);
  let salidaSafeget = '';
  try {
    for (const paso of pasos) {
      console.log(`immuclient ${paso.args.map(comillas).join(' ')} </dev/null`);
      const r = spawnSync(binario, paso.args, {
        cwd: dir,
        env: { ...process.env, IMMUCLIENT_PASSWORD: cfg.IMMUDB_PASSWORD },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (r.error) throw new Error(`no se pudo ejecutar ${binario}: ${r.error.message}`);
      const salida = `${r.stdout ?? ''}${r.stderr ?? ''}`;
      for (const linea of salida.split('\n')) if (linea.trim()) console.log(`    ${linea.trimEnd()}`);
      if (!paso.exito.test(salida)) {
        console.log(`\nResultado: immuclient NO verificó ${clave} (falló '${paso.args[0]}', código de salida ${r.status}).`);
        return 1;
      }
      salidaSafeget = salida;
    }
  } finally {
    if (temporal) fs.rmSync(dir, { recursive: true, force: true });
  }
  const valor = /^value:\s*(.*?)\s*$/m.exec(salidaSafeget)?.[1];
  console.log(`\nResultado: immuclient verificó ${clave} (verified: true)${valor !== undefined ? `; valor de ${valor.length} caracteres` : ''}.`);
  console.log(
    clavePublica
      ? `La firma del estado del servidor se comprobó con ${clavePublica}.`
      : 'Aviso: sin IMMUDB_CLAVE_PUBLICA ni --clave-publica no se comprobó la firma del estado del servidor.',
  );
  return 0;
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      salida: { type: 'string' },
      lote: { type: 'string' },
      progreso: { type: 'string' },
      todos: { type: 'boolean' },
      'clave-publica': { type: 'string' },
      binario: { type: 'string' },
      carpeta: { type: 'string' },
      politica: { type: 'string' },
      ayuda: { type: 'boolean', short: 'h' },
    },
  });
  const [accion, ...resto] = positionals;
  if (values.ayuda) {
    console.log(AYUDA);
    return 0;
  }
  switch (accion) {
    case 'exportar':
      if (resto.length) throw new ErrorDeUso(`argumento de más: '${resto.join(' ')}'`);
      return exportar(values.salida, values.lote, values.progreso);
    case 'verificar':
      if (resto.length !== 1) throw new ErrorDeUso('verificar recibe exactamente una carpeta');
      return verificar(resto[0], values.todos ?? false, values['clave-publica']);
    case 'corte':
      if (resto[0] !== 'verificar' || resto.length !== 3) throw new ErrorDeUso('uso: corte verificar <corte.zip> <carpeta-paquete>');
      return verificarCorte(ruta(resto[1]), ruta(resto[2]), { politica: values.politica, todos: values.todos ?? false });
    case 'immuclient':
      if (resto.length !== 1) throw new ErrorDeUso('immuclient recibe exactamente una clave de la bitácora');
      return immuclient(loadConfig(), resto[0], { clavePublica: values['clave-publica'], binario: values.binario, carpeta: values.carpeta });
    default:
      throw new ErrorDeUso(accion ? `acción no reconocida: '${accion}'` : 'falta la acción');
  }
}

ejecutarCli('auditoría', AYUDA, main);
