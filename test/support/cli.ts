import { spawn } from 'node:child_process';
import * as path from 'node:path';

const RAIZ = path.resolve(__dirname, '..', '..');

export interface SalidaCli {
  codigo: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run <script> -- <args>` as an operator would, with this test file's environment
 * (its database, immudb database and data folder) plus `env`.
 */
export function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<SalidaCli> {
  return new Promise((resolve, reject) => {
    const hijo = spawn('npm', ['run', '--silent', script, '--', ...args], { cwd: RAIZ, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    hijo.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    hijo.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    hijo.once('error', reject);
    hijo.once('close', (codigo) => resolve({ codigo, stdout, stderr }));
  });
}
