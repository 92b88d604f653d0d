import * as path from 'node:path';
import { ArbolTx, claveGuardada, digestoEntradaGuardada, hashValorGuardado } from './arbol-immudb';

// immudb-node's generated protobuf types and its proof checks (written for its own verifiedSet,
// which writes one key per transaction). They are reached by path: the package exports only its client.
const raizImmudb = path.dirname(require.resolve('immudb-node'));
/* eslint-disable @typescript-eslint/no-require-imports -- modules inside immudb-node, whose typings are empty */
const schema = require(path.join(raizImmudb, 'proto', 'schema_pb'));
const { getAlh } = require(path.join(raizImmudb, 'util'));
const { verifyDualProof } = require(path.join(raizImmudb, 'verification'));
/* eslint-enable @typescript-eslint/no-require-imports */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- immudb-node's protobuf objects are untyped
type Proto = any;

export interface EntradaAEscribir {
  key: string;
  value: string;
}

export interface EstadoProbado {
  txId: number;
  alh: Uint8Array;
  signature?: unknown;
}

/** Why a verified write's answer does not prove what was asked (null when it does). */
export type FallaEscritura = string | null;

/**
 * Checks the server's answer to one VerifiableSet of several entries: the transaction it names holds
 * exactly these entries (each stored key and value hash, nothing more), its header's eH is the root of
 * those entries, and the dual proof links that header's Alh to the state this client trusted before.
 * Stronger than immudb-node's verifiedSet, which proves one key and only logs a mismatched eH.
 */
export function comprobarEscritura(entradas: readonly EntradaAEscribir[], respuesta: Proto, confiable: EstadoProbado): FallaEscritura {
  const tx = respuesta?.getTx?.();
  const meta = tx?.getMetadata?.();
  const dual = respuesta?.getDualproof?.();
  if (!tx || !meta || !dual) return 'respuesta sin transacción, encabezado o prueba dual';
  const delServidor: { key: Buffer; hValue: Buffer }[] = tx
    .getEntriesList()
    .map((e: Proto) => ({ key: Buffer.from(e.getKey_asU8()), hValue: Buffer.from(e.getHvalue_asU8()) }));
  if (delServidor.length !== entradas.length || meta.getNentries() !== entradas.length) {
    return `la transacción tiene ${delServidor.length} entradas (encabezado: ${meta.getNentries()}); se escribieron ${entradas.length}`;
  }
  const esperadas = new Map(entradas.map((e) => [claveGuardada(e.key).toString('hex'), hashValorGuardado(e.value)]));
  for (const e of delServidor) {
    const hValue = esperadas.get(e.key.toString('hex'));
    if (!hValue || !hValue.equals(e.hValue)) return `la transacción tiene una entrada que no se escribió (${e.key.subarray(1).toString('utf8')})`;
    esperadas.delete(e.key.toString('hex'));
  }
  // The server's order is the tree's order; every leaf was just checked against what was written.
  const raiz = new ArbolTx(delServidor.map((e) => digestoEntradaGuardada(e.key, e.hValue))).raiz;
  if (!raiz.equals(Buffer.from(meta.getEh_asU8()))) return 'el eH del encabezado no es la raíz de las entradas escritas';
  const destino = meta.getId();
  const alhDestino: Uint8Array = getAlh(meta);
  // A client with no trusted state yet proves the new transaction against itself.
  const [origen, alhOrigen] = confiable.txId === 0 ? [destino, getAlh(dual.getSourcetxmetadata())] : [confiable.txId, confiable.alh];
  if (!verifyDualProof(dual, origen, destino, alhOrigen, alhDestino)) return 'la prueba dual no enlaza la transacción con el estado confiable';
  return null;
}

/** The request for one transaction holding every entry, proven since the trusted transaction. */
export function solicitudEscritura(entradas: readonly EntradaAEscribir[], desdeTx: number): Proto {
  const set = new schema.SetRequest();
  set.setKvsList(
    entradas.map((e) => {
      const kv = new schema.KeyValue();
      kv.setKey(Buffer.from(e.key, 'utf8'));
      kv.setValue(Buffer.from(e.value, 'utf8'));
      return kv;
    }),
  );
  const req = new schema.VerifiableSetRequest();
  req.setSetrequest(set);
  req.setProvesincetx(desdeTx);
  return req;
}

/** The header's id and Alh once comprobarEscritura accepted the answer. */
export function estadoTrasEscritura(respuesta: Proto): EstadoProbado {
  const meta = respuesta.getTx().getMetadata();
  return { txId: Number(meta.getId()), alh: getAlh(meta), signature: respuesta.getSignature?.()?.toObject() };
}

/** A VerifiableSet answer from its protobuf bytes (a recorded answer: tests, forensic review). */
export function respuestaDesdeBytes(bytes: Uint8Array): Proto {
  return schema.VerifiableTx.deserializeBinary(bytes);
}
