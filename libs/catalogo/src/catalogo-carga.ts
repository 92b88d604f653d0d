/**
 * Replacing the current catálogo in PostgreSQL and recording it in the bitácora, in one unit of
 * work. A plain function over an EntityManager and a bitácora writer so the API (CatalogoService) and
 * the CLI (scripts/catalogo.ts, no Nest) run the very same code and leave the very same record.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { claveDeCasilla, type Catalogo } from '@prep/domain';
import type { RegistroAcciones } from '@prep/audit';
import { CasillaRow, CatalogoCarga, CatdRow, EleccionRow } from '@prep/persistence';
import type { CatalogoLeido } from './catalogo-archivo';
import { documentoDe } from './catalogo-archivo';
import { exigirCatalogoAbierto } from './catalogo-congelado';
import { resumenDeCarga, type ResultadoCarga } from './catalogo-resumen';
import { LIMITES } from './limites';

export interface OpcionesCarga {
  /** Called after each batch of casillas is written (for the CLI's progress line). */
  progreso?: (hechas: number, total: number) => void;
  /** Casillas per INSERT … ON CONFLICT statement: 1,000 × 12 columns stays far below PostgreSQL's 65,535 parameters. */
  lote?: number;
}

/**
 * Two loads at once would interleave their deletes and upserts; this lock makes the second wait.
 * The puesta en ceros takes it too, so a load and the puesta en ceros never overlap.
 */
export const LLAVE_BLOQUEO_CATALOGO = "hashtext('prep.catalogo.carga')";

/** The load most recently applied: the current catálogo. */
export async function cargaVigente(em: EntityManager): Promise<CatalogoCarga | null> {
  const [ultima] = await em.find(CatalogoCarga, {}, { orderBy: { cargadoEn: 'desc', id: 'asc' }, limit: 1 });
  return ultima ?? null;
}

/**
 * Makes `leido` the current catálogo in one transaction: upserts elecciones, CATD and casillas,
 * deletes the rows the new catálogo no longer has, records the load and, before commit, writes
 * CATALOGO_CARGADO to the bitácora (if immudb refuses, nothing was loaded: BitacoraNoDisponibleError).
 * If the current catálogo already has this SHA-256, nothing is written (sinCambios). Once the
 * catálogo is frozen (catalogo-congelado.ts) every load is refused with CATALOGO_CONGELADO.
 */
export async function cargarCatalogo(
  em: EntityManager,
  bitacoraPersonal: RegistroAcciones,
  leido: Pick<CatalogoLeido, 'catalogo' | 'sha256'>,
  cargadoPor: string,
  opciones: OpcionesCarga = {},
): Promise<ResultadoCarga> {
  if (!cargadoPor || cargadoPor.length > LIMITES.cargadoPor) throw new Error(`cargadoPor debe tener de 1 a ${LIMITES.cargadoPor} caracteres.`);
  const { catalogo, sha256 } = leido;
  const lote = opciones.lote ?? 1000;

  return em.fork().transactional(async (tx) => {
    await tx.execute(`select pg_advisory_xact_lock(${LLAVE_BLOQUEO_CATALOGO})`);
    await exigirCatalogoAbierto(tx);
    const vigente = await cargaVigente(tx);
    if (vigente?.sha256 === sha256) {
      return { ...resumenDeCarga(vigente), sinCambios: true, eliminadas: { elecciones: 0, catds: 0, casillas: 0 } };
    }

    const tiposActa = catalogo.elecciones.map((e) => e.tipoActa);
    await tx.upsertMany(
      EleccionRow,
      catalogo.elecciones.map((e) => ({ tipoActa: e.tipoActa, nombre: e.nombre, ambito: e.ambito, columnasVoto: [...e.columnasVoto] })),
    );
    const eleccionesEliminadas = await tx.nativeDelete(EleccionRow, { tipoActa: { $nin: tiposActa } });

    const idsCatd = catalogo.catds.map((c) => c.id);
    await tx.upsertMany(
      CatdRow,
      catalogo.catds.map((c) => ({ id: c.id, nombre: c.nombre, tipo: c.tipo, idDistrito: c.idDistrito ?? null, idMunicipio: c.idMunicipio ?? null })),
    );
    const catdsEliminados = await tx.nativeDelete(CatdRow, { id: { $nin: idsCatd } });

    const filas = filasDeCasillas(catalogo);
    for (let i = 0; i < filas.length; i += lote) {
      // disableIdentityMap: 10,000 managed entities would only cost memory and time here.
      await tx.upsertMany(CasillaRow, filas.slice(i, i + lote), { batchSize: lote, disableIdentityMap: true });
      opciones.progreso?.(Math.min(i + lote, filas.length), filas.length);
    }
    // One JSON parameter instead of one per clave: a federal catálogo (170k casillas) would exceed
    // PostgreSQL's parameter limit with NOT IN (?, ?, …).
    const borradas = await tx.execute<{ affectedRows: number }>(
      'delete from "casilla" where "clave_casilla" not in (select jsonb_array_elements_text(?::jsonb))',
      [JSON.stringify(filas.map((f) => f.claveCasilla))],
      'run',
    );

    const totales = {
      documento: documentoDe(catalogo) as unknown as Record<string, unknown>,
      version: catalogo.version ?? null,
      totalCasillas: filas.length,
      totalActasEsperadas: filas.length * catalogo.elecciones.length,
      cargadoPor,
      cargadoEn: new Date(),
    };
    // sha256 is unique in catalogo_carga: going back to an earlier catálogo (A → B → A) re-applies
    // it and moves that row forward to "now" instead of inserting a second row.
    const anterior = await tx.findOne(CatalogoCarga, { sha256 });
    const carga = anterior ? tx.assign(anterior, totales) : tx.create(CatalogoCarga, { id: randomUUID(), sha256, ...totales });
    await tx.flush();
    const resumen = resumenDeCarga(carga);
    // Last step before commit: a bitácora that does not answer rolls the whole load back.
    await bitacoraPersonal.registrar('CATALOGO_CARGADO', cargadoPor, {
      sha256: resumen.sha256,
      version: resumen.version ?? null,
      totalCasillas: resumen.totalCasillas,
      totalActasEsperadas: resumen.totalActasEsperadas,
    });
    return {
      ...resumen,
      sinCambios: false,
      eliminadas: { elecciones: eleccionesEliminadas, catds: catdsEliminados, casillas: borradas.affectedRows },
    };
  });
}

function filasDeCasillas(catalogo: Catalogo): CasillaRow[] {
  return catalogo.casillas.map((c) => ({
    claveCasilla: claveDeCasilla(catalogo.entidad.id, c),
    idEntidad: catalogo.entidad.id,
    seccion: c.seccion,
    tipo: c.tipo,
    idCasilla: c.idCasilla,
    extContigua: c.extContigua,
    ubicacion: c.ubicacion,
    listaNominal: c.listaNominal,
    representantes: c.representantes,
    idDistritoLocal: c.idDistritoLocal,
    idMunicipio: c.idMunicipio,
    catd: c.catd,
  }));
}
