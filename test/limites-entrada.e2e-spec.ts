import request from 'supertest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { generarCaptura, type ActaDelCatalogo } from '@prep/domain';
import { capturarUpdate } from '@prep/workflows/acta.messages';
import { TemporalService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { cargarCatalogoDePrueba, ClienteApi, esperar } from './support/actas';
import { claveNueva } from './support/idempotencia';

type Persona = { id: string; nombreUsuario: string; token: string };

/** `n` made-up field names that are well formed (so only the workflow can tell they are not the acta's). */
const inventados = (n: number, prefijo = 'F') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefijo}${String(i).padStart(5, '0')}`, 1]));

describe('hostile input is refused fast, small, and never blocks an acta', () => {
  let h: Harness;
  let api: ClienteApi;
  let actas: ActaDelCatalogo[];
  let siguiente = 0;
  const p: Record<string, Persona> = {};
  const nuevaActa = () => actas[siguiente++];
  const votos = (acta: ActaDelCatalogo, semilla: string) => generarCaptura(semilla, acta.casilla, acta.eleccion.columnasVoto);

  async function hastaCaptura(acta: ActaDelCatalogo) {
    esperar(await api.acopio(p.acopiador.token, acta.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(p.digitalizador.token, acta.claveActa), 201, 'digitalizar');
    esperar(await api.tomar(p.cap1.token, 'CAPTURA', acta.claveActa), 200, 'tomar');
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    ({ actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 18, semilla: 53, casillas: 30 }));
    const catd = actas[0].casilla.catd;
    actas = actas.filter((a) => a.casilla.catd === catd);
    const roles = { acopiador: ['acopiador'], digitalizador: ['digitalizador'], cap1: ['capturista'], ver: ['verificador'], coord: ['coordinador'] } as const;
    for (const [nombre, r] of Object.entries(roles)) p[nombre] = await crearUsuarioConToken(h.app, { roles: [...r], catd });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a capture with 5,000 unknown fields (~60 KB) gets a fast, short 400, and the next capture on that acta succeeds', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const valores = { ...votos(acta, 'hostil'), ...inventados(5000) };
    expect(JSON.stringify({ valores }).length).toBeGreaterThan(55_000);
    const inicio = Date.now();
    const r = await api.capturar(p.cap1.token, acta.claveActa, valores);
    expect(Date.now() - inicio).toBeLessThan(3000);
    expect(r.status).toBe(400);
    expect(r.body.codigo).toBe('ENTRADA_INVALIDA');
    expect(r.body.mensaje).toMatch(/valores trae 5\d{3} campos y un acta tiene a lo más 200/);
    expect(JSON.stringify(r.body).length).toBeLessThan(2000);
    const bien = await api.capturar(p.cap1.token, acta.claveActa, votos(acta, 'bien'));
    esperar(bien, 201, 'la captura correcta después del ataque');
  });

  it('unknown but well-formed fields reach the workflow and come back as ONE counted error, and the acta keeps working', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const r = await api.capturar(p.cap1.token, acta.claveActa, { ...votos(acta, 'x'), ...inventados(150, 'PARTIDO_') });
    esperar(r, 422, 'captura con 150 campos inventados');
    expect(r.body.codigo).toBe('CAPTURA_INVALIDA');
    expect(r.body.errores).toHaveLength(1);
    expect(r.body.errores[0].mensajes[0]).toMatch(/^150 campos no pertenecen a esta acta \(p\. ej\. "PARTIDO_00000", "PARTIDO_00001", "PARTIDO_00002"\)/);
    expect(JSON.stringify(r.body).length).toBeLessThan(3000);
    esperar(await api.capturar(p.cap1.token, acta.claveActa, votos(acta, 'bien')), 201, 'la captura correcta');
  });

  it('straight to Temporal, past the API: 40,000 bogus fields get a bounded refusal and the workflow still accepts a good capture', async () => {
    const acta = nuevaActa();
    await hastaCaptura(acta);
    const handle = h.app.get(TemporalService).client.workflow.getHandle(acta.claveActa);
    const comando = (valores: unknown) => ({ tipo: 'CAPTURA' as const, usuario: p.cap1.nombreUsuario, fechaHora: new Date().toISOString(), valores });
    const basura = { ...inventados(40_000), PAN: { anidado: 'x'.repeat(50_000) }, NULOS: 'y'.repeat(50_000) };
    const inicio = Date.now();
    let reloj: NodeJS.Timeout | undefined;
    const limite = new Promise<never>((_, rej) => {
      reloj = setTimeout(() => rej(new Error('el update no respondió en 15 s: la tarea del workflow está fallando')), 15_000);
    });
    const err = await Promise.race([
      handle.executeUpdate(capturarUpdate, { args: [{ comando: comando(basura), rolesUsuario: ['capturista'] }] }),
      limite,
    ]).catch((e) => e);
    clearTimeout(reloj);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(Date.now() - inicio).toBeLessThan(5000);
    const causa = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string; details?: unknown[] };
    expect(causa.type).toBe('RechazoActa');
    expect(causa.details?.[0]).toMatchObject({ codigo: 'CAPTURA_INVALIDA', status: 422 });
    expect(JSON.stringify(causa.details).length + causa.message.length).toBeLessThan(12_000);
    // Not even a payload that is not a command at all fails the workflow task.
    const raro = await handle.executeUpdate(capturarUpdate, { args: [null as never] }).catch((e) => e);
    expect(raro).toBeInstanceOf(WorkflowUpdateFailedError);
    esperar(await api.capturar(p.cap1.token, acta.claveActa, votos(acta, 'bien')), 201, 'la captura correcta después del ataque directo');
    expect((await api.detalle(p.cap1.token, acta.claveActa).expect(200)).body).toMatchObject({ fase: 'EN_CAPTURA', capturasRegistradas: 1 });
  });

  it('verificación: huge valores and a long motivo are refused at the API with a short 400', async () => {
    const acta = actas[0];
    const http = () =>
      request(h.app.getHttpServer()).post(`/actas/${acta.claveActa}/verificacion`).set(claveNueva()).set('Authorization', `Bearer ${p.ver.token}`);
    const muchos = await http().send({ decision: 'CORREGIR', valores: inventados(5000) });
    esperar(muchos, 400, 'verificación con 5000 campos');
    expect(JSON.stringify(muchos.body).length).toBeLessThan(2000);
    const largo = await http()
      .send({ decision: 'DEVOLVER', motivo: 'm'.repeat(501) })
      .expect(400);
    expect(largo.body.errores[0].campo).toBe('motivo');
  });

  it('thousands of stray top-level properties get a short 400 that counts them', async () => {
    const cuerpo = { valores: {}, ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`extra_${i}`, 1])) };
    const r = await request(h.app.getHttpServer())
      .post(`/actas/${actas[0].claveActa}/capturas`)
      .set(claveNueva())
      .set('Authorization', `Bearer ${p.cap1.token}`)
      .send(cuerpo)
      .expect(400);
    expect(r.body.errores).toHaveLength(20);
    expect(r.body.totalErrores).toBe(3000);
    expect(JSON.stringify(r.body).length).toBeLessThan(4000);
  });

  describe('paging parameters are whole numbers in range', () => {
    it.each([
      ['pagina', '1e300'],
      ['pagina', '-1'],
      ['pagina', 'abc'],
      ['pagina', '1.5'],
      ['pagina', '0'],
      ['pagina', '100001'],
      ['pagina', '0x10'],
      ['porPagina', '1e2'],
      ['porPagina', '501'],
      ['porPagina', '-5'],
      ['porPagina', '2.5'],
    ])('GET /actas?%s=%s answers 400 naming the parameter', async (nombre, valor) => {
      const r = await api.listar(p.coord.token, { [nombre]: valor });
      esperar(r, 400, `${nombre}=${valor}`);
      expect(r.body.codigo).toBe('ENTRADA_INVALIDA');
      expect(r.body.errores).toEqual([{ campo: nombre, mensajes: [expect.stringMatching(new RegExp(`^${nombre} debe ser un número entero de 1 a \\d+`))] }]);
    });

    it('a valid page is served as a number', async () => {
      const r = await api.listar(p.coord.token, { pagina: '2', porPagina: '3' }).expect(200);
      expect(r.body).toMatchObject({ pagina: 2, porPagina: 3 });
      const d = await api.listar(p.coord.token, {}).expect(200);
      expect(d.body).toMatchObject({ pagina: 1, porPagina: 50 });
    });
  });
});
