import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { entradaQuePublica, generarCatalogo, indexarCatalogo } from '@prep/domain';
import {
  BitacoraNoVerificableError,
  entradaEventoActa,
  verificacionCompleta,
  type BitacoraImmudb,
  type EntradaLeida,
  type InformeVerificacionCompleta,
  type OpcionesVerificacion,
} from '@prep/audit';
import { ormConfig, proyectarActa } from '@prep/persistence';
import { flujoPublicado } from '../scripts/bench/flujo-publicado';
import { conectarBitacora } from './support/actas';

/**
 * The full check proves the whole bitácora in one pass over its transactions (and one acta with a
 * verified read per entry, several in flight). On real immudb and PostgreSQL with a few hundred
 * actas written in transactions of every size: a scan that lies about some entries gets each of
 * them reported exactly once, in the same order every time, with the same findings whichever way
 * the entries were proven; and a listing of transactions that does not chain to the trusted state
 * is refused, as a failed proof is.
 */
const ACTAS = 240;
/** Entries per transaction, in turn: single-entry ones (as the workflows write) and batches. */
const TAMANOS = [1, 3, 1, 17, 64, 2, 200, 1, 9];

describe('the full check proves every entry, whatever the order the work finishes in', () => {
  let orm: MikroORM;
  let bitacora: BitacoraImmudb;
  let dirImagenes: string;
  let entradas: { key: string; value: string }[];

  beforeAll(async () => {
    orm = await MikroORM.init({ ...ormConfig({ databaseUrl: process.env.DATABASE_URL!, poolMax: 4 }), logger: () => undefined });
    bitacora = await conectarBitacora('revision-paralela');
    dirImagenes = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-revision-paralela-'));
    const catalogo = generarCatalogo({ semilla: 33, casillas: ACTAS / 2, distritos: 2, municipios: 2, idEntidad: 3, nombreEntidad: 'ENTIDAD 3' });
    const flujos = [...indexarCatalogo(catalogo).entries()].slice(0, ACTAS).map(([clave, acta]) => {
      const contenido = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(clave)]);
      const sha256 = createHash('sha256').update(contenido).digest('hex');
      const ruta = `${sha256.slice(0, 2)}/${sha256}.jpg`;
      fs.mkdirSync(path.join(dirImagenes, sha256.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(dirImagenes, ruta), contenido);
      return { clave, acta, ...flujoPublicado(clave, acta, { sha256, ruta }) };
    });
    const todas = flujos.flatMap((f) => f.eventos.map((e) => ({ ...entradaEventoActa(e), publica: entradaQuePublica(e), clave: f.clave })));
    entradas = todas.map(({ key, value }) => ({ key, value }));
    const txPublicacion = new Map<string, number>();
    for (let k = 0, t = 0; k < todas.length; t++) {
      const parte = todas.slice(k, k + TAMANOS[t % TAMANOS.length]);
      const { txId } = await bitacora.setAllSinVerificar(parte.map(({ key, value }) => ({ key, value })));
      for (const e of parte) if (e.publica) txPublicacion.set(e.clave, txId);
      k += parte.length;
    }
    for (const f of flujos) {
      await proyectarActa(orm.em.fork(), {
        claveCasilla: f.acta.claveCasilla,
        tipoActa: f.acta.eleccion.tipoActa,
        estado: f.estado,
        txPublicacion: txPublicacion.get(f.clave),
      });
    }
  }, 120_000);

  afterAll(async () => {
    bitacora?.close();
    await orm?.close(true);
    if (dirImagenes) fs.rmSync(dirImagenes, { recursive: true, force: true });
  });

  const revisar = (o: Partial<OpcionesVerificacion> = {}): Promise<InformeVerificacionCompleta> =>
    verificacionCompleta({ bitacora, em: orm.em.fork(), dirImagenes, pruebas: 'todas', ...o });

  /**
   * The same connection, but its scan answers `cambio(entry)` (null drops the entry); with
   * `desordenar`, a verified read answers later the earlier its entry in the acta, so reads of
   * one acta finish in reverse key order.
   */
  function conScanAlterado(cambio: (e: EntradaLeida) => EntradaLeida | null, { desordenar = false } = {}): BitacoraImmudb {
    return new Proxy(bitacora, {
      get(objetivo, prop) {
        if (prop === 'verifiedGet' && desordenar) {
          return async (key: string) => {
            await new Promise((r) => setTimeout(r, (10 - Number(key.slice(-6))) * 20));
            return objetivo.verifiedGet(key);
          };
        }
        if (prop === 'scan') {
          return async (prefijo: string, opciones: Parameters<BitacoraImmudb['scan']>[1] = {}) => {
            const lote = await objetivo.scan(prefijo, opciones);
            const quedan = lote.map(cambio).filter((e): e is EntradaLeida => e !== null);
            // A server hiding an entry still fills the page, or the reader would take it for the last one.
            if (quedan.length < lote.length && lote.length === (opciones.limit ?? 1000)) {
              const mas = await objetivo.scan(prefijo, { ...opciones, limit: lote.length - quedan.length, seekKey: lote[lote.length - 1].key });
              quedan.push(...mas.map(cambio).filter((e): e is EntradaLeida => e !== null));
            }
            return quedan;
          };
        }
        const v = Reflect.get(objetivo, prop, objetivo);
        return typeof v === 'function' ? v.bind(objetivo) : v;
      },
    });
  }

  it('proves every entry of an untouched bitácora against the trusted state, with no findings', async () => {
    const r = await revisar();
    expect(r.hallazgos).toEqual([]);
    expect(r.actasEnBitacora).toBe(ACTAS);
    expect(r.entradasProbadas).toBe(entradas.length);
    expect(r.entradasRevisadas).toBe(entradas.length);
    expect(r.estadoProbado).toEqual(bitacora.trustedState());
    expect(r.estadoProbado!.txId).toBeGreaterThanOrEqual((await bitacora.currentServerState()).txId);
  }, 120_000);

  it('reports each entry the scan lied about exactly once, in a stable order, the same way in both proof modes', async () => {
    // Spread over the run: a single-entry transaction, entries inside batches, two of one acta.
    const alteradas = new Set([0, 5, 6, 130, 131, 700, entradas.length - 1].map((i) => entradas[i].key));
    const omitida = entradas[400].key;
    const manipulada = conScanAlterado((e) => (e.key === omitida ? null : alteradas.has(e.key) ? { ...e, value: `${e.value} ` } : e));

    const cadena = await revisar({ bitacora: manipulada });
    const otraVez = await revisar({ bitacora: manipulada });
    const porEntrada = await revisar({
      bitacora: conScanAlterado((e) => (e.key === omitida ? null : alteradas.has(e.key) ? { ...e, value: `${e.value} ` } : e), { desordenar: true }),
      modoPruebas: 'entrada',
      concurrencia: 16,
    });

    const noVerificadas = cadena.hallazgos.filter((h) => h.tipo === 'ENTRADA_NO_VERIFICADA');
    expect(noVerificadas.map((h) => h.detalle.split(':')[0]).sort()).toEqual([...alteradas].sort());
    expect(noVerificadas.map((h) => h.detalle)).toEqual(
      noVerificadas.map((h) => `${h.detalle.split(':')[0]}: el valor listado no coincide con la lectura verificada`),
    );
    // The dropped entry is one acta's finding (a gap in its chain), not a proof failure.
    const deOmitida = cadena.hallazgos.filter((h) => omitida.includes(`/${h.claveActa}/`));
    expect(deOmitida.length).toBeGreaterThan(0);
    expect(deOmitida.every((h) => h.tipo !== 'ENTRADA_NO_VERIFICADA')).toBe(true);

    expect(otraVez.hallazgos).toEqual(cadena.hallazgos);
    expect(porEntrada.hallazgos).toEqual(cadena.hallazgos);
    expect(cadena.entradasProbadas).toBe(entradas.length - 1);
  }, 180_000);

  it('reports an entry the scan places in another transaction', async () => {
    const movida = entradas[10].key;
    const r = await revisar({ bitacora: conScanAlterado((e) => (e.key === movida ? { ...e, txId: e.txId + 1 } : e)) });
    const h = r.hallazgos.filter((x) => x.tipo === 'ENTRADA_NO_VERIFICADA');
    expect(h).toEqual([
      expect.objectContaining({ detalle: expect.stringMatching(new RegExp(`^${movida}: la transacción \\d+ del estado confiable no contiene`)) }),
    ]);
  }, 120_000);

  it('refuses a listing of transactions that does not chain to the trusted state', async () => {
    const altera = (n: number) =>
      new Proxy(bitacora, {
        get(objetivo, prop) {
          if (prop === 'transacciones') {
            return async (desde: number, limite: number) =>
              (await objetivo.transacciones(desde, limite)).map((tx) => {
                if (tx.encabezado.id !== n) return tx;
                const eH = Buffer.from(tx.encabezado.eH);
                eH[0] ^= 1;
                return { ...tx, encabezado: { ...tx.encabezado, eH } };
              });
          }
          const v = Reflect.get(objetivo, prop, objetivo);
          return typeof v === 'function' ? v.bind(objetivo) : v;
        },
      });
    await expect(revisar({ bitacora: altera(5) })).rejects.toThrow(BitacoraNoVerificableError);
  }, 120_000);
});
