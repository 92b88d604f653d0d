import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const RAIZ = path.resolve(__dirname, '..', '..');

/** The real worker as its own OS process (the way it runs in production), so a test can kill it. */
export class WorkerProceso {
  private hijo?: ChildProcess;
  salida = '';

  constructor(private readonly env: NodeJS.ProcessEnv = {}) {}

  async iniciar(timeoutMs = 60_000): Promise<void> {
    this.hijo = spawn(process.execPath, [path.join(RAIZ, 'scripts', 'run.js'), 'apps/worker/src/main.ts'], {
      cwd: RAIZ,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hijo = this.hijo;
    hijo.stdout!.on('data', (d) => (this.salida += d.toString()));
    hijo.stderr!.on('data', (d) => (this.salida += d.toString()));
    const inicio = Date.now();
    while (!this.salida.includes('atendiendo la cola')) {
      if (hijo.exitCode !== null) throw new Error(`el worker terminó al iniciar:\n${this.salida}`);
      if (Date.now() - inicio > timeoutMs) throw new Error(`el worker no inició en ${timeoutMs} ms:\n${this.salida}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resolves with the exit code or signal once the process is gone. */
  terminado(): Promise<number | string | null> {
    const hijo = this.hijo!;
    if (hijo.exitCode !== null || hijo.signalCode !== null) return Promise.resolve(hijo.exitCode ?? hijo.signalCode);
    return new Promise((r) => hijo.once('exit', (code, signal) => r(code ?? signal)));
  }

  async detener(): Promise<void> {
    if (!this.hijo || this.hijo.exitCode !== null || this.hijo.signalCode !== null) return;
    this.hijo.kill('SIGTERM');
    const fin = this.terminado();
    const limite = setTimeout(() => this.hijo?.kill('SIGKILL'), 15_000);
    await fin;
    clearTimeout(limite);
  }
}
