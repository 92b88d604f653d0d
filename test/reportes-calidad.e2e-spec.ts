import * as net from 'node:net';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { DEFAULT_POLITICA_PREP, generarCaptura, minutosDeZona, type ActaDelCatalogo, type Captura } from '@prep/domain';
import type { EventoActaEnBitacora } from '@prep/audit';
import { BitacoraPersonalService } from '@prep/api';
import { formarTiempos, type HitosActa } from '@prep/reportes';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken, hacerPuestaEnCeros } from './support/usuarios';
import { bitacoraDeActa, cargarCatalogoDePrueba, ClienteApi, esperar } from './support/actas';
import { claveNueva } from './support/idempotencia';

// Idle actas are flagged atorada after 3 s here (Operación lists them); the second return escalates.
process.env.PREP_POLITICA = JSON.stringify({ atoradaTrasMinutos: 0.05, maxDevoluciones: 1 });

/** An acta's milestones as its bitácora records them (the Tiempos definitions, read from the entries). */
function hitosSegunBitacora(eventos: EventoActaEnBitacora[]): HitosActa {
  const primero = (p: (e: EventoActaEnBitacora) => boolean) => eventos.find(p)?.fechaHora ?? null;
  const capturas = eventos.filter((e) => e.tipo === 'CAPTURA_REGISTRADA');
  const ultima = eventos.at(-1)!;
  // The second capture of the round that went on: the last round's, once it has two.
  const rondaFinal = capturas.filter((e) => (e.datos as { ronda: number }).ronda === (capturas.at(-1)?.datos as { ronda: number } | undefined)?.ronda);
  return {
    claveActa: ultima.claveActa,
    acopio: primero((e) => e.tipo === 'ACTA_ACOPIADA')!,
    digitalizacion: primero((e) => e.tipo === 'IMAGEN_DIGITALIZADA' && (e.datos as { completa?: boolean }).completa !== false),
    captura1: capturas[0]?.fechaHora ?? null,
    captura2: rondaFinal.length === 2 ? rondaFinal[1].fechaHora : null,
    publicacion: ultima.faseNueva === 'PUBLICADA' ? primero((e) => e.tipo === 'ACTA_PUBLICADA') : null,
  };
}

/** What the bitácora says about the quality of the captures of these actas. */
function calidadSegunBitacora(porActa: EventoActaEnBitacora[][]) {
  const capturistas: Record<string, { capturas: number; conDiferencia: number }> = {};
  const campos: Record<string, number> = {};
  const verificaciones: Record<string, number> = {};
  const observaciones: Record<string, number> = {};
  let rondas = 0;
  let rondasConDiferencia = 0;
  let actasCapturadas = 0;
  let actasConDiferencia = 0;
  let devoluciones = 0;
  let actasDevueltas = 0;
  let actasEscaladas = 0;
  for (const eventos of porActa) {
    const comparadas = eventos
      .filter((e) => e.tipo === 'CAPTURAS_COMPARADAS')
      .map((e) => e.datos as { iguales: boolean; discrepancias: string[]; capturistas: string[] });
    if (comparadas.length) actasCapturadas++;
    if (comparadas.some((c) => !c.iguales)) actasConDiferencia++;
    for (const c of comparadas) {
      rondas++;
      if (!c.iguales) rondasConDiferencia++;
      for (const u of c.capturistas) {
        capturistas[u] ??= { capturas: 0, conDiferencia: 0 };
        capturistas[u].capturas++;
        if (!c.iguales) capturistas[u].conDiferencia++;
      }
      for (const d of c.discrepancias) campos[d] = (campos[d] ?? 0) + 1;
    }
    const dev = eventos.filter((e) => e.tipo === 'ACTA_DEVUELTA' || e.tipo === 'ACTA_ESCALADA').length;
    devoluciones += dev;
    if (dev) actasDevueltas++;
    if (eventos.some((e) => e.tipo === 'ACTA_ESCALADA')) actasEscaladas++;
    for (const e of eventos.filter((x) => x.tipo === 'ACTA_VERIFICADA')) {
      const v = e.datos as { modo: string; decision: string; rol: string };
      verificaciones[`${v.modo}/${v.decision}/${v.rol}`] = (verificaciones[`${v.modo}/${v.decision}/${v.rol}`] ?? 0) + 1;
    }
    for (const o of (eventos.find((e) => e.tipo === 'ACTA_PUBLICADA')?.datos as { observaciones?: string[] } | undefined)?.observaciones ?? [])
      observaciones[o] = (observaciones[o] ?? 0) + 1;
  }
  return {
    capturistas,
    campos,
    verificaciones,
    observaciones,
    rondas,
    rondasConDiferencia,
    actasCapturadas,
    actasConDiferencia,
    devoluciones,
    actasDevueltas,
    actasEscaladas,
  };
}

