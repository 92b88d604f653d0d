import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Signed state of an immudb 1.1.0 database. The server signs with ECDSA P-256 over
 * SHA-256 of: u32 BE length of the database name, the name, u64 BE tx id, and the
 * 32-byte tx hash. Anyone holding the server's public key can check it.
 */
export interface EstadoFirmado {
  db: string;
  txId: number;
  txHash: string; // hex
  signature?: { signature: string; publicKey: string }; // hex: DER signature, uncompressed point
}

export function mensajeFirmado(db: string, txId: number, txHashHex: string): Buffer {
  const nombre = Buffer.from(db, 'utf8');
  const largo = Buffer.alloc(4);
  largo.writeUInt32BE(nombre.length);
  const tx = Buffer.alloc(8);
  tx.writeBigUInt64BE(BigInt(txId));
  return Buffer.concat([largo, nombre, tx, Buffer.from(txHashHex, 'hex')]);
}

/** The public key carried in a signature (an uncompressed P-256 point, 65 bytes). */
export function clavePublicaDePunto(puntoHex: string): KeyObject {
  const punto = Buffer.from(puntoHex, 'hex');
  if (punto.length !== 65 || punto[0] !== 0x04) throw new Error('la clave pública firmante no es un punto P-256 sin comprimir');
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: punto.subarray(1, 33).toString('base64url'), y: punto.subarray(33).toString('base64url') },
    format: 'jwk',
  });
}

export interface ResultadoFirma {
  firmado: boolean;
  /** The signature holds for the state under the key it names. */
  firmaValida: boolean;
  /** That key is the one the auditor was told the server uses (null: none was configured). */
  claveEsperada: boolean | null;
}

export function verificarFirmaEstado(estado: EstadoFirmado, clavePublicaEsperadaPem?: string | null): ResultadoFirma {
  if (!estado.signature) return { firmado: false, firmaValida: false, claveEsperada: null };
  const clave = clavePublicaDePunto(estado.signature.publicKey);
  const firmaValida = verify('sha256', mensajeFirmado(estado.db, estado.txId, estado.txHash), clave, Buffer.from(estado.signature.signature, 'hex'));
  let claveEsperada: boolean | null = null;
  if (clavePublicaEsperadaPem) {
    const esperada = createPublicKey(clavePublicaEsperadaPem).export({ format: 'jwk' });
    const recibida = clave.export({ format: 'jwk' });
    claveEsperada = esperada.x === recibida.x && esperada.y === recibida.y;
  }
  return { firmado: true, firmaValida, claveEsperada };
}

/**
 * Fingerprint of a signing key: SHA-256 (hex) of its DER SubjectPublicKeyInfo, what
 * `openssl pkey -pubin -in firma.pub.pem -outform DER | sha256sum` prints for the same key.
 */
export function huellaClavePublica(clave: KeyObject | string): string {
  const k = typeof clave === 'string' ? (clave.includes('BEGIN') ? createPublicKey(clave) : clavePublicaDePunto(clave)) : clave;
  return createHash('sha256')
    .update(k.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}
