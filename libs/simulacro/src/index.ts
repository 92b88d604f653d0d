// The simulacro's plan (pure and seeded) and its informe (pure rendering), shared by `npm run simulacro`
// and its e2e test.
export { TASAS_POR_OMISION, NOMBRES_TASAS, parsearTasas, ErrorTasas, type TasasSimulacro } from './tasas';
export { catalogoDelSimulacro, type OpcionesCatalogoSimulacro } from './catalogo-simulacro';
export {
  planSimulacro,
  indicePlan,
  type ActaPlaneada,
  type ConteosPlan,
  type DecisionPlaneada,
  type OpcionesPlan,
  type PlanSimulacro,
  type Realidad,
  type RondaPlaneada,
} from './plan';
export { percentil, resumirTiempos, type ResumenTiempos } from './estadistica';
export type { Comprobacion, Contadores, ResultadoPaquete, ResultadoPaso, ResultadoVerificacion, ResumenSimulacro } from './resumen';
// The informe de simulacro (imports @prep/reportes for its page layout, escaping and charts).
export {
  REPORTES_DEL_INFORME,
  construirInforme,
  type ComprobacionIntegridad,
  type FilaRealidad,
  type FilaTiempos,
  type InformeSimulacro,
  type ReporteObtenido,
} from './informe';
export { ACCIONES_DEL_PERSONAL, METAS, UMBRALES, evaluarMetas, peorP99DelPersonal, type Meta, type ResultadoMeta } from './informe-metas';
export { htmlInforme } from './informe-html';
export { DESCRIPCION_FALLA, FALLAS, construirInformeFallas, tablaFallas, type InformeFallas, type NombreFalla, type ReporteFalla } from './fallas';
