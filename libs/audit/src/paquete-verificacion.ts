import { VERSION_ESQUEMA } from './esquema';
import { verificarFirmaEstado, type ResultadoFirma } from './firma';
import {
  ARCHIVOS,
  ARCHIVOS_CON_HUELLA,
  VERSION_PAQUETE,
  huellaDeContenido,
  type ConteosPaquete,
  type EstadoExportado,
  type HuellaArchivo,
  type LineaImagen,
  type Manifiesto,
} from './paquete';
import { RevisionEntradas, type ImagenEsperada } from './paquete-entradas';
import { RevisionPruebas, type ProblemaPrueba } from './paquete-pruebas';

/**
 * The offline check of an audit bundle (`npm run auditoria -- verificar`): pure, over a
 * LectorPaquete, so every check is unit-tested; the CLI reads the folder.
 */

/** A finding that makes the bundle fail; `clave` is the bitácora key, `tx <id>`, or the file it is about. */
export type Problema = ProblemaPrueba;

export interface InformeVerificacion {
  problemas: Problema[];
  /** Worth knowing, but not a failure (e.g. no expected public key to compare with). */
  avisos: string[];
  /** SHA-256 of manifiesto.json: the bundle's fingerprint, to compare with a published one. */
  huellaManifiesto: string | null;
  manifiesto: Manifiesto | null;
  estado: EstadoExportado | null;
  conteos: ConteosPaquete;
  /** Whether every header chained, with no break, to the signed state. */
  cadenaProbada: boolean;
}

export interface OpcionesVerificacionPaquete {
  /** Called every `cada` lines of the big files, so a long check shows it is alive. */
  progreso?: (mensaje: string) => void;
  cada?: number;
  /**
   * The server's public key (PEM) as the auditor obtained it outside the bundle. Without it the
   * signature is checked against the key the bundle itself carries, which a forger who rebuilt
   * the whole bundle would have replaced with their own.
   */
  clavePublicaPem?: string | null;
}

/** How the verifier reads a bundle; the CLI backs it with a folder, the unit tests with memory. */
export interface LectorPaquete {
  /** null when the file does not exist. */
  huella(nombre: string): Promise<HuellaArchivo | null>;
  /** Whole text of a small file (manifest, state); null when it does not exist. */
  texto(nombre: string): Promise<string | null>;
  /** Lines of a possibly large file, without their line breaks; nothing when it does not exist. */
  lineas(nombre: string): AsyncIterable<string>;
}

export function lectorEnMemoria(archivos: Record<string, string>): LectorPaquete {
  const tiene = (n: string) => Object.prototype.hasOwnProperty.call(archivos, n);
  return {
    huella: async (n) => (tiene(n) ? huellaDeContenido(archivos[n]) : null),
    texto: async (n) => (tiene(n) ? archivos[n] : null),
    lineas: async function* (n) {
      if (!tiene(n)) return;
      const partes = archivos[n].split('\n');
      if (partes[partes.length - 1] === '') partes.pop();
      yield* partes;
    },
  };
}

export async function verificarPaquete(lector: LectorPaquete, opciones: OpcionesVerificacionPaquete = {}): Promise<InformeVerificacion> {
  const { progreso = () => undefined, cada = 20_000 } = opciones;
  const problemas: Problema[] = [];
  const avisos: string[] = [];
  const { manifiesto, huellaManifiesto } = await revisarManifiesto(lector, problemas);
  const estado = await revisarEstado(lector, manifiesto, problemas, avisos, opciones.clavePublicaPem ?? null);

  // Headers first: they give the eH each entry is proven against.
  const pruebas = new RevisionPruebas(problemas);
  let numero = 0;
  for await (const texto of lector.lineas(ARCHIVOS.transacciones)) {
    const donde = `${ARCHIVOS.transacciones} línea ${++numero}`;
    let linea: unknown;
    try {
      linea = JSON.parse(texto);
    } catch (err) {
      problemas.push({ clave: donde, mensaje: `no es JSON válido (${(err as Error).message})` });
      continue;
    }
    pruebas.agregarTransaccion(linea, donde);
    if (numero % cada === 0) progreso(`${numero.toLocaleString('es-MX')} transacciones encadenadas…`);
  }
  pruebas.cerrarCadena(estado?.servidor ?? null);

  const entradas = new RevisionEntradas(estado?.servidor.txId ?? null, problemas);
  numero = 0;
  for await (const texto of lector.lineas(ARCHIVOS.entradas)) {
    const linea = entradas.agregar(texto, ++numero);
    if (linea) pruebas.probarEntrada(linea);
    if (numero % cada === 0) progreso(`${numero.toLocaleString('es-MX')} entradas probadas…`);
  }
  pruebas.revisarCobertura();

  const imagenes = await revisarImagenes(lector, entradas.imagenes, problemas);
  const conteos: ConteosPaquete = {
    transacciones: pruebas.transacciones,
    entradas: entradas.total,
    actas: entradas.actas,
    imagenes: entradas.imagenes.size,
    imagenesFaltantes: imagenes.faltantes,
    imagenesDistintas: imagenes.distintas,
  };
  if (manifiesto) {
    for (const campo of ['transacciones', 'entradas', 'actas', 'imagenes'] as const) {
      if (manifiesto.conteos?.[campo] !== conteos[campo]) {
        problemas.push({
          clave: ARCHIVOS.manifiesto,
          mensaje: `el manifiesto declara ${String(manifiesto.conteos?.[campo])} ${campo} y el paquete contiene ${conteos[campo]}`,
        });
      }
    }
  }
  const cadenaProbada = pruebas.cadenaCompleta && estado !== null && pruebas.transacciones === estado.servidor.txId;
  return { problemas, avisos, huellaManifiesto, manifiesto, estado, conteos, cadenaProbada };
}

