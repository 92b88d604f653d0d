/**
 * Where the workflow code is and how to bundle it, for every Node-side process that runs it: the
 * worker, the workflow tests and the replay test. Node-only (fs, path): never imported by workflow
 * code, and not exported from index.ts, which is the bundle's entry point.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type BundleOptions } from '@temporalio/worker';

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
      // Module ids are paths relative to the context (by default the process's working folder):
      // fixing it makes every process of one checkout build the same bundle, wherever it was started.
      config.context = REPO_ROOT;
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

/**
 * The workflow bundle, built once: the worker hands this very code to Temporal (workflowBundle), so
 * the SHA-256 it records of it is the code it runs; the puesta en ceros builds it the same way to
 * record the reference. The code names the absolute path of workflows/src (Temporal's generated
 * entry point), so its hash is that of this installation's path as well as of its content.
 */
export function bundleDeWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: rutaWorkflows(), ...opcionesDeBundle(), logger: new DefaultLogger('WARN') });
}