/**
 * The Tiempos, Calidad and Operación reports on the real stack: seven actas driven through known
 * captures (equal, differing, returned, escalated, left halfway) by known capturistas, then each
 * figure compared with what the test did and with the actas' bitácora.
 */
describe('reportes Tiempos, Calidad y Operación', () => {
  let h: Harness;
  let api: ClienteApi;
  let actas: ActaDelCatalogo[];
  const t: Record<string, string> = {};
  const u: Record<string, string> = {};
  const http = () => request(h.app.getHttpServer());
  const get = (ruta: string, token?: string) => (token ? http().get(ruta).set('Authorization', `Bearer ${token}`) : http().get(ruta));
  const datosDe = (a: ActaDelCatalogo) => generarCaptura(`calidad-${a.claveActa}`, a.casilla, a.eleccion.columnasVoto);
  const con = (d: Captura, cambios: string[]) => ({ ...d, ...Object.fromEntries(cambios.map((c) => [c, (d[c] as number) + 7])) });

  async function hastaCaptura(a: ActaDelCatalogo) {
    esperar(await api.acopio(t.aco, a.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(t.dig, a.claveActa), 201, 'digitalización');
  }
  async function ronda(a: ActaDelCatalogo, uno: string, dos: string, d1: Captura, d2: Captura) {
    await api.tomarYCapturar(t[uno], a.claveActa, d1);
    await api.tomarYCapturar(t[dos], a.claveActa, d2);
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    const cat = await cargarCatalogoDePrueba(h.app, { idEntidad: 9, semilla: 91, casillas: 16, municipios: 2 });
    const catd = cat.actas[0].casilla.catd;
    actas = cat.actas.filter((a) => a.casilla.catd === catd && a.casilla.tipo !== 'S' && a.eleccion.columnasVoto.length >= 3).slice(0, 6);
    const roles = {
      aco: ['acopiador'],
      dig: ['digitalizador'],
      c1: ['capturista'],
      c2: ['capturista'],
      c3: ['capturista'],
      v1: ['verificador'],
      v2: ['verificador'],
      coord: ['coordinador'],
      cotaprep: ['cotaprep'],
      admin: ['administrador'],
      operador: ['operador'],
      auditor: ['auditor'],
    } as const;
    for (const [n, r] of Object.entries(roles)) {
      const x = await crearUsuarioConToken(h.app, { roles: [...r], catd: ['cotaprep', 'admin', 'operador', 'auditor'].includes(n) ? null : catd });
      t[n] = x.token;
      u[n] = x.nombreUsuario;
    }
    t.otroCoord = (await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: cat.actas.find((a) => a.casilla.catd !== catd)!.casilla.catd })).token;
    await hacerPuestaEnCeros(h.app, t.admin);

    const [a1, a2, a3, a4, a5, a6] = actas;
    const f3 = a4.eleccion.columnasVoto[2];
    // A1: equal captures, one field ilegible in both (observación Ilegible), confirmed.
    await hastaCaptura(a1);
    const d1: Captura = { ...datosDe(a1), [a1.eleccion.columnasVoto[0]]: 'ilegible' as const };
    await ronda(a1, 'c1', 'c2', d1, d1);
    await api.tomarYVerificar(t.v1, a1.claveActa, { decision: 'CONFIRMAR' });
    // A2: c1 and c2 differ in its first vote field; the verificador decides it.
    await hastaCaptura(a2);
    const d2 = datosDe(a2);
    const campoA2 = a2.eleccion.columnasVoto[0];
    await ronda(a2, 'c1', 'c2', d2, con(d2, [campoA2]));
    await api.tomarYVerificar(t.v1, a2.claveActa, { decision: 'CORREGIR', valores: { [campoA2]: d2[campoA2] } });
    // A3: c1 and c3 differ in two fields, returned; round 2 by c2 and c3, equal, confirmed.
    await hastaCaptura(a3);
    const d3 = datosDe(a3);
    const [g1, g2] = a3.eleccion.columnasVoto;
    await ronda(a3, 'c1', 'c3', d3, con(d3, [g1, g2]));
    await api.tomarYVerificar(t.v1, a3.claveActa, { decision: 'DEVOLVER', motivo: 'las capturas no coinciden con la imagen' });
    await ronda(a3, 'c2', 'c3', d3, d3);
    await api.tomarYVerificar(t.v2, a3.claveActa, { decision: 'CONFIRMAR' });
    // A4: equal, returned; round 2 c1/c2 differ in a third field, returned again: escalated; the coordinador decides.
    await hastaCaptura(a4);
    const d4 = datosDe(a4);
    await ronda(a4, 'c2', 'c3', d4, d4);
    await api.tomarYVerificar(t.v1, a4.claveActa, { decision: 'DEVOLVER', motivo: 'imagen poco clara, recapturar' });
    await ronda(a4, 'c1', 'c2', d4, con(d4, [f3]));
    const escalada = await api.tomarYVerificar(t.v1, a4.claveActa, { decision: 'DEVOLVER', motivo: 'sigue sin coincidir con el acta' });
    expect(escalada.body.fase).toBe('ESCALADA');
    await api.tomarYVerificar(
      t.coord,
      a4.claveActa,
      { decision: 'CORREGIR', valores: d4, motivo: 'revisado contra el acta física' },
      200,
      'DECISION_COORDINADOR',
    );
    // A5: one capture only (not compared); A6: acopio only. Both will be atoradas.
    await hastaCaptura(a5);
    await api.tomarYCapturar(t.c1, a5.claveActa, datosDe(a5));
    esperar(await api.acopio(t.aco, a6.claveActa), 201, 'acopio');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Calidad: differing captures per capturista and field, returns and escalations are exactly what the test did and the bitácora says', async () => {
    const r = esperar(await get('/reportes/calidad', t.cotaprep), 200, 'calidad').body;
    const [, a2, a3, a4] = actas;
    // By hand from the plan: rounds A1 (c1=c2), A2 (c1≠c2), A3 (c1≠c3, then c2=c3), A4 (c2=c3, then c1≠c2).
    expect(r.resumen).toMatchObject({
      actasCapturadas: 4,
      actasConDiferencia: 3,
      porcentajeActasConDiferencia: 75,
      rondas: 6,
      rondasConDiferencia: 3,
      porcentajeRondasConDiferencia: 50,
      actasDevueltas: 2,
      devoluciones: 3,
      actasEscaladas: 1,
      actasPublicadas: 4,
    });
    const porUsuario = Object.fromEntries(r.capturistas.map((c: { usuario: string }) => [c.usuario, c]));
    expect(porUsuario[u.c1]).toMatchObject({ capturas: 4, conDiferencia: 3, porcentajeConDiferencia: 75 });
    expect(porUsuario[u.c2]).toMatchObject({ capturas: 5, conDiferencia: 2, porcentajeConDiferencia: 40 });
    expect(porUsuario[u.c3]).toMatchObject({ capturas: 3, conDiferencia: 1, porcentajeConDiferencia: 33.33 });
    expect(r.capturistas.map((c: { usuario: string }) => c.usuario)).toEqual([u.c1, u.c2, u.c3]);
    const campos = Object.fromEntries(r.campos.map((c: { campo: string; veces: number }) => [c.campo, c.veces]));
    const esperados: Record<string, number> = {};
    for (const c of [a2.eleccion.columnasVoto[0], ...a3.eleccion.columnasVoto.slice(0, 2), a4.eleccion.columnasVoto[2]]) esperados[c] = (esperados[c] ?? 0) + 1;
    expect(campos).toEqual(esperados);
    expect(r.observaciones).toEqual([{ observacion: 'Ilegible', actas: 1, porcentajePublicadas: 25 }]);

    // The same figures from the bitácora of every acta the test touched.
    const b = calidadSegunBitacora(await Promise.all(actas.map((a) => bitacoraDeActa(a.claveActa))));
    expect(r.resumen).toMatchObject({
      actasCapturadas: b.actasCapturadas,
      actasConDiferencia: b.actasConDiferencia,
      rondas: b.rondas,
      rondasConDiferencia: b.rondasConDiferencia,
      actasDevueltas: b.actasDevueltas,
      devoluciones: b.devoluciones,
      actasEscaladas: b.actasEscaladas,
    });
    expect(
      Object.fromEntries(
        r.capturistas.map((c: { usuario: string; capturas: number; conDiferencia: number }) => [
          c.usuario,
          { capturas: c.capturas, conDiferencia: c.conDiferencia },
        ]),
      ),
    ).toEqual(b.capturistas);
    expect(campos).toEqual(b.campos);
    expect(
      Object.fromEntries(
        r.verificaciones.map((v: { modo: string; decision: string; rol: string; actas: number }) => [`${v.modo}/${v.decision}/${v.rol}`, v.actas]),
      ),
    ).toEqual(b.verificaciones);
    expect(Object.fromEntries(r.observaciones.map((o: { observacion: string; actas: number }) => [o.observacion, o.actas]))).toEqual(b.observaciones);

    // CSV and HTML carry the same figures; a coordinador of another CATD sees none of these.
    const filas: string[][] = parse((await get('/reportes/calidad?formato=csv', t.coord).expect(200)).text.slice(1));
    expect(filas.find((f) => f[0] === 'RESUMEN' && f[1] === 'ACTAS_CON_DIFERENCIA')).toEqual(['RESUMEN', 'ACTAS_CON_DIFERENCIA', '3', '4', '75']);
    expect(filas.find((f) => f[0] === 'CAPTURISTA' && f[1] === u.c2)).toEqual(['CAPTURISTA', u.c2, '2', '5', '40']);
    const html = (await get('/reportes/calidad?formato=html', t.cotaprep).expect(200)).text;
    expect(html).toMatch(/<h1>Calidad de la captura<\/h1>/);
    for (const id of ['resumen', 'capturistas', 'campos', 'verificaciones', 'observaciones']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).not.toMatch(/<script/i);
    const otro = (await get('/reportes/calidad', t.otroCoord).expect(200)).body;
    expect(otro.resumen).toMatchObject({ actasCapturadas: 0, rondas: 0, actasPublicadas: 0 });
    expect(otro.capturistas).toEqual([]);
  });

  it('Tiempos: percentiles per phase and per hour equal those of the milestones in the bitácora', async () => {
    const r = esperar(await get('/reportes/tiempos', t.cotaprep), 200, 'tiempos').body;
    const hitos = await Promise.all(actas.map(async (a) => hitosSegunBitacora(await bitacoraDeActa(a.claveActa))));
    const esperado = formarTiempos(hitos, 60, minutosDeZona(DEFAULT_POLITICA_PREP.zonaPublicacion)!, new Date());
    expect(r.total).toEqual(esperado.total);
    expect(r.fases).toEqual(esperado.fases);
    expect(r.intervalos).toEqual(esperado.intervalos);
    // Which actas each figure covers, by the plan: 4 published; 5 digitalized and captured once; 4 with both captures.
    expect(r.total.actas).toBe(4);
    expect(r.fases.map((f: { actas: number }) => f.actas)).toEqual([5, 5, 4, 4]);
    expect(r.intervalos.reduce((s: number, i: { acopiadas: number }) => s + i.acopiadas, 0)).toBe(6);
    expect(r.total.p50).toBeGreaterThan(0);

    const quince = (await get('/reportes/tiempos?intervalo=15&formato=csv', t.coord).expect(200)).text;
    const filas: string[][] = parse(quince.slice(1));
    expect(filas[1].slice(0, 5)).toEqual(['FASE', 'total', 'Acopio → publicación', '', '4']);
    expect(Number(filas[1][5])).toBe(r.total.p50);
    const html = (await get('/reportes/tiempos?formato=html', t.cotaprep).expect(200)).text;
    expect(html).toMatch(/<h1>Tiempos del PREP por fase<\/h1>/);
    for (const id of ['fases', 'noche', 'definiciones']) expect(html).toContain(`<section id="${id}">`);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).not.toMatch(/<script/i);
    const malo = await get('/reportes/tiempos?intervalo=7', t.cotaprep).expect(400);
    expect(malo.body.codigo).toBe('INTERVALO_INVALIDO');
  });

  it('Operación: the actas left halfway are atoradas, the reset is listed, bitácora and builds are what the auditor sees', async () => {
    const [, , , , a5, a6] = actas;
    const motivo = 'prueba de reinicio desde el reporte de operación';
    esperar(
      await http().post(`/operacion/actas/${a6.claveActa}/reinicio`).set(claveNueva()).set('Authorization', `Bearer ${t.operador}`).send({ motivo }),
      200,
      'reinicio',
    );
    // Two processes recorded after the puesta en ceros: one runs its build, the other a changed one.
    const ref = esperar(await get('/auditoria/compilacion', t.admin), 200, 'compilación').body.puestaEnCeros.compilacion;
    const bitacora = h.app.get(BitacoraPersonalService);
    const compilacion = { modo: ref.modo, bundleWorkflows: null, packageLock: ref.packageLock, commit: ref.commit, arbolModificado: ref.arbolModificado };
    const inicio = new Date().toISOString();
    await bitacora.registrar('PROCESO_INICIADO', 'proceso:api', {
      tipo: 'api',
      host: 'reportes-prueba',
      pid: 101,
      inicio,
      compilacion: { ...compilacion, codigo: ref.api },
    });
    await bitacora.registrar('PROCESO_INICIADO', 'proceso:api', {
      tipo: 'api',
      host: 'reportes-prueba',
      pid: 102,
      inicio,
      compilacion: { ...compilacion, codigo: 'f'.repeat(64) },
    });

    let r = esperar(await get('/reportes/operacion', t.cotaprep), 200, 'operación').body;
    for (let i = 0; i < 40 && r.atoradas.total < 2; i++) {
      await new Promise((x) => setTimeout(x, 500));
      r = (await get('/reportes/operacion', t.cotaprep).expect(200)).body;
    }
    expect(r.atoradas.total).toBe(2);
    expect(r.atoradas.actas.map((a: { claveActa: string }) => a.claveActa).sort()).toEqual([a5.claveActa, a6.claveActa].sort());
    expect(r.reinicios).toMatchObject({ disponible: true, lista: [{ claveActa: a6.claveActa, operador: expect.any(String), motivo }] });

    // Temporal: every acta of this file has a workflow still running (published ones stay until the close).
    expect(r.temporal.disponible).toBe(true);
    expect(r.temporal.flujos.find((f: { estado: string }) => f.estado === 'Running').cantidad).toBeGreaterThanOrEqual(actas.length);
    expect(r.temporal.revisados).toBeGreaterThanOrEqual(2);
    expect(r.temporal.reintentando).toEqual([]);

    // The bitácora's health and the builds are what the auditor's own endpoints say.
    const estado = esperar(await get('/auditoria/estado', t.auditor), 200, 'estado').body;
    expect(r.bitacora).toMatchObject({
      disponible: true,
      firmado: estado.verificacionFirma.firmado,
      firmaValida: estado.verificacionFirma.firmaValida,
      claveEsperada: estado.verificacionFirma.claveEsperada,
    });
    expect(r.bitacora.txId).toBeLessThanOrEqual(estado.txId);
    const comp = esperar(await get('/auditoria/compilacion', t.admin), 200, 'compilación').body;
    expect(r.compilacion.procesos.map((p: { pid: number; coincide: boolean }) => [p.pid, p.coincide])).toEqual(
      comp.procesos.map((p: { pid: number; coincide: boolean }) => [p.pid, p.coincide]),
    );
    expect(
      r.compilacion.procesos
        .filter((p: { host: string }) => p.host === 'reportes-prueba')
        .map((p: { pid: number; coincide: boolean; diferencias: number }) => [p.pid, p.coincide, p.diferencias]),
    ).toEqual([
      [101, true, 0],
      [102, false, 1],
    ]);
    expect(r.compilacion.puestaEnCeros).toBe(comp.puestaEnCeros.realizadaEn);
    expect(r.alertas).toEqual(expect.arrayContaining([expect.stringMatching(/1 proceso\(s\) NO corren la compilación/), '2 acta(s) atorada(s).']));
    expect(r.verificacionCompleta.registrada).toBe(false);

    const filas: string[][] = parse((await get('/reportes/operacion?formato=csv', t.coord).expect(200)).text.slice(1));
    expect(filas.find((f) => f[0] === 'ATORADAS')).toEqual(['ATORADAS', 'TOTAL', '2', '', '']);
    expect(filas.find((f) => f[0] === 'REINICIO')!.slice(0, 2)).toEqual(['REINICIO', a6.claveActa]);
    const html = (await get('/reportes/operacion?formato=html', t.operador).expect(200)).text;
    expect(html).toMatch(/<h1>Operación del PREP<\/h1>/);
    for (const id of ['alertas', 'atoradas', 'flujos', 'reinicios', 'bitacora', 'compilacion']) expect(html).toContain(`<section id="${id}">`);
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(a5.claveActa);
  });

  it('Operación still answers (200) when immudb and Temporal do not, naming each part it could not read', async () => {
    const cerrado = async () => {
      const s = net.createServer();
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      const { port } = s.address() as net.AddressInfo;
      await new Promise((r) => s.close(r));
      return `127.0.0.1:${port}`;
    };
    const caido = await startHarness({ withWorker: false, env: { IMMUDB_ADDRESS: await cerrado(), TEMPORAL_ADDRESS: await cerrado() } });
    try {
      const inicio = Date.now();
      const r = esperar(
        await request(caido.app.getHttpServer()).get('/reportes/operacion').set('Authorization', `Bearer ${t.cotaprep}`),
        200,
        'operación',
      ).body;
      expect(Date.now() - inicio).toBeLessThan(20_000);
      for (const parte of ['bitacora', 'reinicios', 'compilacion'])
        expect({ parte, ...r[parte] }).toMatchObject({ parte, disponible: false, codigo: 'BITACORA_NO_DISPONIBLE' });
      expect(r.temporal).toMatchObject({ disponible: false, codigo: 'TEMPORAL_NO_DISPONIBLE' });
      // What the read model holds is still reported.
      expect(r.atoradas.total).toBe(2);
      expect(r.alertas[0]).toMatch(/^Bitácora: /);
      expect(r.alertas).toEqual(expect.arrayContaining([expect.stringMatching(/^Temporal: /), '2 acta(s) atorada(s).']));
      const html = (await request(caido.app.getHttpServer()).get('/reportes/operacion?formato=html').set('Authorization', `Bearer ${t.cotaprep}`).expect(200))
        .text;
      expect(html).toContain('<b>No disponible</b> (BITACORA_NO_DISPONIBLE)');
    } finally {
      // A retry the Temporal client scheduled before the report's deadline fires up to 5 s later (its
      // longest backoff); closing the connection first makes it throw into whichever test runs next.
      await new Promise((r) => setTimeout(r, 5_500));
      await caido.close();
    }
  });

  it('refuses a capturista (403) and no token (401) on each new report', async () => {
    for (const ruta of ['/reportes/tiempos', '/reportes/calidad', '/reportes/operacion']) {
      expect((await get(ruta, t.c1).expect(403)).body.codigo).toBeDefined();
      await get(ruta).expect(401);
      await get(`${ruta}?formato=xlsx`, t.cotaprep).expect(400);
    }
  });
});
