import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { huellaClavePublica, mensajeFirmado, verificarFirmaEstado } from './firma';

function firmar(db: string, txId: number, txHash: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const punto = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const y = Buffer.from(publicKey.export({ format: 'jwk' }).y!, 'base64url');
  const firma = sign('sha256', mensajeFirmado(db, txId, txHash), privateKey);
  return {
    estado: { db, txId, txHash, signature: { signature: firma.toString('hex'), publicKey: Buffer.concat([Buffer.from([4]), punto, y]).toString('hex') } },
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('signed immudb state', () => {
  const hash = 'ab'.repeat(32);

  it('accepts a state signed by the expected key', () => {
    const { estado, pem } = firmar('prep', 42, hash);
    expect(verificarFirmaEstado(estado, pem)).toEqual({ firmado: true, firmaValida: true, claveEsperada: true });
  });

  it('rejects a state whose tx id or hash was changed after signing', () => {
    const { estado } = firmar('prep', 42, hash);
    expect(verificarFirmaEstado({ ...estado, txId: 43 }).firmaValida).toBe(false);
    expect(verificarFirmaEstado({ ...estado, txHash: 'cd'.repeat(32) }).firmaValida).toBe(false);
    expect(verificarFirmaEstado({ ...estado, db: 'otra' }).firmaValida).toBe(false);
  });

  it('flags a valid signature made with a key other than the expected one', () => {
    const { estado } = firmar('prep', 7, hash);
    const { pem: otra } = firmar('prep', 7, hash);
    expect(verificarFirmaEstado(estado, otra)).toEqual({ firmado: true, firmaValida: true, claveEsperada: false });
  });

  it('reports an unsigned state as such', () => {
    expect(verificarFirmaEstado({ db: 'prep', txId: 1, txHash: hash })).toEqual({ firmado: false, firmaValida: false, claveEsperada: null });
  });

  it("fingerprints the signing key the same from the signature's point and from the PEM, as openssl does", () => {
    const { estado, pem } = firmar('prep', 7, hash);
    const huella = huellaClavePublica(estado.signature.publicKey);
    expect(huella).toMatch(/^[0-9a-f]{64}$/);
    expect(huellaClavePublica(pem)).toBe(huella);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-clave-'));
    try {
      fs.writeFileSync(path.join(dir, 'firma.pub.pem'), pem);
      const deOpenssl = execSync('openssl pkey -pubin -in firma.pub.pem -outform DER | sha256sum', { cwd: dir, encoding: 'utf8' }).split(' ')[0];
      expect(huella).toBe(deOpenssl);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
