import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BitacoraImmudb } from '@prep/audit';
import { conectarBitacora } from './support/actas';

/**
 * The corte lists the keys of every transaction since the previous corte page by page: each page
 * must name its transactions, or the listing stops after the first page and the actas of later
 * transactions go unverified (found by the 20,000-acta bench, whose range spans many pages).
 */
describe('txScan on the real immudb 1.1.0', () => {
  let b: BitacoraImmudb;
  beforeAll(async () => {
    b = await conectarBitacora(fs.mkdtempSync(path.join(os.tmpdir(), 'prep-txscan-')));
  });
  afterAll(() => b?.close());

  it('pages through transactions by number, with their keys as written', async () => {
    const desde = (await b.currentServerState()).txId + 1;
    for (let i = 0; i < 5; i++) await b.setAllSinVerificar([0, 1].map((j) => ({ key: `acta/txscan${i}/00000${j + 1}`, value: `v${i}${j}` })));
    const primera = await b.txScan(desde, 2);
    expect(primera.map((t) => t.txId)).toEqual([desde, desde + 1]);
    expect(primera[0].keys.sort()).toEqual(['acta/txscan0/000001', 'acta/txscan0/000002']);
    const segunda = await b.txScan(primera[1].txId + 1, 2);
    expect(segunda.map((t) => t.txId)).toEqual([desde + 2, desde + 3]);
    expect(segunda[1].keys.sort()).toEqual(['acta/txscan3/000001', 'acta/txscan3/000002']);
  });
});