async function revisarManifiesto(lector: LectorPaquete, problemas: Problema[]) {
  const texto = await lector.texto(ARCHIVOS.manifiesto);
  if (texto === null) {
    problemas.push({ clave: ARCHIVOS.manifiesto, mensaje: 'no existe: sin manifiesto no se puede comprobar la integridad de los archivos' });
    return { manifiesto: null, huellaManifiesto: null };
  }
  // Of the bytes, so it is what `sha256sum manifiesto.json` prints.
  const huellaManifiesto = (await lector.huella(ARCHIVOS.manifiesto))?.sha256 ?? null;
  let manifiesto: Manifiesto;
  try {
    manifiesto = JSON.parse(texto) as Manifiesto;
    if (manifiesto === null || typeof manifiesto !== 'object') throw new Error('no es un objeto');
  } catch (err) {
    problemas.push({ clave: ARCHIVOS.manifiesto, mensaje: `no es JSON válido (${(err as Error).message})` });
    return { manifiesto: null, huellaManifiesto };
  }
  if (manifiesto.formato !== 'prep-paquete-auditoria' || manifiesto.versionPaquete !== VERSION_PAQUETE) {
    problemas.push({
      clave: ARCHIVOS.manifiesto,
      mensaje: `formato de paquete desconocido (${String(manifiesto.formato)} v${String(manifiesto.versionPaquete)}); este verificador lee prep-paquete-auditoria v${VERSION_PAQUETE}`,
    });
  }
  if (manifiesto.esquemaBitacora !== VERSION_ESQUEMA) {
    problemas.push({
      clave: ARCHIVOS.manifiesto,
      mensaje: `esquema de bitácora ${String(manifiesto.esquemaBitacora)}; este verificador conoce el ${VERSION_ESQUEMA}`,
    });
  }
  const declarados = manifiesto.archivos ?? {};
  for (const nombre of ARCHIVOS_CON_HUELLA) {
    const esperado = declarados[nombre];
    const real = await lector.huella(nombre);
    if (!esperado) problemas.push({ clave: nombre, mensaje: 'el manifiesto no trae su huella' });
    else if (!real) problemas.push({ clave: nombre, mensaje: 'falta en el paquete' });
    else if (real.sha256 !== esperado.sha256 || real.bytes !== esperado.bytes) {
      problemas.push({
        clave: nombre,
        mensaje: `no coincide con el manifiesto: SHA-256 ${real.sha256} (${real.bytes} bytes), el manifiesto dice ${esperado.sha256} (${esperado.bytes} bytes)`,
      });
    }
  }
  return { manifiesto, huellaManifiesto };
}

