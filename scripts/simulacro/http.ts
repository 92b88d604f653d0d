import { randomUUID } from 'node:crypto';
import { Agent, fetch, FormData, type Response } from 'undici';
import { CABECERA_IDEMPOTENCIA } from '@prep/domain';

/**
 * The drill's HTTP client: undici with keep-alive (one pool for every virtual person, as a CATD's
 * staff behind one proxy would be), retries on 503 with backoff, a latency sample per staff action
 * and a count of every unexpected answer. Every staff POST carries an Idempotency-Key, new per
 * action and the same on each of its retries, so a retry after a lost answer is never applied twice.
 */
export interface Respuesta<T = unknown> {
  status: number;
  cuerpo: T;
}

export class ErrorHttp extends Error {
  constructor(
    readonly accion: string,
    readonly status: number,
    readonly cuerpo: unknown,
  ) {
    super(`${accion}: HTTP ${status} ${JSON.stringify(cuerpo).slice(0, 300)}`);
  }
}

export class Metricas {
  readonly tiempos = new Map<string, number[]>();
  /** `accion HTTP codigo` → times seen. */
  readonly errores = new Map<string, number>();
  /** The first message of each kind, to show why. */
  readonly ejemplos = new Map<string, string>();
  reintentos503 = 0;
  /** 503 answers (and refused connections, as `SIN_CONEXION`) by código: the failure drills count them per outage. */
  readonly vistos503 = new Map<string, number>();
  /** When the last staff action (a POST) succeeded: the failure drills time the recovery with it. */
  ultimoExitoPost = 0;
  /** When a staff action (a POST) was last sent, retries included: no attempt means nothing was waiting to be done. */
  ultimoIntentoPost = 0;

  servicioCaido(codigo: string): void {
    this.reintentos503++;
    this.vistos503.set(codigo, (this.vistos503.get(codigo) ?? 0) + 1);
  }

  medir(accion: string, ms: number): void {
    let lista = this.tiempos.get(accion);
    if (!lista) this.tiempos.set(accion, (lista = []));
    lista.push(ms);
  }

  error(accion: string, status: number, cuerpo: unknown): void {
    const codigo = (cuerpo as { codigo?: string } | null)?.codigo ?? '';
    const clave = `${accion} ${status}${codigo ? ` ${codigo}` : ''}`;
    this.errores.set(clave, (this.errores.get(clave) ?? 0) + 1);
    if (!this.ejemplos.has(clave)) this.ejemplos.set(clave, String((cuerpo as { mensaje?: string } | null)?.mensaje ?? JSON.stringify(cuerpo)).slice(0, 200));
  }

  totalErrores(): number {
    let n = 0;
    for (const v of this.errores.values()) n += v;
    return n;
  }
}

/**
 * How long a person keeps retrying an action the API answers 503 (or cannot be reached) for: staff
 * wait out an outage (an immudb down for 30 s, a Temporal or PostgreSQL restart) and then go on,
 * as people at a CATD would, instead of dropping the acta. Backoff doubles up to 5 s.
 */
export interface Paciencia503 {
  /** Total time spent retrying one action before giving up (3 min). */
  totalMs: number;
  /** First wait (200 ms), doubled after each refusal up to `maxEsperaMs` (5 s). */
  esperaMs: number;
  maxEsperaMs: number;
}
const PACIENCIA_503: Paciencia503 = { totalMs: 3 * 60_000, esperaMs: 200, maxEsperaMs: 5_000 };
/** 409 IDEMPOTENCIA_EN_CURSO: the first attempt is still answered (or its dead process not yet given up, ≤ 10 s). */
const REINTENTOS_EN_CURSO = 60;
const espera = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ClienteHttp {
  private readonly agente: Agent;

  constructor(
    readonly baseUrl: string,
    readonly metricas: Metricas,
    conexiones = 64,
    private readonly paciencia: Paciencia503 = PACIENCIA_503,
  ) {
    // No header/body timeout: the auditor's full check answers only when it is done (minutes at scale).
    this.agente = new Agent({ connections: conexiones, keepAliveTimeout: 30_000, headersTimeout: 0, bodyTimeout: 0 });
  }

  async cerrar(): Promise<void> {
    await this.agente.close();
  }

  /**
   * One request as `accion` (the latency bucket). `esperados` are statuses the caller handles (e.g.
   * 204 from the inbox); anything else ≥ 400 is counted and thrown as ErrorHttp. 503, a dropped
   * connection and 409 IDEMPOTENCIA_EN_CURSO are retried with the same Idempotency-Key.
   */
  async pedir<T = unknown>(
    accion: string,
    metodo: 'GET' | 'POST',
    ruta: string,
    { token, json, form, esperados = [] }: { token?: string; json?: unknown; form?: () => FormData; esperados?: number[] } = {},
  ): Promise<Respuesta<T>> {
    const limite503 = Date.now() + this.paciencia.totalMs;
    const esperaTras503 = (intento: number) => Math.min(this.paciencia.maxEsperaMs, this.paciencia.esperaMs * 2 ** intento);
    // One logical action, one key, reused by every retry below (login is anonymous: no key).
    const clave: Record<string, string> = metodo === 'POST' && token ? { [CABECERA_IDEMPOTENCIA]: randomUUID() } : {};
    let enCurso = 0;
    for (let intento = 0; ; intento++) {
      const t0 = performance.now();
      if (metodo === 'POST') this.metricas.ultimoIntentoPost = Date.now();
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}${ruta}`, {
          method: metodo,
          dispatcher: this.agente,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...clave,
            ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          body: json !== undefined ? JSON.stringify(json) : form ? form() : undefined,
        });
      } catch (err) {
        // Connection refused or reset: the API restarting is what a 503 would say, so retry likewise.
        if (Date.now() < limite503) {
          this.metricas.servicioCaido('SIN_CONEXION');
          await espera(esperaTras503(intento));
          continue;
        }
        this.metricas.error(accion, 0, { mensaje: err instanceof Error ? err.message : String(err) });
        throw err;
      }
      const texto = await res.text();
      const cuerpo = texto ? (JSON.parse(texto) as T) : (null as T);
      // 502 is the cluster balancer saying no replica answered (API_NO_DISPONIBLE): the same wait as a 503.
      if ((res.status === 503 || res.status === 502) && Date.now() < limite503) {
        this.metricas.servicioCaido((cuerpo as { codigo?: string } | null)?.codigo ?? 'SIN_CODIGO');
        await espera(esperaTras503(intento));
        continue;
      }
      if (res.status === 409 && (cuerpo as { codigo?: string } | null)?.codigo === 'IDEMPOTENCIA_EN_CURSO' && enCurso < REINTENTOS_EN_CURSO) {
        enCurso++;
        intento--;
        await espera(1000);
        continue;
      }
      if (res.status < 400 || esperados.includes(res.status)) {
        this.metricas.medir(accion, performance.now() - t0);
        if (metodo === 'POST') this.metricas.ultimoExitoPost = Date.now();
        return { status: res.status, cuerpo };
      }
      this.metricas.error(accion, res.status, cuerpo);
      throw new ErrorHttp(accion, res.status, cuerpo);
    }
  }
}

export { FormData };
