import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLITICA_PREP, aplicarComando, iniciarActa, type ComandoActa, type ContextoActa, type EventoActa } from '@prep/domain';
import {
  ARCHIVOS,
  BitacoraImmudb,
  canonico,
  entradaAccionPersonal,
  entradaEventoActa,
  huellaDeContenido,
  sha256Hex,
  type EstadoExportado,
  type LineaEntrada,
  type LineaTransaccion,
  type Manifiesto,
} from '@prep/audit';

/**
 * `npm run auditoria -- exportar|verificar` end to end: entries written to the real immudb with
 * the project's bitácora client, events made by the domain's own state machine, image files in
 * the real store layout. Each scenario gets its own immudb database and data folder, so entries
 * other test files write during the run never reach these bundles.
 */
const RAIZ = path.resolve(__dirname, '..');
const BASE = process.env.IMMUDB_DATABASE!;
const DATOS = path.join(process.env.PREP_DATA_DIR!, 'auditoria-paquete');

const COLS = ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 600, representantes: 10 } };
const VALORES = {
  PAN: 120,
  PRI: 95,
  MORENA: 140,
  NO_REGISTRADAS: 2,
  NULOS: 11,
  TOTAL_BOLETAS_SOBRANTES: 230,
  TOTAL_PERSONAS_VOTARON: 368,
  TOTAL_REP_PARTIDO_CI_VOTARON: 6,
  TOTAL_VOTOS_SACADOS: 368,
  TOTAL_VOTOS_ASENTADO: 368,
};

interface Escenario {
  db: string;
  dataDir: string;
  bitacora: BitacoraImmudb;
}

const abiertos: BitacoraImmudb[] = [];

async function escenario(nombre: string): Promise<Escenario> {
  const db = `${BASE}${nombre}`;
  const dataDir = path.join(DATOS, nombre);
  const bitacora = await BitacoraImmudb.connect({
    address: process.env.IMMUDB_ADDRESS!,
    user: 'immudb',
    password: 'immudb',
    database: db,
    stateDir: path.join(dataDir, 'bitacora-state', 'pruebas'),
  });
  abiertos.push(bitacora);
  return { db, dataDir, bitacora };
}

afterAll(() => abiertos.forEach((l) => l.close()));

/** Stores an image the way the API does (content-addressed under <PREP_DATA_DIR>/imagenes). */
function guardarImagen(dataDir: string, contenido: Buffer): { sha256: string; ruta: string; archivo: string } {
  const sha256 = createHash('sha256').update(contenido).digest('hex');
  const ruta = `${sha256.slice(0, 2)}/${sha256}.jpg`;
  const archivo = path.join(dataDir, 'imagenes', ruta);
  fs.mkdirSync(path.dirname(archivo), { recursive: true });
  fs.writeFileSync(archivo, contenido);
  return { sha256, ruta, archivo };
}

/** A whole acta, acopio to publicación, through the domain state machine. */
function historia(claveActa: string, imagen: { sha256: string; ruta: string }): EventoActa[] {
  let s = 0;
  const hora = () => new Date(Date.UTC(2027, 5, 7, 2, 0, s++)).toISOString();
  const pasos: ComandoActa[] = [
    { tipo: 'DIGITALIZACION', usuario: 'dig1', fechaHora: hora(), sha256: imagen.sha256, origen: 'CATD', medio: 'ESCANER', ruta: imagen.ruta, catd: 'M001' },
    { tipo: 'CAPTURA', usuario: 'cap1', fechaHora: hora(), valores: VALORES },
    { tipo: 'CAPTURA', usuario: 'cap2', fechaHora: hora(), valores: VALORES },
    { tipo: 'VERIFICACION', usuario: 'ver1', fechaHora: hora(), decision: 'CONFIRMAR' },
  ];
  let t = iniciarActa({ tipo: 'ACOPIO', claveActa, catd: 'M001', usuario: 'aco1', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false }, CTX);
  const eventos = [...t.eventos];
  for (const c of pasos) {
    t = aplicarComando(t.estado, c, CTX);
    eventos.push(...t.eventos);
  }
  return eventos;
}

