import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { DEFAULT_POLITICA_PREP, aplicarComando, iniciarActa, type ComandoActa, type ContextoActa, type EstadoActa, type EventoActa } from '@prep/domain';
import { ALH_INICIAL, ArbolTx, alhDe, claveGuardada, digestoEntrada, digestoEntradaGuardada } from './arbol-immudb';
import { canonico, entradaAccionPersonal, entradaEventoActa } from './esquema';
import { mensajeFirmado, verificarFirmaEstado } from './firma';
import {
  ARCHIVOS,
  construirManifiesto,
  huellaDeContenido,
  imagenDeclarada,
  lineaJsonl,
  type EstadoExportado,
  type LineaEntrada,
  type LineaImagen,
  type LineaTransaccion,
} from './paquete';
import { aHex, pruebaEnPaquete } from './paquete-pruebas';
import { lectorEnMemoria, verificarPaquete, type OpcionesVerificacionPaquete } from './paquete-verificacion';

/**
 * A whole bundle built in memory the way `exportar` writes one from immudb 1.1.0: two published
 * actas and one staff action, one entry per transaction except a final batch of three, the SQL
 * catalogue entry immudb writes first, every header chained by its Alh, and the state signed
 * over the last Alh with a fresh P-256 key. Tests alter it as a forger would.
 */

const COLS = ['PAN', 'PRI', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 500, representantes: 10 } };
const VALORES = {
  PAN: 100,
  PRI: 80,
  NO_REGISTRADAS: 1,
  NULOS: 9,
  TOTAL_BOLETAS_SOBRANTES: 200,
  TOTAL_PERSONAS_VOTARON: 190,
  TOTAL_REP_PARTIDO_CI_VOTARON: 5,
  TOTAL_VOTOS_SACADOS: 190,
  TOTAL_VOTOS_ASENTADO: 190,
};

/** A whole acta history from the domain's own state machine: acopio to publicación. */
function historia(claveActa: string, sha: string): EventoActa[] {
  let s = 0;
  const hora = () => new Date(Date.UTC(2027, 5, 7, 2, 0, s++)).toISOString();
  const comandos: ComandoActa[] = [
    {
      tipo: 'DIGITALIZACION',
      usuario: 'dig1',
      fechaHora: hora(),
      sha256: sha,
      origen: 'CATD',
      medio: 'ESCANER',
      ruta: `${sha.slice(0, 2)}/${sha}.jpg`,
      catd: 'M001',
    },
    { tipo: 'CAPTURA', usuario: 'cap1', fechaHora: hora(), valores: VALORES },
    { tipo: 'CAPTURA', usuario: 'cap2', fechaHora: hora(), valores: VALORES },
    { tipo: 'VERIFICACION', usuario: 'ver1', fechaHora: hora(), decision: 'CONFIRMAR' },
  ];
  let t = iniciarActa({ tipo: 'ACOPIO', claveActa, catd: 'M001', usuario: 'aco1', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false }, CTX);
  const eventos = [...t.eventos];
  let estado: EstadoActa = t.estado;
  for (const c of comandos) {
    t = aplicarComando(estado, c, CTX);
    estado = t.estado;
    eventos.push(...t.eventos);
  }
  return eventos;
}

export const clavePar = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
export const pemDe = (k: ReturnType<typeof clavePar>) => k.publicKey.export({ type: 'spki', format: 'pem' }).toString();

export function firmar(db: string, txId: number, txHash: string, k = clavePar()) {
  const jwk = k.publicKey.export({ format: 'jwk' });
  const punto = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  const firma = sign('sha256', mensajeFirmado(db, txId, txHash), k.privateKey);
  return { db, txId, txHash, signature: { signature: firma.toString('hex'), publicKey: punto.toString('hex') } };
}

export interface Paquete {
  transacciones: LineaTransaccion[];
  entradas: LineaEntrada[];
  imagenes: LineaImagen[];
  estado: EstadoExportado;
  /** The signing key, to re-sign a state as a test needs. */
  clave: ReturnType<typeof clavePar>;
}

const h = (s: string) => createHash('sha256').update(s).digest();
/** immudb 1.1.0's first entry in a new database: the SQL catalogue's, key prefix 0x02. */
const CATALOGO = { key: Buffer.from('0243544c2e44415441424153452e00000001', 'hex'), hValue: h('catálogo SQL') };

