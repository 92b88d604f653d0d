import { sha256DeImagenGuardada } from '@prep/imagenes';
import { enParalelo } from './en-paralelo';
import { claveActaDeLlave, prefijoEventosActa } from './esquema';
import { recorrerPrefijo } from './recorrido';
import type { BitacoraImmudb, EntradaLeida } from './bitacora-immudb';
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

  // Each value is re-read with an inclusion and consistency proof: a server that
  // answered the scan with content outside its verified history is caught here.
  let probadas = 0;
  if ((o.pruebas ?? 'todas') === 'todas') {
    const todas = [...porActa.values()].flat();
    await enParalelo(todas, concurrencia, async (e) => {
      const v = await o.bitacora.verifiedGet(e.key);
      if (!v || v.value !== e.value) {
        hallazgos.push({
          tipo: 'ENTRADA_NO_VERIFICADA',
          claveActa: claveActaDeLlave(e.key) ?? e.key,
          detalle: `${e.key}: el valor listado no coincide con la lectura verificada`,
        });
      }
      if (++probadas % 5_000 === 0) o.progreso?.('entradas probadas', probadas, todas.length);
    });
  }

  const filas = (await o.em.execute(`${SELECT_FILA_ACTA} ${o.claveActa ? 'where clave_acta = ?' : ''}`, o.claveActa ? [o.claveActa] : [])) as FilaSql[];
  const modelo = new Map<string, FilaActa>(filas.map((f) => [f.clave_acta, filaDeSql(f)]));

  const imagenes: { claveActa: string; sha256: string; ruta: string }[] = [];
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

  hallazgos.sort((a, b) => a.claveActa.localeCompare(b.claveActa) || (a.campo ?? '').localeCompare(b.campo ?? ''));
  const fin = Date.now();
  return {
    inicio,
    fin: new Date(fin).toISOString(),
    duracionMs: fin - t0,
    actasEnBitacora: porActa.size,
    actasEnModelo: modelo.size,
    entradasRevisadas: entradas,
    entradasProbadas: probadas,
    imagenesRevisadas: imagenes.length,
    hallazgos,
    ok: hallazgos.length === 0,
  };
}