async function escribir(bitacora: BitacoraImmudb, eventos: EventoActa[]): Promise<string[]> {
  const claves: string[] = [];
  for (const e of eventos) {
    const { key, value } = entradaEventoActa(e);
    await bitacora.verifiedSet(key, value);
    claves.push(key);
  }
  return claves;
}

function auditoria(args: string[], e: Escenario, env: Record<string, string> = {}): { codigo: number | null; salida: string } {
  const r = spawnSync(process.execPath, [path.join(RAIZ, 'scripts', 'run.js'), 'scripts/auditoria.ts', ...args], {
    cwd: RAIZ,
    env: { ...process.env, IMMUDB_DATABASE: e.db, PREP_DATA_DIR: e.dataDir, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { codigo: r.status, salida: `${r.stdout}${r.stderr}` };
}

function exportar(e: Escenario, nombre: string, extra: string[] = []): string {
  const salida = path.join(e.dataDir, nombre);
  const r = auditoria(['exportar', '--salida', salida, ...extra], e);
  if (r.codigo !== 0) throw new Error(`exportar terminó con ${r.codigo}:\n${r.salida}`);
  return salida;
}

const leerJsonl = <T>(archivo: string): T[] =>
  fs
    .readFileSync(archivo, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

describe('paquete de auditoría fuera de línea', () => {
  let sano: Escenario;
  let paqueteSano: string;
  let escritas: Map<string, string>;
  const actas = ['290123B01006', '290124B01006', '290124C01006'];

  beforeAll(async () => {
    sano = await escenario('pq1');
    escritas = new Map();
    for (const clave of actas) {
      const imagen = guardarImagen(sano.dataDir, Buffer.from(`JPEG acta ${clave}`));
      for (const e of historia(clave, imagen)) {
        const { key, value } = entradaEventoActa(e);
        await sano.bitacora.verifiedSet(key, value);
        escritas.set(key, value);
      }
    }
    const accion = entradaAccionPersonal({ id: 'aud1torpaq01', tipo: 'SESION_INICIADA', usuario: 'ana', fechaHora: new Date().toISOString(), datos: {} });
    await sano.bitacora.verifiedSet(accion.key, accion.value);
    escritas.set(accion.key, accion.value);
    // One transaction of several entries, as a batch seeding writes them: proofs with terms.
    const lote = ['aud1torpaq02', 'aud1torpaq03', 'aud1torpaq04'].map((id) =>
      entradaAccionPersonal({ id, tipo: 'SESION_INICIADA', usuario: 'bea', fechaHora: new Date().toISOString(), datos: {} }),
    );
    await sano.bitacora.setAllSinVerificar(lote);
    for (const a of lote) escritas.set(a.key, a.value);
    // A page of 4 forces many scan pages with seekKey over these 22 entries.
    paqueteSano = exportar(sano, 'paquete', ['--lote', '4']);
  });

  it('exporta cada entrada, ordenada y tal como está en immudb, con el estado firmado y el manifiesto', () => {
    const lineas = leerJsonl<LineaEntrada>(path.join(paqueteSano, ARCHIVOS.entradas));
    expect(lineas.map((l) => l.key)).toEqual([...escritas.keys()].sort());
    for (const l of lineas) expect(l.value).toBe(escritas.get(l.key));
    const estado = JSON.parse(fs.readFileSync(path.join(paqueteSano, ARCHIVOS.estado), 'utf8')) as EstadoExportado;
    expect(estado.servidor.db).toBe(sano.db);
    expect(Math.max(...lineas.map((l) => l.txId))).toBeLessThanOrEqual(estado.servidor.txId);
    expect(estado.firma).toEqual({ firmado: true, firmaValida: true, claveEsperada: true });
    expect(estado.clavePublicaEsperadaPem).toBe(fs.readFileSync(process.env.IMMUDB_CLAVE_PUBLICA!, 'utf8'));
    expect(estado.consistencia).toEqual({ verificada: true, detalle: null });
    expect(estado.confiable).toEqual({ db: sano.db, txId: estado.servidor.txId, txHash: estado.servidor.txHash });
    // Every transaction from 1 to the signed one: immudb's SQL catalogue entry, one per entry, and the batch.
    const transacciones = leerJsonl<LineaTransaccion>(path.join(paqueteSano, ARCHIVOS.transacciones));
    expect(transacciones.map((t) => t.id)).toEqual(Array.from({ length: estado.servidor.txId }, (_, i) => i + 1));
    expect(transacciones[0].otras).toHaveLength(1);
    expect(transacciones.filter((t) => t.nentries === 3)).toHaveLength(1);
    expect(lineas.filter((l) => l.prueba.width === 3).map((l) => l.prueba.terms.length)).toEqual([2, 2, 1]);
    const manifiesto = JSON.parse(fs.readFileSync(path.join(paqueteSano, ARCHIVOS.manifiesto), 'utf8')) as Manifiesto;
    expect(manifiesto.versionPaquete).toBe(2);
    expect(manifiesto.conteos).toEqual({
      transacciones: estado.servidor.txId,
      entradas: escritas.size,
      actas: 3,
      imagenes: 3,
      imagenesFaltantes: 0,
      imagenesDistintas: 0,
    });
    expect(manifiesto.archivos[ARCHIVOS.entradas]).toEqual(huellaDeContenido(fs.readFileSync(path.join(paqueteSano, ARCHIVOS.entradas))));
    const leeme = fs.readFileSync(path.join(paqueteSano, ARCHIVOS.leeme), 'utf8');
    expect(leeme).toContain(`immuclient use ${sano.db}`);
    expect(leeme).toContain('verified: true');
  });

  it('verifica el paquete íntegro sin acceso a la base de datos, con la clave pública obtenida aparte', () => {
    // Nothing listens on port 1: the check must not need the server.
    const r = auditoria(['verificar', paqueteSano, '--clave-publica', process.env.IMMUDB_CLAVE_PUBLICA!], sano, { IMMUDB_ADDRESS: '127.0.0.1:1' });
    expect(r.salida).toContain('Sin problemas');
    expect(r.salida).toContain('encadenadas por su Alh hasta el hash firmado');
    expect(r.salida).not.toContain('Aviso');
    expect(r.codigo).toBe(0);

    // Without it the bundle's own key is used, and the report says so.
    const sinClave = auditoria(['verificar', paqueteSano], sano);
    expect(sinClave.codigo).toBe(0);
    expect(sinClave.salida).toContain('Aviso: la firma se comprobó con la clave pública que trae el propio paquete');

    // Another server's key: the same bundle does not come from that server.
    const otra = path.join(sano.dataDir, 'otra.pub.pem');
    fs.writeFileSync(otra, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }));
    const x = auditoria(['verificar', paqueteSano, '--clave-publica', otra], sano);
    expect(x.codigo).toBe(1);
    expect(x.salida).toContain('estado.json: el estado está firmado con una clave distinta de la clave pública del servidor que usted dio');
  });

  it('el ataque del probador externo: un voto publicado +100, con sha256Datos y manifiesto recalculados, no pasa', () => {
    const copia = path.join(sano.dataDir, 'paquete-alterado');
    fs.cpSync(paqueteSano, copia, { recursive: true });
    const archivo = path.join(copia, ARCHIVOS.entradas);
    const lineas = leerJsonl<LineaEntrada>(archivo);
    const objetivo = lineas.find((l) => JSON.parse(l.value).tipo === 'ACTA_PUBLICADA')!;
    const v = JSON.parse(objetivo.value);
    v.datos.datos.MORENA += 100;
    v.sha256Datos = sha256Hex(canonico(v.datos));
    objetivo.value = canonico(v);
    fs.writeFileSync(archivo, lineas.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const manifiesto = JSON.parse(fs.readFileSync(path.join(copia, ARCHIVOS.manifiesto), 'utf8')) as Manifiesto;
    manifiesto.archivos[ARCHIVOS.entradas] = huellaDeContenido(fs.readFileSync(archivo));
    fs.writeFileSync(path.join(copia, ARCHIVOS.manifiesto), JSON.stringify(manifiesto, null, 2));

    const r = auditoria(['verificar', copia], sano);
    expect(r.codigo).toBe(1);
    expect(r.salida).toContain(`${objetivo.key}: la entrada no pertenece a la transacción ${objetivo.txId} que firmó el servidor`);
    expect(r.salida).toContain('Problemas (1)');
  });

  it('una clave escrita dos veces en la bitácora se reporta al exportar y al verificar', async () => {
    const e = await escenario('pq4');
    const imagen = guardarImagen(e.dataDir, Buffer.from('JPEG acta 290400B01006'));
    const [primera] = await escribir(e.bitacora, historia('290400B01006', imagen));
    const valor = (await e.bitacora.verifiedGet(primera))!;
    await e.bitacora.verifiedSet(primera, valor.value); // what a retry that skipped its check would do

    const salida = path.join(e.dataDir, 'paquete');
    const x = auditoria(['exportar', '--salida', salida], e);
    expect(x.codigo).toBe(1);
    expect(x.salida).toContain(`ATENCIÓN tx ${valor.txId}: su entrada no está en el paquete`);
    const r = auditoria(['verificar', salida], e);
    expect(r.codigo).toBe(1);
    expect(r.salida).toContain(
      `tx ${valor.txId}: su entrada no está en el paquete: se omitió una entrada de la bitácora o se escribió dos veces la misma clave`,
    );
    // The index serves the later write, which also breaks the acta's order of transactions.
    expect(r.salida).toContain(`acta/290400B01006/000002: tx ${valor.txId + 1} es anterior al de la secuencia anterior (tx ${valor.txId + 7})`);
    expect(r.salida).toContain('Problemas (2)');
  });

  it('detecta una imagen cambiada o ausente en el almacén antes de exportar', async () => {
    const e = await escenario('pq2');
    const cambiada = guardarImagen(e.dataDir, Buffer.from('JPEG acta 290200B01006'));
    const [claveCambiada] = (await escribir(e.bitacora, historia('290200B01006', cambiada))).filter((k) => k.endsWith('/000002'));
    fs.writeFileSync(cambiada.archivo, Buffer.from('JPEG acta 290200B01006 retocada'));
    const ausente = guardarImagen(e.dataDir, Buffer.from('JPEG acta 290201B01006'));
    const [claveAusente] = (await escribir(e.bitacora, historia('290201B01006', ausente))).filter((k) => k.endsWith('/000002'));
    fs.rmSync(ausente.archivo);

    const paquete = exportar(e, 'paquete');
    const r = auditoria(['verificar', paquete], e);
    expect(r.codigo).toBe(1);
    const retocada = createHash('sha256').update('JPEG acta 290200B01006 retocada').digest('hex');
    expect(r.salida).toContain(
      `${claveCambiada}: la imagen ${cambiada.ruta} del acta 290200B01006 no coincide con su código de integridad: el archivo tiene SHA-256 ${retocada}`,
    );
    expect(r.salida).toContain(`${claveAusente}: la imagen ${ausente.ruta} del acta 290201B01006 no estaba en el almacén`);
    expect(r.salida).toContain('Problemas (2)');
  });

  it('detecta un hueco en la secuencia de un acta en la bitácora', async () => {
    const e = await escenario('pq3');
    const imagen = guardarImagen(e.dataDir, Buffer.from('JPEG acta 290300B01006'));
    const eventos = historia('290300B01006', imagen);
    expect(eventos.length).toBeGreaterThan(4);
    await escribir(
      e.bitacora,
      eventos.filter((x) => x.secuencia !== 3),
    );

    const r = auditoria(['verificar', exportar(e, 'paquete')], e);
    expect(r.codigo).toBe(1);
    expect(r.salida).toContain('acta/290300B01006/000004: hueco en la secuencia del acta 290300B01006: faltan las secuencias 3');
    expect(r.salida).toContain('Problemas (1)');
  });

  it('no exporta sobre una carpeta con contenido', () => {
    const r = auditoria(['exportar', '--salida', paqueteSano], sano);
    expect(r.codigo).toBe(2);
    expect(r.salida).toContain('no está vacía');
  });
});
