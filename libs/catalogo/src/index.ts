// The catálogo: reading and checking catalogo.json + casillas.csv, loading it (with its bitácora
// record, refused once frozen) and reading the one in force. Shared by apps/api and the CLI.
export { leerCatalogo, escribirCatalogo, huellaCatalogo, documentoDe, MAX_ERRORES } from './catalogo-archivo';
export type { ArchivosCatalogo, CatalogoLeido, CatalogoRechazado } from './catalogo-archivo';
export { leerCarpetaCatalogo, escribirCarpetaCatalogo } from './catalogo-carpeta';
export { cargarCatalogo, cargaVigente, LLAVE_BLOQUEO_CATALOGO, type OpcionesCarga } from './catalogo-carga';
export { cargarArchivosCatalogo, CatalogoInvalidoError } from './catalogo-cargador';
export { CATALOGO_CONGELADO, MOTIVOS_CONGELAMIENTO, exigirCatalogoAbierto, hayActas, hayPuestaEnCeros, type MotivoCongelamiento } from './catalogo-congelado';
export { resumenDeCarga, documentoDeCarga, type ResumenCatalogo, type ResumenEleccion, type ResultadoCarga } from './catalogo-resumen';
export { CatalogoVigente, SIN_CATALOGO } from './catalogo-vigente';
export { COLUMNAS_CASILLAS, leerCasillasCsv, escribirCasillasCsv } from './casillas-csv';
export { ARCHIVO_CSV, ARCHIVO_JSON } from './errores-archivo';
export { LIMITES } from './limites';
export { catalogoCompleto } from './catalogo-completo';
