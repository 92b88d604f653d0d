import * as fs from 'node:fs';
import * as path from 'node:path';
import { comprobarEscritura, estadoTrasEscritura, respuestaDesdeBytes, type EntradaAEscribir, type EstadoProbado } from './escritura-verificada';

// One real answer of immudb 1.1.0 to a VerifiableSet of three entries, proven since tx 4
// (recorded by scripts/grabar-escritura-verificada.ts).
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'escritura-verificada.json'), 'utf8'));
const entradas: EntradaAEscribir[] = fixture.entradas;
const confiable: EstadoProbado = { txId: fixture.confiable.txId, alh: Buffer.from(fixture.confiable.alh, 'hex') };
const respuesta = () => respuestaDesdeBytes(Buffer.from(fixture.respuesta, 'base64'));

describe('comprobarEscritura: one verified transaction for several entries', () => {
  it('accepts the real answer and yields the new transaction as the trusted state', () => {
    expect(comprobarEscritura(entradas, respuesta(), confiable)).toBeNull();
    const nuevo = estadoTrasEscritura(respuesta());
    expect(nuevo.txId).toBe(confiable.txId + 1);
    expect(Buffer.from(nuevo.alh)).toHaveLength(32);
  });

  it('accepts the entries in any order (the server keeps its own)', () => {
    expect(comprobarEscritura([...entradas].reverse(), respuesta(), confiable)).toBeNull();
  });

  it('refuses when a written value is not the one the transaction holds', () => {
    const otras = entradas.map((e, i) => (i === 1 ? { ...e, value: e.value.replace('DIGITALIZADA', 'CAPTURADA') } : e));
    expect(comprobarEscritura(otras, respuesta(), confiable)).toMatch(/entrada que no se escribió/);
  });

  it('refuses an answer whose transaction holds an entry more or one less', () => {
    expect(comprobarEscritura(entradas.slice(0, 2), respuesta(), confiable)).toMatch(/3 entradas/);
    const r = respuesta();
    r.getTx().setEntriesList(r.getTx().getEntriesList().slice(0, 2));
    expect(comprobarEscritura(entradas, r, confiable)).toMatch(/2 entradas/);
  });

  it('refuses a changed value hash in the answer', () => {
    const r = respuesta();
    const e = r.getTx().getEntriesList()[2];
    const h = Buffer.from(e.getHvalue_asU8());
    h[0] ^= 1;
    e.setHvalue(h);
    expect(comprobarEscritura(entradas, r, confiable)).toMatch(/entrada que no se escribió/);
  });

  it("refuses a header whose eH is not the entries' root", () => {
    const r = respuesta();
    const meta = r.getTx().getMetadata();
    const eh = Buffer.from(meta.getEh_asU8());
    eh[5] ^= 1;
    meta.setEh(eh);
    expect(comprobarEscritura(entradas, r, confiable)).toMatch(/eH/);
  });

  it('refuses when the dual proof does not start from the trusted state (a forked or rewritten history)', () => {
    const otraAlh = Buffer.from(confiable.alh);
    otraAlh[0] ^= 1;
    expect(comprobarEscritura(entradas, respuesta(), { ...confiable, alh: otraAlh })).toMatch(/prueba dual/);
    expect(comprobarEscritura(entradas, respuesta(), { ...confiable, txId: confiable.txId - 1 })).toMatch(/prueba dual/);
  });

  it('refuses an answer without its dual proof', () => {
    const r = respuesta();
    r.clearDualproof();
    expect(comprobarEscritura(entradas, r, confiable)).toMatch(/sin transacción, encabezado o prueba dual/);
  });
});
