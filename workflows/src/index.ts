// Workflow entry point bundled by the worker: export workflow functions only.
export * from './diagnostico.workflow';
export { actaWorkflow } from './acta.workflow';
export { corteWorkflow } from './corte.workflow';
