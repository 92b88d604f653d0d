import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ROLES, type Rol } from '@prep/persistence';
import { asegurarSchemathesis, SCHEMATHESIS_VERSION } from '../scripts/services/schemathesis';
import { cargarCatalogoDePrueba } from './support/actas';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';

/**
 * Schemathesis fuzzes every operation of the OpenAPI document the API publishes, against the live
 * API on the real services, once per role (its own account's token in the Authorization header) and
 * once with no session. Any 5xx, any status the document does not list for the operation, any
 * undeclared content type or any body outside the documented schema fails the test.
 *
 * Bounded and repeatable: a fixed number of cases per operation, a fixed seed and schemathesis'
 * deterministic generation, so a CI run costs the same every time and a failure reproduces.
 * PREP_FUZZ_CASOS and PREP_FUZZ_QUIENES (comma-separated roles, `sin sesión` included) widen or
 * narrow a run by hand.
 */
const CASOS_POR_OPERACION = Number(process.env.PREP_FUZZ_CASOS ?? 8);
const SEMILLA = 20261128;
/** Schemathesis runs at once (of the 11): generation is CPU-bound, and CI's box has 2 cores shared with the API under test. */
const CORRIDAS_A_LA_VEZ = 2;
const CHEQUEOS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

/** Operations left out (by operationId), each with its reason. Everything else is fuzzed by every role. */
const EXCLUIDAS: { operacion: string; motivo: string }[] = [];

interface Resumen {
  quien: string;
  codigo: number;
  operaciones: number;
  casos: number;
  fallas: number;
  errores: number;
  segundos: number;
  salida: string;
}

function ejecutarSchemathesis(cwd: string, comando: string, args: string[]): Promise<{ codigo: number; salida: string }> {
  // Asynchronous on purpose: the API under test runs in this same process and must keep answering.
  return new Promise((resolve) => {
    execFile(
      comando,
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
      },
      (err, stdout, stderr) => {
        const codigo = err ? ((err as { code?: number }).code ?? 1) : 0;
        resolve({ codigo: typeof codigo === 'number' ? codigo : 1, salida: `${stdout}${stderr}` });
      },
    );
  });
}

/** Operations, cases and failed cases of one run, from schemathesis' NDJSON event stream. */
function contar(ndjson: string): { operaciones: number; casos: number; fallas: number; errores: number } {
  const operaciones = new Set<string>();
  let casos = 0;
  let fallas = 0;
  let errores = 0;
  for (const linea of ndjson.split('\n')) {
    if (!linea.trim()) continue;
    const fin = (JSON.parse(linea) as { ScenarioFinished?: Escenario }).ScenarioFinished;
    if (!fin?.recorder) continue;
    if (fin.status === 'error') errores++;
    const { label, cases = {}, checks = {} } = fin.recorder;
    if (label && fin.phase !== 'stateful') operaciones.add(label);
    casos += Object.keys(cases).length;
    fallas += Object.values(checks).filter((cs) => cs.some((c) => c.status === 'failure')).length;
  }
  return { operaciones: operaciones.size, casos, fallas, errores };
}

interface Escenario {
  phase: string;
  status: string;
  recorder?: { label?: string; cases?: Record<string, unknown>; checks?: Record<string, { status: string }[]> };
}