async function revisarEstado(
  lector: LectorPaquete,
  manifiesto: Manifiesto | null,
  problemas: Problema[],
  avisos: string[],
  clavePublicaPem: string | null,
): Promise<EstadoExportado | null> {
  const clave = ARCHIVOS.estado;
  const texto = await lector.texto(clave);
  if (texto === null) {
    problemas.push({ clave, mensaje: 'no existe: no hay estado firmado contra el cual auditar' });
    return null;
  }
  let estado: EstadoExportado;
  try {
    estado = JSON.parse(texto) as EstadoExportado;
  } catch (err) {
    problemas.push({ clave, mensaje: `no es JSON válido (${(err as Error).message})` });
    return null;
  }
  const servidor = estado?.servidor;
  if (!servidor || typeof servidor.db !== 'string' || !Number.isInteger(servidor.txId) || !/^[0-9a-f]{64}$/.test(servidor.txHash ?? '')) {
    problemas.push({ clave, mensaje: 'el estado del servidor está incompleto (db, txId, txHash)' });
    return null;
  }
  if (manifiesto && manifiesto.baseDeDatos !== servidor.db) {
    problemas.push({ clave, mensaje: `el estado es de la base '${servidor.db}' y el manifiesto dice '${manifiesto.baseDeDatos}'` });
  }

  // The signature is recomputed here: the result the exporter recorded is not trusted.
  let firma: ResultadoFirma;
  try {
    firma = verificarFirmaEstado(servidor, clavePublicaPem ?? (estado.clavePublicaEsperadaPem || null));
  } catch (err) {
    problemas.push({ clave, mensaje: `la firma o la clave pública no se pueden leer: ${(err as Error).message}` });
    return estado;
  }
  if (!firma.firmado) problemas.push({ clave, mensaje: 'el estado del servidor no está firmado (immudb debe correr con --signingKey)' });
  else if (!firma.firmaValida) problemas.push({ clave, mensaje: `la firma del estado (tx ${servidor.txId}) no es válida: el estado fue alterado` });
  if (firma.claveEsperada === false) {
    problemas.push({
      clave,
      mensaje: clavePublicaPem
        ? 'el estado está firmado con una clave distinta de la clave pública del servidor que usted dio (--clave-publica): el paquete no viene de ese servidor'
        : 'el estado está firmado con una clave distinta de la clave pública esperada del servidor',
    });
  } else if (firma.firmado && firma.claveEsperada && !clavePublicaPem) {
    avisos.push(
      'la firma se comprobó con la clave pública que trae el propio paquete (estado.json); quien rehiciera el paquete entero ' +
        'pondría ahí la suya: verifique con --clave-publica <archivo PEM> y la clave publicada por el PREP.',
    );
  } else if (firma.firmado && firma.claveEsperada === null) {
    avisos.push(
      'el paquete no trae la clave pública esperada: la firma se comprobó con la clave que trae el propio estado, ' +
        'lo que no prueba qué servidor lo firmó; compárela con la clave publicada por el PREP.',
    );
  }

  if (!estado.consistencia?.verificada) {
    problemas.push({
      clave,
      mensaje: `al exportar no se pudo probar que el estado firmado es consistente con el estado confiable anterior del cliente${estado.consistencia?.detalle ? `: ${estado.consistencia.detalle}` : ''}`,
    });
  }
  const confiable = estado.confiable;
  if (confiable) {
    if (confiable.db !== servidor.db) problemas.push({ clave, mensaje: `el estado confiable es de la base '${confiable.db}', no de '${servidor.db}'` });
    // After the proof the client trusts exactly the signed tx (or a later one from an earlier export).
    if (confiable.txId === servidor.txId && confiable.txHash !== servidor.txHash) {
      problemas.push({ clave, mensaje: `el estado confiable y el firmado tienen el mismo tx ${servidor.txId} con hashes distintos: historial bifurcado` });
    }
    if (confiable.txId < servidor.txId) {
      problemas.push({ clave, mensaje: `el estado confiable (tx ${confiable.txId}) no llegó al estado firmado (tx ${servidor.txId})` });
    }
  }
  return estado;
}

async function revisarImagenes(lector: LectorPaquete, esperadas: Map<string, ImagenEsperada>, problemas: Problema[]) {
  let faltantes = 0;
  let distintas = 0;
  const vistas = new Set<string>();
  let numero = 0;
  for await (const texto of lector.lineas(ARCHIVOS.imagenes)) {
    numero++;
    let l: LineaImagen;
    try {
      l = JSON.parse(texto) as LineaImagen;
    } catch (err) {
      problemas.push({ clave: `${ARCHIVOS.imagenes} línea ${numero}`, mensaje: `no es JSON válido (${(err as Error).message})` });
      continue;
    }
    const esperada = esperadas.get(l?.key);
    if (!esperada) {
      problemas.push({ clave: String(l?.key), mensaje: `${ARCHIVOS.imagenes} lista una imagen que no está en la bitácora exportada` });
      continue;
    }
    if (vistas.has(l.key)) problemas.push({ clave: l.key, mensaje: `${ARCHIVOS.imagenes} repite la imagen` });
    vistas.add(l.key);
    if (l.sha256Bitacora !== esperada.sha256 || l.ruta !== esperada.ruta || l.claveActa !== esperada.claveActa) {
      problemas.push({ clave: l.key, mensaje: `${ARCHIVOS.imagenes} no copia fielmente la entrada de la bitácora (acta, sha256 o ruta)` });
    }
    if (l.sha256Archivo === null) {
      faltantes++;
      problemas.push({ clave: l.key, mensaje: `la imagen ${esperada.ruta} del acta ${esperada.claveActa} no estaba en el almacén al exportar` });
    } else if (l.sha256Archivo !== esperada.sha256) {
      distintas++;
      problemas.push({
        clave: l.key,
        mensaje: `la imagen ${esperada.ruta} del acta ${esperada.claveActa} no coincide con su código de integridad: el archivo tiene SHA-256 ${l.sha256Archivo} y la bitácora registró ${esperada.sha256}`,
      });
    }
  }
  for (const key of esperadas.keys()) {
    if (!vistas.has(key)) problemas.push({ clave: key, mensaje: `la imagen registrada en la bitácora no aparece en ${ARCHIVOS.imagenes}` });
  }
  return { faltantes, distintas };
}
