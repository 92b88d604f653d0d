import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import {
  ARCHIVOS,
  PREFIJO_PERSONAL,
  alhDe,
  leerEncabezado,
  leerEventoActa,
  verificarFirmaEstado,
  verificarPaquete,
  type EstadoExportado,
  type LineaEntrada,
} from '@prep/audit';
import { leerCatalogo } from '@prep/catalogo';
import { ARCHIVO_CASILLAS, ARCHIVO_CATALOGO, leerZip } from '@prep/cortes';
import { crearPolitica, type EventoActa, type PoliticaPrep } from '@prep/domain';
import { ARCHIVO_MANIFIESTO, verificarArchivosCorte, type EntradaEventoCorte, type ManifiestoCorte } from '@prep/publicacion';
import { ErrorDeUso } from './cli';
import { lectorDeCarpeta } from './auditoria-carpeta';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The manifest's signature as verificarFirmaEstado reads it; anything else counts as unsigned. */
function firmaDelManifiesto(f: unknown): { signature: string; publicKey: string } | undefined {
  if (typeof f !== 'object' || f === null) return undefined;
  const { signature, publicKey } = f as Record<string, unknown>;
  return typeof signature === 'string' && typeof publicKey === 'string' ? { signature, publicKey } : undefined;
}

interface Problema {
  donde: string;
  mensaje: string;
}

function politicaDe(texto: string | undefined): PoliticaPrep {
  if (!texto) return crearPolitica();
  try {
    return crearPolitica(JSON.parse(texto) as Partial<PoliticaPrep>);
  } catch {
    throw new ErrorDeUso(`--politica debe ser JSON, p. ej. '{"maxDevoluciones":3}' (se recibió '${texto.slice(0, 60)}')`);
  }
}

/**
 * `npm run auditoria -- corte verificar <corte.zip> <carpeta-paquete>`: a published corte against an
 * exported bitácora bundle, offline. The bundle must pass its own check; the zip's files must be
 * the ones its manifest lists; the manifest's SHA-256 must be in a CORTE_PUBLICADO entry of the
 * bundle with the same signed state; and every CSV value must be what the bitácora's entries up to
 * that state give (each difference names the file, the row and the field).
 */
