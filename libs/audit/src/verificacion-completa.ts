import { sha256DeImagenGuardada } from '@prep/imagenes';
import { enParalelo } from './en-paralelo';
import { claveActaDeLlave, prefijoEventosActa } from './esquema';
import { recorrerPrefijo } from './recorrido';
import type { BitacoraImmudb, EntradaLeida, TrustedState } from './bitacora-immudb';
import { probarContraCadena, valorNoCoincide, type EntradaNoProbada } from './prueba-cadena';
import { compararConModelo, reconstruirActa, type FilaActa, type Hallazgo } from './verificacion';

/** The read model as the check needs it: one SQL query (a MikroORM EntityManager fits). */
export interface ModeloDeLectura {
  execute(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface OpcionesVerificacion {
  bitacora: BitacoraImmudb;
  em: ModeloDeLectura;
  dirImagenes: string;
  /** 'todas': every entry re-read with a proof; 'ninguna': trust the scan (faster, for drills). */
  pruebas?: 'todas' | 'ninguna';
  /**
   * How 'todas' proves: 'cadena', one pass over every transaction up to the trusted state (the
   * default for the whole bitácora), or 'entrada', a verified read per entry through immudb-node's
   * own proof check (the default for one acta, where a pass over every transaction would cost more).
   */
  modoPruebas?: 'cadena' | 'entrada';
  /** Verified reads in flight in the 'entrada' mode, and image files hashed at once. */
  concurrencia?: number;
  /** Only this acta: the same comparison, for an auditor's spot check. */
  claveActa?: string;
  progreso?: (etapa: string, hechos: number, total: number) => void;
}

export interface InformeVerificacionCompleta {
  inicio: string;
  fin: string;
  duracionMs: number;
  actasEnBitacora: number;
  actasEnModelo: number;
  entradasRevisadas: number;
  entradasProbadas: number;
  /** The trusted state every entry was proven against in the 'cadena' mode (null: per-entry proofs, or none). */
  estadoProbado: TrustedState | null;
  imagenesRevisadas: number;
  hallazgos: Hallazgo[];
  ok: boolean;
}

export interface FilaSql {
  clave_acta: string;
  clave_casilla: string;
  tipo_acta: string;
  catd: string | null;
  fase: string;
  fuera_de_catalogo: boolean;
  secuencia: number;
  ronda: number;
  contabilizada: number | null;
  total_votos_calculado: number | null;
  observaciones: string | null;
  imagen_sha256: string | null;
  fecha_hora_acopio: Date | null;
  fecha_hora_captura: Date | null;
  fecha_hora_verificacion: Date | null;
  fecha_hora_publicacion: Date | null;
  atorada: boolean;
  atorada_desde: Date | null;
  tx_publicacion: string | null;
  estado: unknown;
}

/** Every column of the row the checks compare (full check and corte alike). */
export const SELECT_FILA_ACTA = `select clave_acta, clave_casilla, tipo_acta, catd, fase, fuera_de_catalogo, secuencia, ronda, contabilizada,
            total_votos_calculado, observaciones, imagen_sha256, fecha_hora_acopio, fecha_hora_captura, fecha_hora_verificacion,
            fecha_hora_publicacion, atorada, atorada_desde, tx_publicacion, estado
       from acta`;

/** Every column of the row: whatever the read model can serve is compared. */
export function filaDeSql(f: FilaSql): FilaActa {
  return {
    claveCasilla: f.clave_casilla,
    tipoActa: f.tipo_acta,
    catd: f.catd,
    fase: f.fase,
    fueraDeCatalogo: f.fuera_de_catalogo,
    secuencia: f.secuencia,
    ronda: f.ronda,
    contabilizada: f.contabilizada,
    totalVotosCalculado: f.total_votos_calculado,
    observaciones: f.observaciones,
    imagenSha256: f.imagen_sha256,
    fechaHoraAcopio: f.fecha_hora_acopio,
    fechaHoraCaptura: f.fecha_hora_captura,
    fechaHoraVerificacion: f.fecha_hora_verificacion,
    fechaHoraPublicacion: f.fecha_hora_publicacion,
    atorada: f.atorada,
    atoradaDesde: f.atorada_desde,
    txPublicacion: f.tx_publicacion,
    estado: typeof f.estado === 'string' ? JSON.parse(f.estado) : f.estado,
  };
}

/**
 * The auditor's full check: replays the bitácora and reports every acta whose read-model
 * row or image file differs from what the bitácora says. Published files (cortes) will
 * join as one more comparison over the same replay.
 */
export async function verificacionCompleta(o: OpcionesVerificacion): Promise<InformeVerificacionCompleta> {
  const t0 = Date.now();
  const inicio = new Date(t0).toISOString();
  const concurrencia = o.concurrencia ?? 8;
  const hallazgos: Hallazgo[] = [];

  const porActa = new Map<string, EntradaLeida[]>();
  let entradas = 0;
  const corte = (await o.bitacora.currentServerState()).txId;
  for await (const e of recorrerPrefijo(o.bitacora, o.claveActa ? prefijoEventosActa(o.claveActa) : 'acta/', { sinceTx: corte })) {
    const clave = claveActaDeLlave(e.key) ?? e.key;
    const lista = porActa.get(clave) ?? [];
    lista.push(e);
    porActa.set(clave, lista);
    if (++entradas % 10_000 === 0) o.progreso?.('bitácora leída', entradas, 0);
  }

  // Every value is proven against a trusted state: a server that answered the scan with content
  // outside its verified history is caught here. The whole bitácora in one pass over its
  // transactions; one acta (a spot check) with a proof request per entry.
  let probadas = 0;
  let estadoProbado: TrustedState | null = null;
  const probar = async () => {
    if ((o.pruebas ?? 'todas') !== 'todas') return;
    const todas = [...porActa.values()].flat();
    let noProbadas: EntradaNoProbada[] = [];
    if ((o.modoPruebas ?? (o.claveActa ? 'entrada' : 'cadena')) === 'entrada') noProbadas = await probarPorEntrada(o.bitacora, todas, concurrencia);
    else if (todas.length > 0) ({ noProbadas, confiable: estadoProbado } = await probarTodas(o, todas));
    probadas = todas.length;
    for (const { entrada, detalle } of noProbadas) {
      hallazgos.push({ tipo: 'ENTRADA_NO_VERIFICADA', claveActa: claveActaDeLlave(entrada.key) ?? entrada.key, detalle });
    }
  };

  // The read model and the image files do not wait for the proofs: both run at once (PostgreSQL
  // and the disk on one side, immudb on the other) and the findings are sorted at the end.
  let modelo = new Map<string, FilaActa>();
  const imagenes: { claveActa: string; sha256: string; ruta: string }[] = [];
  const comparar = async () => {
    const filas = (await o.em.execute(`${SELECT_FILA_ACTA} ${o.claveActa ? 'where clave_acta = ?' : ''}`, o.claveActa ? [o.claveActa] : [])) as FilaSql[];
    modelo = new Map<string, FilaActa>(filas.map((f) => [f.clave_acta, filaDeSql(f)]));

    for (const [claveActa, lista] of porActa) {
      const { acta, hallazgos: cadena } = reconstruirActa(claveActa, lista);
      hallazgos.push(...cadena);
      if (!acta) continue;
      const fila = modelo.get(claveActa);
      if (!fila) {
        hallazgos.push({
          tipo: 'BITACORA_SIN_ACTA',
          claveActa,
          detalle: `la bitácora tiene ${acta.columnas.secuencia} entradas del acta y el modelo de lectura no la tiene`,
        });
      } else {
        hallazgos.push(...compararConModelo(acta, fila));
      }
      for (const i of acta.imagenes) imagenes.push({ claveActa, ...i });
    }
    for (const clave of modelo.keys()) {
      if (!porActa.has(clave))
        hallazgos.push({
          tipo: 'ACTA_SIN_BITACORA',
          claveActa: clave,
          detalle: 'el modelo de lectura tiene el acta y la bitácora no tiene ninguna entrada suya',
        });
    }

    await enParalelo(imagenes, concurrencia, async (img) => {
      const real = await sha256DeImagenGuardada(o.dirImagenes, img.ruta);
      if (real === null) {
        hallazgos.push({
          tipo: 'IMAGEN_FALTANTE',
          claveActa: img.claveActa,
          campo: 'imagen',
          bitacora: img.sha256,
          detalle: `no se encontró el archivo ${img.ruta} en el almacén de imágenes (o esa ruta no es una del almacén)`,
        });
      } else if (real !== img.sha256) {
        hallazgos.push({
          tipo: 'IMAGEN_ALTERADA',
          claveActa: img.claveActa,
          campo: 'imagen',
          bitacora: img.sha256,
          encontrado: real,
          detalle: `el SHA-256 del archivo ${img.ruta} no coincide con el de la bitácora`,
        });
      }
    });
  };
  // Both finish before a failure is reported, so nothing keeps working after the answer.
  for (const r of await Promise.allSettled([probar(), comparar()])) if (r.status === 'rejected') throw r.reason;

  hallazgos.sort(ordenHallazgos);
  const fin = Date.now();
  return {
    inicio,
    fin: new Date(fin).toISOString(),
    duracionMs: fin - t0,
    actasEnBitacora: porActa.size,
    actasEnModelo: modelo.size,
    entradasRevisadas: entradas,
    entradasProbadas: probadas,
    estadoProbado,
    imagenesRevisadas: imagenes.length,
    hallazgos,
    ok: hallazgos.length === 0,
  };
}

/**
 * Findings in one order whatever order the parallel parts finished in: by acta, field, kind and
 * detail (two findings of one acta and field, e.g. two of its entries, differ in their detail).
 */
export function ordenHallazgos(a: Hallazgo, b: Hallazgo): number {
  return comparar(a.claveActa, b.claveActa) || comparar(a.campo ?? '', b.campo ?? '') || comparar(a.tipo, b.tipo) || comparar(a.detalle, b.detalle);
}

const comparar = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The whole bitácora: the trusted state is first moved to the newest transaction with immudb's own proof. */
async function probarTodas(o: OpcionesVerificacion, todas: EntradaLeida[]): Promise<{ noProbadas: EntradaNoProbada[]; confiable: TrustedState }> {
  const actual = await o.bitacora.currentServerState();
  await o.bitacora.verifiedTxById(actual.txId);
  // Another request on this client may have moved it further: the chain goes to whatever it trusts now.
  const confiable = o.bitacora.trustedState();
  if (!confiable) throw new Error('el cliente de la bitácora no tiene estado confiable después de una lectura verificada');
  const r = await probarContraCadena(o.bitacora, todas, confiable, (hechas, total) => o.progreso?.('transacciones encadenadas', hechas, total));
  return { noProbadas: r.noProbadas, confiable };
}

/** A few entries (one acta): a verified read each, at most `concurrencia` in flight. */
async function probarPorEntrada(bitacora: BitacoraImmudb, todas: EntradaLeida[], concurrencia: number): Promise<EntradaNoProbada[]> {
  const fallidas: (EntradaNoProbada | undefined)[] = new Array(todas.length);
  await enParalelo(todas, concurrencia, async (e, i) => {
    const v = await bitacora.verifiedGet(e.key);
    if (!v || v.value !== e.value) fallidas[i] = { entrada: e, detalle: valorNoCoincide(e.key) };
  });
  return fallidas.filter((f) => f !== undefined);
}
