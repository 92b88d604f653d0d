// The worker's one public entry (`@prep/worker`): tests start a worker in-process with it.
export { createPrepWorker, type PrepWorker } from './worker';
