import { romperiaCadena } from '@prep/domain';
import {
  VERSION_ESQUEMA,
  canonico,
  claveActaDeLlave,
  claveEventoActa,
  leerClaveEventoActa,
  leerEventoActa,
  sha256Hex,
  type EventoActaEnBitacora,
} from './esquema';
import { verificarFirmaEstado, type ResultadoFirma } from './firma';
import {
  ARCHIVOS,
  ARCHIVOS_CON_HUELLA,
  VERSION_PAQUETE,
  huellaDeContenido,
  type ConteosPaquete,
  type EstadoExportado,
  type HuellaArchivo,
  type LineaEntrada,
  type LineaImagen,
  type Manifiesto,
} from './paquete';

/**
 * The offline check of an audit bundle (`npm run auditoria -- verificar`): pure, over a
 * LectorPaquete, so every check is unit-tested; the CLI reads the folder.
 */

/** A finding that makes the bundle fail; `clave` is the bitácora key, or the file it is about. */
export interface Problema {
  clave: string;
  mensaje: string;
}

export interface InformeVerificacion {
  problemas: Problema[];
  /** Worth knowing, but not a failure (e.g. no expected public key to compare with). */
  avisos: string[];
  /** SHA-256 of manifiesto.json: the bundle's fingerprint, to compare with a published one. */
  huellaManifiesto: string | null;
  manifiesto: Manifiesto | null;
  estado: EstadoExportado | null;
  conteos: ConteosPaquete;
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

export async function verificarPaquete(lector: LectorPaquete): Promise<InformeVerificacion> {
  const problemas: Problema[] = [];
  const avisos: string[] = [];
  const { manifiesto, huellaManifiesto } = await revisarManifiesto(lector, problemas);
  const estado = await revisarEstado(lector, manifiesto, problemas, avisos);

  const entradas = new RevisionEntradas(estado?.servidor.txId ?? null, problemas);
  let numero = 0;
  for await (const linea of lector.lineas(ARCHIVOS.entradas)) entradas.agregar(linea, ++numero);

  const imagenes = await revisarImagenes(lector, entradas.imagenes, problemas);
  const conteos: ConteosPaquete = {
    entradas: entradas.total,
    actas: entradas.actas,
    imagenes: entradas.imagenes.size,
    imagenesFaltantes: imagenes.faltantes,
    imagenesDistintas: imagenes.distintas,
  };
  if (manifiesto) {
    for (const campo of ['entradas', 'actas', 'imagenes'] as const) {
      if (manifiesto.conteos?.[campo] !== conteos[campo]) {
        problemas.push({
          clave: ARCHIVOS.manifiesto,
          mensaje: `el manifiesto declara ${String(manifiesto.conteos?.[campo])} ${campo} y el paquete contiene ${conteos[campo]}`,
        });
      }
    }
  }
  return { problemas, avisos, huellaManifiesto, manifiesto, estado, conteos };
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

async function revisarEstado(lector: LectorPaquete, manifiesto: Manifiesto | null, problemas: Problema[], avisos: string[]): Promise<EstadoExportado | null> {
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
    firma = verificarFirmaEstado(servidor, estado.clavePublicaEsperadaPem || null);
  } catch (err) {
    problemas.push({ clave, mensaje: `la firma o la clave pública no se pueden leer: ${(err as Error).message}` });
    return estado;
  }
  if (!firma.firmado) problemas.push({ clave, mensaje: 'el estado del servidor no está firmado (immudb debe correr con --signingKey)' });
  else if (!firma.firmaValida) problemas.push({ clave, mensaje: `la firma del estado (tx ${servidor.txId}) no es válida: el estado fue alterado` });
  if (firma.claveEsperada === false) {
    problemas.push({ clave, mensaje: 'el estado está firmado con una clave distinta de la clave pública esperada del servidor' });
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

/** The last entry seen of the acta being followed; faseNueva null when that entry was unreadable. */
interface EslabonActa {
  clave: string;
  secuencia: number;
  faseNueva: string | null;
  txId: number;
}

const rango = (desde: number, hasta: number) => (desde === hasta ? `${desde}` : `${desde} a ${hasta}`);

interface ImagenEsperada {
  claveActa: string;
  sha256: string;
  ruta: string;
}

/**
 * Checks entradas.jsonl line by line with constant memory per acta: lines must be sorted by
 * key, so one acta's entries are contiguous and its chain can be followed as it streams.
 */
class RevisionEntradas {
  total = 0;
  actas = 0;
  /** IMAGEN_DIGITALIZADA entries seen, by key, to cross-check imagenes.jsonl. */
  readonly imagenes = new Map<string, ImagenEsperada>();
  private llaveAnterior: string | null = null;
  private ultimaActa: string | null = null;
  private acta: EslabonActa | null = null;

  constructor(
    private readonly txFirmado: number | null,
    private readonly problemas: Problema[],
  ) {}

  agregar(texto: string, numero: number): void {
    const donde = `${ARCHIVOS.entradas} línea ${numero}`;
    let linea: LineaEntrada;
    try {
      linea = JSON.parse(texto) as LineaEntrada;
    } catch (err) {
      this.problema(donde, `no es JSON válido (${(err as Error).message})`);
      return;
    }
    if (typeof linea?.key !== 'string' || typeof linea.value !== 'string' || !Number.isInteger(linea.txId) || linea.txId < 1) {
      this.problema(donde, 'la línea debe ser {key: texto, value: texto, txId: entero ≥ 1}');
      return;
    }
    this.total++;
    const { key } = linea;
    if (this.llaveAnterior !== null && !(key > this.llaveAnterior)) {
      this.problema(key, `fuera de orden o repetida (después de ${this.llaveAnterior}): el paquete debe estar ordenado por clave`);
    }
    this.llaveAnterior = key;
    // Counted by key, as the exporter counts them, so both sides of the manifest agree.
    const acta = claveActaDeLlave(key);
    if (acta !== null && acta !== this.ultimaActa) this.actas++;
    this.ultimaActa = acta ?? this.ultimaActa;
    if (this.txFirmado !== null && linea.txId > this.txFirmado) {
      this.problema(key, `tx ${linea.txId} es posterior al estado firmado (tx ${this.txFirmado})`);
    }
    if (key.startsWith('acta/')) this.revisarEventoActa(linea);
    else if (key.startsWith('personal/')) this.revisarAccionPersonal(linea);
    else this.problema(key, 'prefijo de clave desconocido');
  }

  private revisarEventoActa({ key, value, txId }: LineaEntrada): void {
    let e: EventoActaEnBitacora;
    try {
      e = leerEventoActa(value); // schema version and sha256Datos over the canonical datos
    } catch (err) {
      this.problema(key, `entrada no válida: ${(err as Error).message}`);
      // Keep following the acta by its key, so one bad entry is not also reported as a gap.
      const k = leerClaveEventoActa(key);
      if (k) this.seguirActa({ clave: k.claveActa, secuencia: k.secuencia, faseNueva: null, txId });
      return;
    }
    // immudb stores the canonical text; any other spelling of the same JSON was not written by us.
    if (canonico(JSON.parse(value)) !== value) this.problema(key, 'el valor no está en JSON canónico (RFC 8785)');
    let esperada: string | null = null;
    try {
      esperada = claveEventoActa(e.claveActa, e.secuencia);
    } catch (err) {
      this.problema(key, (err as Error).message);
    }
    if (esperada !== null && esperada !== key)
      this.problema(key, `la clave no corresponde al contenido (acta ${e.claveActa}, secuencia ${e.secuencia} → ${esperada})`);

    const previa = this.seguirActa({ clave: e.claveActa, secuencia: e.secuencia, faseNueva: e.faseNueva, txId });
    // Gaps are named as ranges here; every other break of the chain by the domain's one rule.
    if (!previa && e.secuencia > 1) {
      this.problema(key, `la historia del acta ${e.claveActa} empieza en la secuencia ${e.secuencia}: faltan las secuencias ${rango(1, e.secuencia - 1)}`);
    } else if (previa && e.secuencia > previa.secuencia + 1) {
      this.problema(key, `hueco en la secuencia del acta ${e.claveActa}: faltan las secuencias ${rango(previa.secuencia + 1, e.secuencia - 1)}`);
    } else if (!previa || e.secuencia === previa.secuencia + 1) {
      // After an unreadable entry its phase is unknown: only the sequence can be followed.
      const anterior = previa ? { claveActa: e.claveActa, secuencia: previa.secuencia, fase: previa.faseNueva ?? String(e.faseAnterior) } : null;
      const rota = romperiaCadena(anterior, e);
      if (rota) this.problema(key, rota);
      // Each transition is appended only after the previous one was committed.
      if (previa && txId <= previa.txId) this.problema(key, `tx ${txId} no es posterior al de la secuencia anterior (tx ${previa.txId})`);
    }

    if (e.tipo === 'IMAGEN_DIGITALIZADA') {
      const datos = e.datos as { sha256?: unknown; ruta?: unknown };
      this.imagenes.set(key, { claveActa: e.claveActa, sha256: String(datos?.sha256 ?? ''), ruta: String(datos?.ruta ?? '') });
    }
  }

  /**
   * A staff action (esquema.ts `entradaAccionPersonal`): key `personal/<fechaHora>/<id>`, value
   * canonical JSON whose sha256Datos covers its datos, exactly like an acta entry.
   */
  private revisarAccionPersonal({ key, value }: LineaEntrada): void {
    let a: { esquema?: unknown; id?: unknown; fechaHora?: unknown; datos?: unknown; sha256Datos?: unknown };
    try {
      a = JSON.parse(value);
      if (a === null || typeof a !== 'object') throw new Error('no es un objeto');
      if (a.esquema !== VERSION_ESQUEMA) throw new Error(`esquema de bitácora desconocido: ${String(a.esquema)}`);
      if (sha256Hex(canonico(a.datos)) !== a.sha256Datos) throw new Error('sha256Datos no coincide con datos');
    } catch (err) {
      this.problema(key, `entrada no válida: ${(err as Error).message}`);
      return;
    }
    if (canonico(a) !== value) this.problema(key, 'el valor no está en JSON canónico (RFC 8785)');
    if (key !== `personal/${String(a.fechaHora)}/${String(a.id)}`)
      this.problema(key, `la clave no corresponde al contenido (fechaHora ${String(a.fechaHora)}, id ${String(a.id)})`);
  }

  /** Moves the chain to this entry; returns the previous link when it is of the same acta. */
  private seguirActa(actual: EslabonActa): EslabonActa | null {
    const previa = this.acta && this.acta.clave === actual.clave ? this.acta : null;
    this.acta = actual;
    return previa;
  }

  private problema(clave: string, mensaje: string): void {
    this.problemas.push({ clave, mensaje });
  }
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
