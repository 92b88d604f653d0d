import type { EntityManager } from '@mikro-orm/postgresql';
import type { Catalogo, TipoCasilla } from '@prep/domain';
import { huellaCatalogo } from './catalogo-archivo';
import { cargaVigente } from './catalogo-carga';
import { documentoDeCarga } from './catalogo-resumen';

/**
 * The catálogo in force, whole (casillas included), with the SHA-256 the bitácora recorded at its
 * load (CATALOGO_CARGADO.datos.sha256). A corte ships it so it can be rebuilt offline; the hash is
 * recomputed here, so a casilla changed in PostgreSQL after the load cannot be published unseen.
 */
export async function catalogoCompleto(em: EntityManager): Promise<{ catalogo: Catalogo; sha256: string; sha256Registrado: string } | null> {
  const carga = await cargaVigente(em);
  if (!carga) return null;
  const d = documentoDeCarga(carga);
  const filas = await em.execute<
    {
      seccion: number;
      tipo: TipoCasilla;
      id_casilla: number;
      ext_contigua: number;
      ubicacion: string;
      lista_nominal: number;
      representantes: number;
      id_distrito_local: number;
      id_municipio: number;
      catd: string;
    }[]
  >(
    'select seccion, tipo, id_casilla, ext_contigua, ubicacion, lista_nominal, representantes, id_distrito_local, id_municipio, catd from casilla order by clave_casilla',
  );
  const casillas = filas.map((f) => ({
    seccion: f.seccion,
    tipo: f.tipo,
    idCasilla: f.id_casilla,
    extContigua: f.ext_contigua,
    ubicacion: f.ubicacion,
    listaNominal: f.lista_nominal,
    representantes: f.representantes,
    idDistritoLocal: f.id_distrito_local,
    idMunicipio: f.id_municipio,
    catd: f.catd,
  }));
  const catalogo: Catalogo = {
    ...(d.version !== null && d.version !== undefined ? { version: d.version } : {}),
    entidad: d.entidad,
    distritos: d.distritos,
    municipios: d.municipios,
    catds: d.catds,
    elecciones: d.elecciones,
    casillas,
  };
  return { catalogo, sha256: huellaCatalogo(d, casillas), sha256Registrado: carga.sha256 };
}
