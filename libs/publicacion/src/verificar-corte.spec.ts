import { crearPolitica, type Catalogo } from '@prep/domain';
import { escenario } from './actas-prueba';
import { actasAlCorte, type EntradaEventoCorte } from './actas-al-corte';
import { csvEleccionEnMemoria, nombreArchivoCsv } from './csv-eleccion';
import { textoLeemeCorte } from './leeme';
import { leerManifiestoCorte, manifiestoCorteJson, sha256Catalogo, sha256Hex, type ManifiestoCorte } from './manifiesto';
import { verificarArchivosCorte } from './verificar-corte';

const e = escenario();
const entradas: EntradaEventoCorte[] = Object.values(e.actas).flatMap((a) => a.eventos);
const AYUNTAMIENTOS = 'PREP_AYUNTAMIENTOS_6.csv';
const INSTANTE = '2027-06-07T02:59:00Z';

/** A corte as the corte workflow would write it, cut at `txCorte`, built from `actas`. */
function corte(txCorte: number, actas = actasAlCorte(entradas, txCorte), catalogo: Catalogo = e.catalogo) {
  const archivos = new Map<string, Buffer>();
  for (const el of catalogo.elecciones) {
    archivos.set(
      nombreArchivoCsv(el),
      csvEleccionEnMemoria({ catalogo, tipoActa: el.tipoActa, actas, instante: INSTANTE, politica: e.politica, final: false }),
    );
  }
  archivos.set('LEEME.txt', Buffer.from(textoLeemeCorte(catalogo), 'utf8'));
  const manifiesto: ManifiestoCorte = {
    formato: 'prep-corte',
    version: 1,
    numero: 3,
    instante: INSTANTE,
    estadoFirmado: { db: 'prep', txId: txCorte, txHash: 'ab'.repeat(32), firma: { r: 'x' } },
    catalogoSha256: sha256Catalogo(catalogo),
    archivos: [...archivos].map(([nombre, datos]) => ({ nombre, sha256: sha256Hex(datos), bytes: datos.length })),
  };
  archivos.set('manifiesto.json', Buffer.from(manifiestoCorteJson(manifiesto), 'utf8'));
  return { archivos, manifiesto };
}

/** Replaces a file and, like a careful forger, its hash and size in the manifiesto. */
function falsificar(c: ReturnType<typeof corte>, nombre: string, datos: Buffer): Map<string, Buffer> {
  const archivos = new Map(c.archivos);
  archivos.set(nombre, datos);
  const m = {
    ...c.manifiesto,
    archivos: c.manifiesto.archivos.map((a) => (a.nombre === nombre ? { nombre, sha256: sha256Hex(datos), bytes: datos.length } : a)),
  };
  archivos.set('manifiesto.json', Buffer.from(manifiestoCorteJson(m), 'utf8'));
  return archivos;
}

const verificar = (archivos: Map<string, Buffer>) => verificarArchivosCorte({ archivos, entradas, catalogo: e.catalogo, politica: e.politica });

describe('actasAlCorte', () => {
  it('folds events up to txCorte and keeps PUBLICADA and SIN_ACTA actas, whatever the order of entradas', () => {
    const claves = (tx: number) => actasAlCorte([...entradas].reverse(), tx).map((a) => a.claveActa);
    // tx 14: the five captured actas of election 6; the fuera de catálogo one is published at tx 16.
    expect(claves(14)).toEqual(['140045B01006', '140045E01016', '140045S01006', '140120B01006', '140120C01006']);
    expect(claves(16)).toContain('140999B01006');
    expect(claves(17)).toContain('140301B01006');
    // 300 B is never published; election 5's acta only from tx 20.
    expect(claves(99)).not.toContain('140300B01006');
    expect(claves(19)).not.toContain('140045B01005');
    expect(claves(20)).toContain('140045B01005');
  });

  it('gives each acta the state it had at txCorte (a late image is not there)', () => {
    const x = escenario();
    x.actas.ilegible.imagen('2027-06-07T03:20:00Z', 99, 'f0'.repeat(32));
    const todas = Object.values(x.actas).flatMap((a) => a.eventos);
    const [alCorte] = actasAlCorte(todas, 20).filter((a) => a.claveActa === '140120B01006');
    expect(alCorte.imagenes).toHaveLength(1);
    expect(alCorte).toEqual(e.actas.ilegible.final);
  });
});

