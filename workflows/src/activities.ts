/**
 * Activity contracts, declared here (types only) so workflow code never imports
 * the worker's Node-side implementations.
 */
export interface DiagnosticoActivities {
  eco(mensaje: string): Promise<string>;
}
