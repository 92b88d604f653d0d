// Cortes of publication: building a corte's files and its deterministic zip, keeping them immutable
// on disk, and reading them back (the feed, the auditor's CLI). Used by apps/worker, apps/api, scripts.
export * from './zip';
export * from './carpeta-corte';
export * from './armado-corte';