describe('verificarArchivosCorte', () => {
  const bueno = corte(14);

  it('finds nothing in a corte that is what the bitácora held at its transaction', () => {
    expect(verificar(bueno.archivos)).toEqual([]);
    expect(leerManifiestoCorte(bueno.archivos.get('manifiesto.json')!).ok).toBe(true);
  });

  it('names the row and field of a changed cell, even with the manifiesto rewritten to match', () => {
    const csv = bueno.archivos.get(AYUNTAMIENTOS)!.toString('utf8').replace(',6,100,202,2,202,100,80,', ',6,100,202,2,202,150,80,');
    const p = verificar(falsificar(bueno, AYUNTAMIENTOS, Buffer.from(csv, 'utf8')));
    expect(p).toEqual([
      expect.objectContaining({
        tipo: 'CSV',
        archivo: AYUNTAMIENTOS,
        diferencia: expect.objectContaining({ linea: 8, claveActa: '140045B01006', columna: 'PAN', esperado: '100', publicado: '150' }),
        mensaje: `${AYUNTAMIENTOS}: Línea 8, acta 140045B01006, columna PAN: se esperaba "100" y se publicó "150".`,
      }),
    ]);
  });

  it('names the summary column of a changed summary', () => {
    const csv = bueno.archivos.get(AYUNTAMIENTOS)!.toString('utf8').replace('\r9,5,0,5,', '\r9,6,0,5,');
    const p = verificar(falsificar(bueno, AYUNTAMIENTOS, Buffer.from(csv, 'utf8')));
    expect(p).toEqual([expect.objectContaining({ tipo: 'CSV', diferencia: expect.objectContaining({ tipo: 'RESUMEN', columna: 'ACTAS_REGISTRADAS' }) })]);
  });

  it('reports a missing row', () => {
    const lineas = bueno.archivos.get(AYUNTAMIENTOS)!.toString('utf8').split('\r');
    const sin = [...lineas.slice(0, 9), ...lineas.slice(10)].join('\r');
    const p = verificar(falsificar(bueno, AYUNTAMIENTOS, Buffer.from(sin, 'utf8')));
    expect(p).toEqual([expect.objectContaining({ diferencia: expect.objectContaining({ tipo: 'FILA_FALTANTE', claveActa: '140045S01006' }) })]);
  });

  it('reports a file whose hash is not the manifiesto’s, and what changed in it', () => {
    const archivos = new Map(bueno.archivos);
    archivos.set(AYUNTAMIENTOS, Buffer.from(bueno.archivos.get(AYUNTAMIENTOS)!.toString('utf8').replace('ACTA PREP', 'ACTA PREX'), 'utf8'));
    const p = verificar(archivos);
    expect(p.map((x) => x.tipo)).toEqual(['HASH', 'CSV']);
    expect(p[0].mensaje).toMatch(/El SHA-256 de PREP_AYUNTAMIENTOS_6\.csv es [0-9a-f]{64} y el manifiesto dice/);
    expect(p[1].diferencia).toMatchObject({ linea: 8, columna: 'TIPO_DOCUMENTO' });
  });

  it('reports a changed hash in the manifiesto, a missing file, an unlisted one and a changed LEEME', () => {
    const m = { ...bueno.manifiesto, archivos: bueno.manifiesto.archivos.map((a) => (a.nombre === 'LEEME.txt' ? { ...a, sha256: '0'.repeat(64) } : a)) };
    const archivos = new Map(bueno.archivos);
    archivos.set('manifiesto.json', Buffer.from(manifiestoCorteJson(m)));
    archivos.delete('PREP_DIPUTACIONES_LOCALES_MR_5.csv');
    archivos.set('extra.csv', Buffer.from('x'));
    expect(verificar(archivos).map((p) => `${p.tipo} ${p.archivo}`)).toEqual([
      'ARCHIVO_FALTANTE PREP_DIPUTACIONES_LOCALES_MR_5.csv',
      'HASH LEEME.txt',
      'ARCHIVO_NO_LISTADO extra.csv',
    ]);
  });

  it('reports a corte that published an acta after its transaction', () => {
    // Built from the bitácora at tx 17 (fuera de catálogo and SIN ACTA published) but signed as tx 14.
    const adelantado = corte(14, actasAlCorte(entradas, 17));
    const p = verificar(adelantado.archivos);
    const filas = p.filter((x) => x.diferencia?.tipo === 'FILA_SOBRANTE').map((x) => x.diferencia!.claveActa);
    expect(filas.sort()).toEqual(['140301B01006', '140999B01006']);
    expect(p.some((x) => x.diferencia?.tipo === 'RESUMEN' && x.diferencia.columna === 'ACTAS_FUERA_CATALOGO')).toBe(true);
  });

  it('reports another catálogo, a broken manifiesto and a bitácora that cannot be folded', () => {
    const otro = { ...e.catalogo, version: 'prueba-2' };
    expect(verificarArchivosCorte({ archivos: bueno.archivos, entradas, catalogo: otro, politica: e.politica }).map((p) => p.tipo)).toEqual(['CATALOGO']);

    const roto = new Map(bueno.archivos);
    roto.set('manifiesto.json', Buffer.from('{"formato":"prep-corte","version":2}'));
    expect(verificar(roto).every((p) => p.tipo === 'MANIFIESTO')).toBe(true);
    roto.delete('manifiesto.json');
    expect(verificar(roto)).toEqual([expect.objectContaining({ tipo: 'MANIFIESTO', mensaje: expect.stringMatching(/no trae manifiesto\.json/) })]);

    const conHueco = entradas.filter((x) => !(x.evento.claveActa === '140045B01006' && x.evento.secuencia === 2));
    const p = verificarArchivosCorte({ archivos: bueno.archivos, entradas: conHueco, catalogo: e.catalogo, politica: e.politica });
    expect(p).toEqual([expect.objectContaining({ tipo: 'BITACORA', mensaje: expect.stringMatching(/acta 140045B01006, secuencia 3/) })]);
  });

  it('rebuilds with the policy and the final flag the corte was made with', () => {
    const politica = crearPolitica({ zonaPublicacion: 'UTC-5' });
    const p = verificarArchivosCorte({ archivos: bueno.archivos, entradas, catalogo: e.catalogo, politica });
    expect(p.some((x) => x.diferencia?.tipo === 'ENCABEZADO' && x.diferencia.linea === 2)).toBe(true);
  });
});
