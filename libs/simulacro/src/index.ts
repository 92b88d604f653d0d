// The simulacro's plan: pure and seeded (imports libs/domain only), shared by `npm run simulacro`
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
