// The pure side of `npm run bench`: CPU arithmetic over /proc text, sizes and parts, the result's
// shape and its Spanish table. No I/O: scripts/bench/* reads /proc, runs the stack and writes files.
export {
  inodoQueEscucha,
  leerStatMaquina,
  leerStatProceso,
  porcentajeOcupado,
  redondear,
  repartoCpu,
  ticksDelArbol,
  type FilaCpu,
  type ProcesoStat,
} from './cpu';
export {
  corridasDe,
  enVuelo,
  ErrorOpcionesBench,
  parsearPartes,
  plantillaDeCorrida,
  trabajoDeReferencia,
  MAX_ACTAS_REFERENCIA,
  PARTES,
  PARTES_POR_OMISION,
  TAMANOS,
  type Corrida,
  type Parte,
  type Tamano,
} from './tamanos';
export {
  ACCIONES_PERSONAL,
  cociente,
  combinarPasadas,
  razones,
  REFERENCIAS,
  tabla,
  textoCorrida,
  textoResultado,
  type FilaRazon,
  type NombreReferencia,
} from './razones';
export type { Maquina, MedidaOperacion, MedidaReferencia, ResultadoBench, ResultadoCorrida } from './resultado';
export { compararCorrida, textoComparacion, type FilaComparacion } from './comparacion';