export async function verificarCorte(zipRuta: string, paquete: string, o: { politica?: string; todos: boolean }): Promise<number> {
  if (!fs.existsSync(zipRuta)) throw new ErrorDeUso(`no existe el archivo ${zipRuta}`);
  if (!fs.existsSync(paquete) || !fs.statSync(paquete).isDirectory()) throw new ErrorDeUso(`no existe la carpeta ${paquete}`);
  const politica = politicaDe(o.politica);
  const problemas: Problema[] = [];
  const p = (donde: string, mensaje: string) => problemas.push({ donde, mensaje });

  let archivos: Map<string, Buffer>;
  try {
    archivos = await leerZip(fs.readFileSync(zipRuta));
  } catch (err) {
    console.log(`El zip no se puede leer: ${(err as Error).message}. Descárguelo de nuevo y compare su SHA-256 con el publicado.`);
    return 1;
  }
  const crudo = archivos.get(ARCHIVO_MANIFIESTO);
  if (!crudo) {
    console.log(`El zip no tiene ${ARCHIVO_MANIFIESTO}: no es un corte del PREP.`);
    return 1;
  }
  const huellaManifiesto = sha256(crudo);
  let m: ManifiestoCorte;
  try {
    m = JSON.parse(crudo.toString('utf8')) as ManifiestoCorte;
  } catch (err) {
    console.log(`${ARCHIVO_MANIFIESTO} no es JSON válido: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Corte ${m.numero} (${m.instante}), estado firmado tx ${m.estadoFirmado?.txId}; SHA-256 del manifiesto ${huellaManifiesto}`);

  // 2. The signed state carries a valid signature (the key is compared with the bundle's expected one).
  const paqueteEstado = fs.existsSync(`${paquete}/estado.json`) ? (JSON.parse(fs.readFileSync(`${paquete}/estado.json`, 'utf8')) as EstadoExportado) : null;
  const ef = m.estadoFirmado;
  const firma = verificarFirmaEstado(
    { db: ef.db, txId: ef.txId, txHash: ef.txHash, signature: firmaDelManifiesto(ef.firma) },
    paqueteEstado?.clavePublicaEsperadaPem ?? null,
  );
  if (!firma.firmado) p('manifiesto.json', 'el estado de la bitácora del corte no trae firma');
  else if (!firma.firmaValida) p('manifiesto.json', `la firma del estado (tx ${ef.txId}) no corresponde a db, txId y txHash: el estado firmado fue alterado`);
  else if (firma.claveEsperada === false) p('manifiesto.json', 'el estado está firmado con una clave distinta de la esperada por el paquete');

  // 3. The bundle passes its own check.
  const informe = await verificarPaquete(lectorDeCarpeta(paquete));
  for (const x of informe.problemas) p(`paquete: ${x.clave}`, x.mensaje);
  if (paqueteEstado && paqueteEstado.servidor.txId < ef.txId)
    p('paquete', `el paquete se cortó en la tx ${paqueteEstado.servidor.txId}, antes del corte (tx ${ef.txId}): exporte uno nuevo`);

  // 3b. The corte's signed state is a point of the history the bundle proves: the Alh recomputed
  // from the bundle's header of that transaction (chained up to the bundle's signed state) is the
  // corte's txHash. A state signed over another history fails here even with a valid signature.
  const lineaTx = fs.existsSync(`${paquete}/${ARCHIVOS.transacciones}`)
    ? fs
        .readFileSync(`${paquete}/${ARCHIVOS.transacciones}`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`{"id":${ef.txId},`) || l.includes(`"id":${ef.txId},`))
    : undefined;
  const encabezado = lineaTx ? leerEncabezado(JSON.parse(lineaTx) as Parameters<typeof leerEncabezado>[0]) : null;
  if (encabezado?.id !== ef.txId)
    p('manifiesto.json', `el paquete no trae el encabezado de la tx ${ef.txId}: no se puede probar que el corte es parte de su historia`);
  else if (alhDe(encabezado).toString('hex') !== ef.txHash)
    p(
      'manifiesto.json',
      `el txHash del corte (tx ${ef.txId}) no es el de esa transacción en la historia que el paquete prueba (${alhDe(encabezado).toString('hex')})`,
    );

  // 4. The manifest's hash is in a CORTE_PUBLICADO entry, with this signed state.
  const entradas: LineaEntrada[] = fs
    .readFileSync(`${paquete}/entradas.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as LineaEntrada);
  const publicado = entradas
    .filter((e) => e.key.startsWith(PREFIJO_PERSONAL))
    .map((e) => JSON.parse(e.value) as { tipo: string; datos: Record<string, unknown> })
    .find((v) => v.tipo === 'CORTE_PUBLICADO' && v.datos.manifiestoSha256 === huellaManifiesto);
  if (!publicado)
    p('manifiesto.json', `ninguna entrada CORTE_PUBLICADO de la bitácora registra el SHA-256 ${huellaManifiesto}: este manifiesto no es el publicado`);
  else if (publicado.datos.numero !== m.numero || publicado.datos.txId !== ef.txId || publicado.datos.txHash !== ef.txHash)
    p(
      'manifiesto.json',
      `CORTE_PUBLICADO registra el corte ${String(publicado.datos.numero)} en la tx ${String(publicado.datos.txId)}, y el manifiesto dice ${m.numero} en la tx ${ef.txId}`,
    );

  // 5. The catálogo shipped is the one loaded (its SHA-256), and every CSV value follows from the bitácora.
  const cat = leerCatalogo({ json: archivos.get(ARCHIVO_CATALOGO) ?? '', csv: archivos.get(ARCHIVO_CASILLAS) });
  if (!cat.ok) p(ARCHIVO_CATALOGO, `el catálogo del corte no se puede leer: ${cat.errores[0] ?? ''}`);
  else {
    // The zip's files against its manifest, the catálogo's hash, and every CSV rebuilt from the
    // bundle's entries at the corte's transaction (libs/publicacion, the same code that wrote it).
    const eventos: EntradaEventoCorte[] = [];
    for (const e of entradas) {
      if (!e.key.startsWith('acta/')) continue;
      try {
        eventos.push({ evento: leerEventoActa(e.value) as unknown as EventoActa, txId: e.txId });
      } catch (err) {
        p(e.key, `entrada ilegible: ${(err as Error).message}`);
      }
    }
    try {
      for (const x of verificarArchivosCorte({ archivos, entradas: eventos, catalogo: cat.catalogo, politica })) p(x.archivo ?? ARCHIVO_MANIFIESTO, x.mensaje);
    } catch (err) {
      p('paquete', `las entradas de las actas no forman una cadena: ${(err as Error).message}`);
    }
  }

  const limite = o.todos ? problemas.length : 200;
  if (problemas.length === 0) {
    console.log(`Resultado: el corte ${m.numero} coincide con la bitácora (${informe.conteos.entradas} entradas del paquete). Sin problemas.`);
    return 0;
  }
  console.log(`Resultado: ${problemas.length} problema(s):`);
  for (const x of problemas.slice(0, limite)) console.log(`  - ${x.donde}: ${x.mensaje}`);
  if (problemas.length > limite) console.log(`  … y ${problemas.length - limite} más (use --todos para verlos todos)`);
  return 1;
}