/** What `exportar` would write for two published actas and one staff action, at a signed cut. */
export function paqueteValido(): Paquete {
  const escritas = [...historia('140123B01006', 'a'.repeat(64)), ...historia('140124B01006', 'b'.repeat(64))].map(entradaEventoActa);
  const ultimaDe = (acta: string) => escritas.map((e) => e.key.startsWith(`acta/${acta}/`)).lastIndexOf(true);
  const enLote = new Set([ultimaDe('140123B01006'), ultimaDe('140124B01006')]);
  const accion = entradaAccionPersonal({ id: '0f0e0d0c-aaaa', tipo: 'SESION_INICIADA', usuario: 'ana', fechaHora: '2027-06-07T02:00:00.000Z', datos: {} });
  // Transaction 1 is immudb's catalogue entry; then one entry per transaction; the last one a batch.
  const porTx: { key: string; value: string }[][] = escritas.filter((_, i) => !enLote.has(i)).map((e) => [e]);
  porTx.push([...escritas.filter((_, i) => enLote.has(i)), accion]);

  const transacciones: LineaTransaccion[] = [];
  const entradas: LineaEntrada[] = [];
  let prevAlh: Buffer = ALH_INICIAL;
  const sellar = (id: number, digestos: Buffer[]) => {
    const arbol = new ArbolTx(digestos);
    const encabezado = { id, prevAlh, ts: 1_812_000_000 + id, nentries: digestos.length, eH: arbol.raiz, blTxId: id - 1, blRoot: h(`blRoot ${id}`) };
    transacciones.push({ ...encabezado, prevAlh: aHex(prevAlh), eH: aHex(arbol.raiz), blRoot: aHex(encabezado.blRoot) });
    prevAlh = alhDe(encabezado);
    return arbol;
  };
  const catalogo = sellar(1, [digestoEntradaGuardada(CATALOGO.key, CATALOGO.hValue)]);
  transacciones[0].otras = [{ key: aHex(CATALOGO.key), hValue: aHex(CATALOGO.hValue), prueba: pruebaEnPaquete(catalogo.prueba(0)) }];
  porTx.forEach((grupo, i) => {
    const txId = i + 2;
    const arbol = sellar(
      txId,
      grupo.map((e) => digestoEntrada(e.key, e.value)),
    );
    grupo.forEach((e, hoja) => entradas.push({ ...e, txId, prueba: pruebaEnPaquete(arbol.prueba(hoja)) }));
  });
  entradas.sort((a, b) => (a.key < b.key ? -1 : 1));
  const imagenes = entradas
    .map(imagenDeclarada)
    .filter((i) => i !== null)
    .map((i) => ({ ...i, sha256Archivo: i.sha256Bitacora }));
  const clave = clavePar();
  const tx = transacciones.length;
  const servidor = firmar('prep', tx, aHex(prevAlh), clave);
  const pem = pemDe(clave);
  return {
    transacciones,
    entradas,
    imagenes,
    clave,
    estado: {
      servidor,
      confiable: { db: 'prep', txId: tx, txHash: servidor.txHash },
      consistencia: { verificada: true, detalle: null },
      clavePublicaEsperadaPem: pem,
      firma: verificarFirmaEstado(servidor, pem),
    },
  };
}

/** The files, with a manifest re-hashed over them: what a forger who rewrites the manifest too would hand over. */
export function archivos(p: Paquete): Record<string, string> {
  const f: Record<string, string> = {
    [ARCHIVOS.transacciones]: p.transacciones.map(lineaJsonl).join(''),
    [ARCHIVOS.entradas]: p.entradas.map(lineaJsonl).join(''),
    [ARCHIVOS.imagenes]: p.imagenes.map(lineaJsonl).join(''),
    [ARCHIVOS.estado]: JSON.stringify(p.estado, null, 2),
    [ARCHIVOS.leeme]: 'léame\n',
  };
  const actas = new Set(p.entradas.filter((e) => e.key.startsWith('acta/')).map((e) => e.key.split('/')[1])).size;
  const manifiesto = construirManifiesto({
    exportadoEn: '2027-06-07T08:00:00.000Z',
    baseDeDatos: p.estado.servidor.db,
    conteos: {
      transacciones: p.transacciones.length,
      entradas: p.entradas.length,
      actas,
      imagenes: p.entradas.filter((e) => imagenDeclarada(e)).length,
      imagenesFaltantes: 0,
      imagenesDistintas: 0,
    },
    archivos: Object.fromEntries(Object.entries(f).map(([n, c]) => [n, huellaDeContenido(c)])),
  });
  return { ...f, [ARCHIVOS.manifiesto]: JSON.stringify(manifiesto, null, 2) };
}

export const verificar = (f: Record<string, string>, opciones: OpcionesVerificacionPaquete = {}) => verificarPaquete(lectorEnMemoria(f), opciones);

/** Rewrites one entry's value object (kept canonical), as a forger would. */
export function alterar(p: Paquete, key: string, cambio: (v: Record<string, unknown>) => void): LineaEntrada {
  const e = p.entradas.find((x) => x.key === key)!;
  const v = JSON.parse(e.value);
  cambio(v);
  e.value = canonico(v);
  return e;
}

export const claves = (problemas: { clave: string }[]) => problemas.map((x) => x.clave);

/** The stored key of an entry, as transacciones.jsonl writes the keys of `otras`. */
export const claveGuardadaHex = (key: string) => aHex(claveGuardada(key));
