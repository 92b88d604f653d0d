/**
 * Where the workflow code is and how to bundle it, for every Node-side process that runs it: the
 * worker, the workflow tests and the replay test. Node-only (fs, path): never imported by workflow
 * code, and not exported from index.ts, which is the bundle's entry point.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Source (ts) or compiled (js) path of a workspace module, whichever this process runs from. */
function moduloDelRepositorio(relativo: string): string {
  const ts = path.join(REPO_ROOT, `${relativo}.ts`);
  const js = path.join(REPO_ROOT, `${relativo}.js`);
  return __filename.endsWith('.ts') ? ts : fs.existsSync(js) ? js : ts;
}

/** The bundle's entry point: workflows/src/index. */
export const rutaWorkflows = (): string => moduloDelRepositorio('workflows/src/index');

/** Workflow code imports the domain through the tsconfig aliases; webpack needs them too. */
export function opcionesDeBundle(): Pick<BundleOptions, 'webpackConfigHook'> {
  return {
    webpackConfigHook: (config) => {
      config.resolve = config.resolve ?? {};
      config.resolve.alias = {
        ...(config.resolve.alias as Record<string, string>),
        '@prep/domain': moduloDelRepositorio('libs/domain/src/index'),
        '@prep/workflows': path.dirname(rutaWorkflows()),
      };
      return config;
    },
  };
}