describe(`OpenAPI fuzzing with schemathesis ${SCHEMATHESIS_VERSION}, as each role`, () => {
  let h: Harness;
  let base: string;
  let comando: string;
  const carpeta = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-fuzz-'));
  const resumenes: Resumen[] = [];
  const tokens = new Map<string, string>();
  let operacionesDelDocumento = 0;

  beforeAll(async () => {
    comando = asegurarSchemathesis();
    h = await startHarness();
    // Small: the administrador's fuzzed cierre publishes every expected acta as SIN ACTA.
    await cargarCatalogoDePrueba(h.app, { idEntidad: 11, casillas: 12, municipios: 2 });
    await new Promise<void>((resolve) => h.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    // Every account logs in before any fuzzing: the fuzzed login trips the per-address limiter.
    for (const rol of ROLES) tokens.set(rol, (await crearUsuarioConToken(h.app, { roles: [rol] })).token);
    const doc = (await request(h.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as { paths: Record<string, object> };
    operacionesDelDocumento = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0) - EXCLUIDAS.length;
    base = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
  }, 300_000);

  afterAll(async () => {
    await h?.close();
    // The NDJSON event streams stay for a failed run (each case with its request and answer).
    if (resumenes.some((r) => r.codigo !== 0)) process.stdout.write(`eventos de schemathesis en ${carpeta}\n`);
    else fs.rmSync(carpeta, { recursive: true, force: true });
    for (const r of resumenes)
      process.stdout.write(`${r.quien}: ${r.operaciones} operaciones, ${r.casos} casos, ${r.fallas} fallas, ${r.errores} errores, ${r.segundos} s\n`);
  });

  it('every operation documents its errors with the one shared body, and a session route its 401', async () => {
    const doc = (await request(h.app.getHttpServer()).get('/docs/openapi.json').expect(200)).body as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const faltas: string[] = [];
    for (const [ruta, operaciones] of Object.entries(doc.paths)) {
      for (const [metodo, op] of Object.entries(operaciones)) {
        const errores = Object.entries(op.responses).filter(([estado]) => /^[45]\d\d$/.test(estado));
        if (errores.length === 0) faltas.push(`${metodo.toUpperCase()} ${ruta}: sin respuestas de error`);
        for (const [estado, r] of errores) {
          if (r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorApiDto')
            faltas.push(`${metodo.toUpperCase()} ${ruta} ${estado}: no usa ErrorApiDto`);
        }
        if (op.security?.length && !op.responses['401']) faltas.push(`${metodo.toUpperCase()} ${ruta}: requiere sesión y no documenta 401`);
        if (!Object.keys(op.responses).some((e) => /^2\d\d$/.test(e))) faltas.push(`${metodo.toUpperCase()} ${ruta}: sin respuesta 2xx`);
      }
    }
    expect(faltas).toEqual([]);
  });

  // PREP_FUZZ_QUIENES=acopiador,administrador (and PREP_FUZZ_CASOS=60) for a longer hunt by hand; CI runs them all.
  const quienes = (process.env.PREP_FUZZ_QUIENES?.split(',') ?? [...ROLES, 'sin sesión']) as (Rol | 'sin sesión')[];

  /** One schemathesis run against the live API as `quien`. */
  async function fuzzComo(quien: Rol | 'sin sesión'): Promise<Resumen> {
    const token = tokens.get(quien);
    const ndjson = path.join(carpeta, `${quien.replace(/\W/g, '_')}.ndjson`);
    const inicio = Date.now();
    const { codigo, salida } = await ejecutarSchemathesis(carpeta, comando, [
      'run',
      `${base}/docs/openapi.json`,
      '--checks',
      CHEQUEOS.join(','),
      '--max-examples',
      String(CASOS_POR_OPERACION),
      '--seed',
      String(SEMILLA),
      '--generation-deterministic',
      '--no-shrink',
      // One worker per run: hypothesis' lambda descriptions call ast.parse, which CPython 3.11 breaks under threads.
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--no-color',
      '--report',
      'ndjson',
      '--report-ndjson-path',
      ndjson,
      ...EXCLUIDAS.flatMap((e) => ['--exclude-operation-id', e.operacion]),
      ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
    ]);
    const cuentas = fs.existsSync(ndjson) ? contar(fs.readFileSync(ndjson, 'utf8')) : { operaciones: 0, casos: 0, fallas: 0, errores: 0 };
    return { quien, codigo, ...cuentas, segundos: Math.round((Date.now() - inicio) / 1000), salida };
  }

  it('as every role and with no session: no 5xx, and every answer is one the document declares', async () => {
    // A few runs at once: each spends most of its time generating cases in Python, not waiting on the API.
    const pendientes = [...quienes];
    await Promise.all(
      Array.from({ length: CORRIDAS_A_LA_VEZ }, async () => {
        for (let quien = pendientes.shift(); quien; quien = pendientes.shift()) resumenes.push(await fuzzComo(quien));
      }),
    );
    const fallidas = resumenes.filter((r) => r.codigo !== 0);
    for (const r of fallidas) process.stdout.write(`\n=== schemathesis como ${r.quien} (código ${r.codigo}) ===\n${r.salida}\n`);
    expect(fallidas.map((r) => `${r.quien}: código ${r.codigo}, ${r.fallas} casos fallidos, ${r.errores} errores`)).toEqual([]);
    // Every run covered every operation the document lists (less the exclusions above): nothing skipped silently.
    expect(resumenes.filter((r) => r.operaciones !== operacionesDelDocumento).map((r) => `${r.quien}: ${r.operaciones} operaciones`)).toEqual([]);
    expect(resumenes.length).toBe(quienes.length);
  }, 900_000);
});
