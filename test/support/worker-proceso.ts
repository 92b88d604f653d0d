import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const RAIZ = path.resolve(__dirname, '..', '..');

export interface OpcionesProceso {
  /** The checkout to run from (default: this repository); a copy runs that copy's code. */
  raiz?: string;
  /** Entry point relative to it (default: the worker's). */
  entrada?: string;
  /** Text in the output that says the process is ready. */
  listo?: string;
  /** Working folder (default: the checkout). */
  cwd?: string;
}

/** The real worker (or API) as its own OS process (the way it runs in production), so a test can kill it. */
export class WorkerProceso {
  private hijo?: ChildProcess;
  salida = '';

  constructor(
    private readonly env: NodeJS.ProcessEnv = {},
    private readonly opciones: OpcionesProceso = {},
  ) {}

  get pid(): number | undefined {
    return this.hijo?.pid;
  }

  async iniciar(timeoutMs = 60_000): Promise<void> {
    const { raiz = RAIZ, entrada = 'apps/worker/src/main.ts', listo = 'atendiendo la cola', cwd = raiz } = this.opciones;
    this.hijo = spawn(process.execPath, [path.join(raiz, 'scripts', 'run.js'), entrada], {
      cwd,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const hijo = this.hijo;
    hijo.stdout!.on('data', (d) => (this.salida += d.toString()));
    hijo.stderr!.on('data', (d) => (this.salida += d.toString()));
    const inicio = Date.now();
    while (!this.salida.includes(listo)) {
      if (hijo.exitCode !== null) throw new Error(`el proceso terminó al iniciar:\n${this.salida}`);
      if (Date.now() - inicio > timeoutMs) throw new Error(`el proceso no inició en ${timeoutMs} ms:\n${this.salida}`);
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
