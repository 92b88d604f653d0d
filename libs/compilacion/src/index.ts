// Build fingerprints (the code each process runs, the workflow bundle, package-lock.json, the
// commit) and the PROCESO_INICIADO record: used by the API, the worker and the puesta en ceros.
export * from './huella';
export * from './compilacion';
export * from './inicio-proceso';
