/**
 * The pure core of "anyone can check a corte": given the corte's files, the bitácora entries of
 * the actas and the catálogo, say whether the corte published exactly what the bitácora held at the
 * signed transaction its manifiesto names — and if not, which file, row and field differ. The CLI
 * reads the zip and the auditor's bundle (and checks the signature and proofs of the bitácora);
 * this part does no I/O.
 */
import { CadenaRotaError, type Catalogo, type PoliticaPrep } from '@prep/domain';
import { actasAlCorte, type EntradaEventoCorte } from './actas-al-corte';
import { compararCsv, type DiferenciaCsv } from './comparar-csv';
import { csvEleccionEnMemoria, nombreArchivoCsv } from './csv-eleccion';
import { ARCHIVO_MANIFIESTO, leerManifiestoCorte, sha256Catalogo, sha256Hex } from './manifiesto';

export type TipoProblemaCorte =
  'MANIFIESTO' | 'ARCHIVO_FALTANTE' | 'ARCHIVO_NO_LISTADO' | 'HASH' | 'TAMANO' | 'CATALOGO' | 'BITACORA' | 'CSV_NO_LISTADO' | 'CSV';

export interface ProblemaCorte {
  tipo: TipoProblemaCorte;
  /** The file of the corte it is about, when there is one. */
  archivo?: string;
  /** For CSV: the cell, summary value, row or byte-level difference. */
  diferencia?: DiferenciaCsv;
  mensaje: string;
}

export interface EntradaVerificacionCorte {
  /** Every file of the corte's zip by name, manifiesto.json included. */
  archivos: Map<string, Buffer>;
  /** The bitácora entries of the actas (any order, any txId: those after the corte are left out). */
  entradas: readonly EntradaEventoCorte[];
  catalogo: Catalogo;
  /** The policy the PREP published with (zone, participación at the final corte). */
  politica: PoliticaPrep;
}

/**
 * [] when the corte is exactly what the bitácora held at its signed transaction. Checks, in order:
 * the manifiesto; each listed file's size and SHA-256 (and that no file is left unlisted); the
 * catálogo's hash; then rebuilds every election's CSV from actasAlCorte(entradas, txId) and names
 * each difference. Rebuilt CSVs are compared even when a hash failed, so a changed file also says
 * which cell changed.
 */
export function verificarArchivosCorte(v: EntradaVerificacionCorte): ProblemaCorte[] {
  const problemas: ProblemaCorte[] = [];
  const texto = v.archivos.get(ARCHIVO_MANIFIESTO);
  if (!texto)
    return [{ tipo: 'MANIFIESTO', archivo: ARCHIVO_MANIFIESTO, mensaje: `El corte no trae ${ARCHIVO_MANIFIESTO}: sin él no se puede verificar nada.` }];
  const leido = leerManifiestoCorte(texto);
  if (!leido.ok)
    return leido.errores.map((mensaje) => ({ tipo: 'MANIFIESTO' as const, archivo: ARCHIVO_MANIFIESTO, mensaje: `${ARCHIVO_MANIFIESTO}: ${mensaje}` }));
  const m = leido.manifiesto;

  const listados = new Set(m.archivos.map((a) => a.nombre));
  for (const a of m.archivos) {
    const datos = v.archivos.get(a.nombre);
    if (!datos) {
      problemas.push({ tipo: 'ARCHIVO_FALTANTE', archivo: a.nombre, mensaje: `Falta ${a.nombre}, listado en el manifiesto.` });
      continue;
    }
    if (datos.length !== a.bytes) {
      problemas.push({ tipo: 'TAMANO', archivo: a.nombre, mensaje: `${a.nombre} tiene ${datos.length} bytes y el manifiesto dice ${a.bytes}.` });
    }
    const sha = sha256Hex(datos);
    if (sha !== a.sha256) {
      problemas.push({
        tipo: 'HASH',
        archivo: a.nombre,
        mensaje: `El SHA-256 de ${a.nombre} es ${sha} y el manifiesto dice ${a.sha256}: el archivo no es el publicado.`,
      });
    }
  }
  for (const nombre of [...v.archivos.keys()].sort()) {
    if (nombre !== ARCHIVO_MANIFIESTO && !listados.has(nombre)) {
      problemas.push({
        tipo: 'ARCHIVO_NO_LISTADO',
        archivo: nombre,
        mensaje: `${nombre} está en el corte pero no en el manifiesto: nada garantiza su contenido.`,
      });
    }
  }
  const catalogo = sha256Catalogo(v.catalogo);
  if (catalogo !== m.catalogoSha256) {
    problemas.push({
      tipo: 'CATALOGO',
      mensaje: `El catálogo del manifiesto (SHA-256 ${m.catalogoSha256}) no es el del paquete (${catalogo}): verifique con el catálogo de ese corte.`,
    });
  }

  let actas;
  try {
    actas = actasAlCorte(v.entradas, m.estadoFirmado.txId);
  } catch (e) {
    const donde = e instanceof CadenaRotaError ? ` (acta ${e.claveActa}, secuencia ${e.secuencia})` : '';
    problemas.push({
      tipo: 'BITACORA',
      mensaje: `La bitácora no se puede reconstruir hasta la transacción ${m.estadoFirmado.txId}${donde}: ${(e as Error).message}`,
    });
    return problemas;
  }
  for (const eleccion of v.catalogo.elecciones) {
    const nombre = nombreArchivoCsv(eleccion);
    const publicado = v.archivos.get(nombre);
    if (!listados.has(nombre)) {
      problemas.push({ tipo: 'CSV_NO_LISTADO', archivo: nombre, mensaje: `El manifiesto no lista ${nombre}, el CSV de ${eleccion.nombre}.` });
    }
    if (!publicado) continue; // reported above as missing (listed) or not listed
    let esperado: Buffer;
    try {
      esperado = csvEleccionEnMemoria({
        catalogo: v.catalogo,
        tipoActa: eleccion.tipoActa,
        actas,
        instante: m.instante,
        politica: v.politica,
        final: m.final ?? false,
      });
    } catch (e) {
      problemas.push({ tipo: 'BITACORA', archivo: nombre, mensaje: `No se puede reconstruir ${nombre} desde la bitácora: ${(e as Error).message}` });
      continue;
    }
    for (const diferencia of compararCsv(esperado, publicado)) {
      problemas.push({ tipo: 'CSV', archivo: nombre, diferencia, mensaje: `${nombre}: ${diferencia.mensaje}` });
    }
  }
  return problemas;
}
