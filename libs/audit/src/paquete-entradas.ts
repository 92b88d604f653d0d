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
import { ARCHIVOS, type LineaEntrada } from './paquete';
import type { ProblemaPrueba } from './paquete-pruebas';

/**
 * The content half of the bundle check: each entry of entradas.jsonl is well formed, hashes to
 * itself and sits where its acta's history says (paquete-pruebas.ts proves it is the server's).
 */

/** The last entry seen of the acta being followed; faseNueva null when that entry was unreadable. */
interface EslabonActa {
  clave: string;
  secuencia: number;
  faseNueva: string | null;
  txId: number;
}

const rango = (desde: number, hasta: number) => (desde === hasta ? `${desde}` : `${desde} a ${hasta}`);

export interface ImagenEsperada {
  claveActa: string;
  sha256: string;
  ruta: string;
}

/**
 * Checks entradas.jsonl line by line with constant memory per acta: lines must be sorted by
 * key, so one acta's entries are contiguous and its chain can be followed as it streams.
 */
export class RevisionEntradas {
  total = 0;
  actas = 0;
  /** IMAGEN_DIGITALIZADA entries seen, by key, to cross-check imagenes.jsonl. */
  readonly imagenes = new Map<string, ImagenEsperada>();
  private llaveAnterior: string | null = null;
  private ultimaActa: string | null = null;
  private acta: EslabonActa | null = null;

  constructor(
    private readonly txFirmado: number | null,
    private readonly problemas: ProblemaPrueba[],
  ) {}

  /** One line; returns the entry when its shape is right, for the proof check. */
  agregar(texto: string, numero: number): LineaEntrada | null {
    const donde = `${ARCHIVOS.entradas} línea ${numero}`;
    let linea: LineaEntrada;
    try {
      linea = JSON.parse(texto) as LineaEntrada;
    } catch (err) {
      this.problema(donde, `no es JSON válido (${(err as Error).message})`);
      return null;
    }
    if (typeof linea?.key !== 'string' || typeof linea.value !== 'string' || !Number.isInteger(linea.txId) || linea.txId < 1) {
      this.problema(donde, 'la línea debe ser {key: texto, value: texto, txId: entero ≥ 1, prueba}');
      return null;
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
    return linea;
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
      // Each transition is appended only after the previous one was committed; the events of one
      // transition share its transaction (and a batch may carry several actas' transitions).
      if (previa && txId < previa.txId) this.problema(key, `tx ${txId} es anterior al de la secuencia anterior (tx ${previa.txId})`);
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
