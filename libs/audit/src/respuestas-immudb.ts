import type { TxLeida } from './arbol-immudb';
import { BitacoraInaccesibleError } from './errores-bitacora';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- immudb-node's toObject() output is untyped
type Raw = any;

/** Bytes as immudb-node hands them (Uint8Array from the wire, base64 text from toObject()) in hex. */
export function toHex(bytes: unknown): string {
  if (typeof bytes === 'string') return Buffer.from(bytes, 'base64').toString('hex');
  return Buffer.from(bytes as Uint8Array).toString('hex');
}

/** immudb-node's toObject() of a schema.Tx: bytes as base64 text, uint64 as numbers. */
export function txLeida(raw: Raw): TxLeida {
  const m = raw?.metadata;
  if (!m) throw new BitacoraInaccesibleError('txScan', 'respuesta sin encabezado de transacción');
  const bytes = (b: unknown) => Buffer.from(toHex(b ?? ''), 'hex');
  return {
    encabezado: {
      id: Number(m.id),
      prevAlh: bytes(m.prevalh),
      ts: Number(m.ts),
      nentries: Number(m.nentries),
      eH: bytes(m.eh),
      blTxId: Number(m.bltxid),
      blRoot: bytes(m.blroot),
    },
    entradas: (raw.entriesList ?? []).map((e: { key: unknown; hvalue: unknown }) => ({ key: bytes(e.key), hValue: bytes(e.hvalue) })),
  };
}
