import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba } from './support/actas';
import { claveNueva } from './support/idempotencia';
import { WorkerProceso } from './support/worker-proceso';

async function puertoLibre(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** An API process (as it runs in production) on its own port; the in-process harness supplies the worker and the data. */
function procesoApi(puerto: number, env: NodeJS.ProcessEnv = {}): WorkerProceso {
  return new WorkerProceso(
    { PORT: String(puerto), HOST: '127.0.0.1', PREP_IDEMPOTENCIA_ABANDONO_SEGUNDOS: '2', LOG_LEVEL: 'warn', ...env },
    { entrada: 'apps/api/src/main.ts', listo: 'API en ' },
  );
}

describe('an API process killed after Temporal applied a staff action, before it answered', () => {
  let h: Harness;
  let acta: ActaDelCatalogo;
  const procesos: WorkerProceso[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 8, semilla: 43, casillas: 6 });
    acta = actas[0];
  });
  afterAll(async () => {
    for (const p of procesos) await p.detener();
    await h?.close();
  });

  it("the client's retry with the same Idempotency-Key succeeds and the acopio is in the bitácora exactly once", async () => {
    const aco = await crearUsuarioConToken(h.app, { roles: ['acopiador'], catd: acta.casilla.catd });
    const puerto = await puertoLibre();
    const url = `http://127.0.0.1:${puerto}`;
    const clave = claveNueva(randomUUID());
    const enviar = () =>
      fetch(`${url}/actas/acopio`, {
        method: 'POST',
        headers: { authorization: `Bearer ${aco.token}`, 'content-type': 'application/json', ...clave },
        body: JSON.stringify({ claveActa: acta.claveActa, mecanismoTraslado: 'F' }),
      });

    const primera = procesoApi(puerto, { PREP_CAOS_API_SALIR_TRAS_UPDATE: acta.claveActa });
    procesos.push(primera);
    await primera.iniciar();
    // The API dies with the request in its hands: the client sees the connection drop, no answer.
    await expect(enviar()).rejects.toThrow();
    expect(await primera.terminado()).toBe('SIGKILL');
    expect(primera.salida).toContain('[caos] API terminada');
    // Temporal applied it (the worker wrote the entry) although nobody was told.
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);

    const segunda = procesoApi(puerto);
    procesos.push(segunda);
    await segunda.iniciar();
    // The client retries as the simulacro's does: same key, waiting while the dead attempt is still "in flight".
    let r: Response;
    const vistos: number[] = [];
    for (let i = 0; ; i++) {
      r = await enviar();
      vistos.push(r.status);
      if (r.status !== 409 || i > 30) break;
      const cuerpo = (await r.json()) as { codigo: string };
      expect(cuerpo.codigo).toBe('IDEMPOTENCIA_EN_CURSO');
      await new Promise((res) => setTimeout(res, 500));
    }
    const cuerpo = (await r.json()) as Record<string, unknown>;
    expect({ status: r.status, cuerpo }).toMatchObject({ status: 201, cuerpo: { fueraDeCatalogo: false } });
    expect((await bitacoraDeActa(acta.claveActa)).map((e) => e.tipo)).toEqual(['ACTA_ACOPIADA']);

    // From now on the answer is stored: replayed as is.
    const otraVez = await enviar();
    expect(otraVez.status).toBe(201);
    expect(otraVez.headers.get('idempotency-replayed')).toBe('true');
    expect(await otraVez.json()).toEqual(cuerpo);
    expect(await bitacoraDeActa(acta.claveActa)).toHaveLength(1);
  });
});
