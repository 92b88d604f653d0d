import { ALH_INICIAL, ArbolTx, alhDe, digestoEntrada, verificarInclusion } from './arbol-immudb';

const b64 = (s: string) => Buffer.from(s, 'base64');

/**
 * Vectors read from a real immudb 1.1.0 server (txScan) after `verifiedSet('acta/x/000001', '{"a":1}')`
 * and `setAll` of acta/y/1..3 = v1..v3 in one transaction; the signed state after them was
 * tx 3 with hash 5fb4c31b…, and after tx 1 (the SQL catalogue entry immudb writes when it
 * creates a database) 5ac6ffc5….
 */
const TX2 = { eH: b64('kFk0bDDE7TzwLsXXmIlrapbdjEI+pUtgTpeLqeSwz64=') };
const TX3 = {
  id: 3,
  prevAlh: b64('Ip8bLiobLcUwC3GVmKegyFzkyBmf46yXXpleHe8yugo='),
  ts: 1795813113,
  nentries: 3,
  eH: b64('UHEV7ozXHnOCloXgy6ZNESXNm8ygABygbYMpQ60dUqA='),
  blTxId: 2,
  blRoot: b64('a24cvCpvufl4vqI75PzeWLyK3YmuQuR227eHziknI1w='),
};

describe('hashes de immudb 1.1.0', () => {
  it('calcula el eH de una transacción como lo calculó el servidor', () => {
    expect(new ArbolTx([digestoEntrada('acta/x/000001', '{"a":1}')]).raiz).toEqual(TX2.eH);
    const arbol = new ArbolTx(['1', '2', '3'].map((n) => digestoEntrada(`acta/y/${n}`, `v${n}`)));
    expect(arbol.raiz).toEqual(TX3.eH);
  });

  it('calcula el Alh que el servidor firmó', () => {
    expect(alhDe(TX3).toString('hex')).toBe('5fb4c31b44b512ed201e615ec7947a31a98c54ec33c6e0edd6d081e30cb31c02');
    expect(ALH_INICIAL.toString('base64')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(alhDe({ ...TX3, ts: TX3.ts + 1 })).not.toEqual(alhDe(TX3));
  });

  it('prueba cada hoja de árboles de 1 a 40 hojas, y nada más', () => {
    for (let ancho = 1; ancho <= 40; ancho++) {
      const digestos = Array.from({ length: ancho }, (_, i) => digestoEntrada(`k${i}`, `v${i}`));
      const arbol = new ArbolTx(digestos);
      for (let i = 0; i < ancho; i++) {
        const p = arbol.prueba(i);
        expect(verificarInclusion(p, digestos[i], arbol.raiz)).toBe(true);
        expect(verificarInclusion(p, digestoEntrada(`k${i}`, 'otro'), arbol.raiz)).toBe(false);
        if (ancho > 1) {
          expect(verificarInclusion({ ...p, leaf: (i + 1) % ancho }, digestos[i], arbol.raiz)).toBe(false);
          const terms = p.terms.map((t, j) => (j === 0 ? Buffer.from(t).fill(7, 0, 1) : t));
          expect(verificarInclusion({ ...p, terms }, digestos[i], arbol.raiz)).toBe(false);
        }
      }
    }
  });

  it('rechaza una hoja fuera del ancho', () => {
    const d = digestoEntrada('k', 'v');
    expect(verificarInclusion({ leaf: 1, width: 1, terms: [] }, d, new ArbolTx([d]).raiz)).toBe(false);
    expect(verificarInclusion({ leaf: -1, width: 1, terms: [] }, d, new ArbolTx([d]).raiz)).toBe(false);
  });
});
