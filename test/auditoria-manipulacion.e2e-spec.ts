import request from 'supertest';
import { EntityManager } from '@mikro-orm/postgresql';
import { generarCaptura, generarCatalogo, indexarCatalogo, ILEGIBLE, type ActaDelCatalogo } from '@prep/domain';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { ClienteApi, esperar } from './support/actas';
import { claveNueva } from './support/idempotencia';

/**
 * Whatever the read model serves, the auditor's check compares (issue: a vote changed in
 * PostgreSQL went unseen). One acta goes through a return, a second round with differing
 * captures, an ilegible field and a verificador's decision, so its stored state holds every
 * kind of value: votes, users, times, images, both rounds, the verification and the result.
 * Then each value is altered alone, and the check must name exactly that acta and field.
 */
describe('the full check sees every value the read model serves', () => {
  let h: Harness;
  let api: ClienteApi;
  let auditor: string;
  let acta: ActaDelCatalogo;
  let em: EntityManager;
  const http = () => request(h.app.getHttpServer());

  /** The check restricted to this acta, as the auditor calls it. */
  async function hallazgos(pruebas: 'todas' | 'ninguna' = 'ninguna') {
    const r = await http()
      .post('/auditoria/verificaciones')
      .query({ pruebas, claveActa: acta.claveActa })
      .set('Authorization', `Bearer ${auditor}`)
      .expect(200);
    return r.body as { ok: boolean; hallazgos: { tipo: string; claveActa: string; campo?: string; bitacora?: unknown; encontrado?: unknown }[] };
  }

  async function estadoGuardado(): Promise<Record<string, unknown>> {
    const [fila] = await em.execute<{ estado: Record<string, unknown> }[]>('select estado from acta where clave_acta = ?', [acta.claveActa]);
    return fila.estado;
  }

  /** Runs `alterar`, checks, and always restores the row as it was. */
  async function conAlteracion(alterar: string, params: unknown[], fn: () => Promise<void>) {
    const [antes] = await em.execute<Record<string, unknown>[]>('select * from acta where clave_acta = ?', [acta.claveActa]);
    await em.execute(alterar, params);
    try {
      await fn();
    } finally {
      const columnas = Object.keys(antes).filter((c) => c !== 'clave_acta');
      await em.execute(`update acta set ${columnas.map((c) => `${c} = ?${c === 'estado' ? '::jsonb' : ''}`).join(', ')} where clave_acta = ?`, [
        ...columnas.map((c) => (c === 'estado' ? JSON.stringify(antes[c]) : antes[c])),
        acta.claveActa,
      ]);
    }
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    em = h.app.get(EntityManager).fork();
    const admin = await crearUsuarioConToken(h.app, { roles: ['administrador'] });
    const catalogo = generarCatalogo({ semilla: 23, casillas: 10, distritos: 1, municipios: 1, idEntidad: 23, nombreEntidad: 'ENTIDAD 23' });
    esperar(
      await http()
        .post('/catalogo')
        .set(claveNueva())
        .set('Authorization', `Bearer ${admin.token}`)
        .attach('catalogo', Buffer.from(JSON.stringify(catalogo)), 'catalogo.json'),
      201,
      'cargar catálogo',
    );
    acta = [...indexarCatalogo(catalogo).values()].find((a) => a.casilla.tipo !== 'S')!;
    const catd = acta.casilla.catd;
    const [aco, dig, c1, c2, c3, c4, ver] = await Promise.all(
      ['acopiador', 'digitalizador', 'capturista', 'capturista', 'capturista', 'capturista', 'verificador'].map((r) =>
        crearUsuarioConToken(h.app, { roles: [r as never], catd }),
      ),
    );
    auditor = (await crearUsuarioConToken(h.app, { roles: ['auditor'] })).token;

    const clave = acta.claveActa;
    const [p1, p2] = acta.eleccion.columnasVoto;
    const datos = generarCaptura('manipulacion', acta.casilla, acta.eleccion.columnasVoto) as Record<string, number | string>;
    esperar(await api.acopio(aco.token, clave), 201, 'acopio');
    esperar(await api.digitalizar(dig.token, clave), 201, 'digitalización');
    await api.tomarYCapturar(c1.token, clave, datos);
    await api.tomarYCapturar(c2.token, clave, { ...datos, [p1]: (datos[p1] as number) + 1 });
    await api.tomarYVerificar(ver.token, clave, { decision: 'DEVOLVER', motivo: 'imagen borrosa, capturar de nuevo' });
    await api.tomarYCapturar(c3.token, clave, { ...datos, NULOS: ILEGIBLE });
    await api.tomarYCapturar(c4.token, clave, { ...datos, NULOS: ILEGIBLE, [p2]: (datos[p2] as number) + 3 });
    await api.tomarYVerificar(ver.token, clave, { decision: 'CORREGIR', valores: { [p2]: datos[p2] }, motivo: 'se lee en la imagen' });
    const d = await api.detalle(auditor, clave).expect(200);
    expect(d.body.fase).toBe('PUBLICADA');
    expect(d.body.historial).toHaveLength(1);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an untouched acta has no findings, with and without proofs', async () => {
    expect((await hallazgos('ninguna')).hallazgos).toEqual([]);
    const conPruebas = await hallazgos('todas');
    expect(conPruebas.hallazgos).toEqual([]);
    expect(conPruebas.ok).toBe(true);
  });

  it("one party's votes raised in the read model: served by the API and named by the check (with proofs too)", async () => {
    const p1 = acta.eleccion.columnasVoto[0];
    const estado = await estadoGuardado();
    const resultado = estado.resultado as { datos: Record<string, number> };
    const original = resultado.datos[p1];
    resultado.datos[p1] = original + 100;
    await conAlteracion('update acta set estado = ?::jsonb where clave_acta = ?', [JSON.stringify(estado), acta.claveActa], async () => {
      const d = await api.detalle(auditor, acta.claveActa).expect(200);
      expect(d.body.resultado.datos[p1]).toBe(original + 100);
      const r = await hallazgos('todas');
      expect(r.ok).toBe(false);
      expect(r.hallazgos).toEqual([
        expect.objectContaining({ tipo: 'DIFERENCIA_CAMPO', campo: `estado.resultado.datos.${p1}`, bitacora: original, encontrado: original + 100 }),
      ]);
    });
  });

  it('10 votes moved from one column to another with the total unchanged: both columns are named', async () => {
    const [p1, p2] = acta.eleccion.columnasVoto;
    const estado = await estadoGuardado();
    const datos = (estado.resultado as { datos: Record<string, number> }).datos;
    datos[p1] -= 10;
    datos[p2] += 10;
    await conAlteracion('update acta set estado = ?::jsonb where clave_acta = ?', [JSON.stringify(estado), acta.claveActa], async () => {
      const r = await hallazgos();
      expect(r.hallazgos.map((x) => x.campo).sort()).toEqual([`estado.resultado.datos.${p1}`, `estado.resultado.datos.${p2}`].sort());
    });
  });

  it('every value of the stored state (votes, users, times, images, rounds, verification, result), altered alone, is named', async () => {
    const original = await estadoGuardado();
    const hojas = hojasDe(original);
    expect(hojas.length).toBeGreaterThan(80);
    // The kinds of value the issue names must all be among the leaves altered.
    for (const patron of [
      /^resultado\.datos\./,
      /^capturas\[\d\]\.valores\./,
      /^historial\[0\]\.capturas\[\d\]\.valores\./,
      /usuario$/,
      /fechaHora/,
      /^verificacion\./,
      /^resultado\.observaciones/,
      /^resultado\.contabilizada$/,
      /^imagenes\[0\]\.sha256$/,
    ]) {
      expect(hojas.some(([ruta]) => patron.test(ruta))).toBe(true);
    }
    const noVistas: string[] = [];
    for (const [ruta, valor] of hojas) {
      const alterado = structuredClone(original);
      fijar(alterado, ruta, alterar(valor));
      await conAlteracion('update acta set estado = ?::jsonb where clave_acta = ?', [JSON.stringify(alterado), acta.claveActa], async () => {
        const campos = (await hallazgos()).hallazgos.map((x) => x.campo);
        if (campos.length !== 1 || campos[0] !== `estado.${ruta}`) noVistas.push(`${ruta} → ${JSON.stringify(campos)}`);
      });
    }
    expect(noVistas).toEqual([]);
  });

  it('a value removed from, or added to, the stored state is named', async () => {
    const original = await estadoGuardado();
    const sinVerificacion = { ...original, verificacion: undefined };
    await conAlteracion('update acta set estado = ?::jsonb where clave_acta = ?', [JSON.stringify(sinVerificacion), acta.claveActa], async () => {
      // The whole missing subtree is one finding, carrying what the bitácora says it should hold.
      const r = (await hallazgos()).hallazgos;
      expect(r).toEqual([expect.objectContaining({ campo: 'estado.verificacion', bitacora: original.verificacion })]);
    });
    await conAlteracion(
      'update acta set estado = ?::jsonb where clave_acta = ?',
      [JSON.stringify({ ...original, nota: 'agregado' }), acta.claveActa],
      async () => {
        expect((await hallazgos()).hallazgos).toEqual([expect.objectContaining({ campo: 'estado.nota', encontrado: 'agregado' })]);
      },
    );
  });

  it.each([
    ['claveCasilla', "update acta set clave_casilla = '99999999999' where clave_acta = ?"],
    ['tipoActa', "update acta set tipo_acta = '99' where clave_acta = ?"],
    ['catd', "update acta set catd = 'M999' where clave_acta = ?"],
    ['fase', "update acta set fase = 'EN_CAPTURA' where clave_acta = ?"],
    ['fueraDeCatalogo', 'update acta set fuera_de_catalogo = not fuera_de_catalogo where clave_acta = ?'],
    ['secuencia', 'update acta set secuencia = secuencia + 1 where clave_acta = ?'],
    ['ronda', 'update acta set ronda = ronda + 1 where clave_acta = ?'],
    ['contabilizada', 'update acta set contabilizada = 0 where clave_acta = ?'],
    ['totalVotosCalculado', 'update acta set total_votos_calculado = total_votos_calculado + 10 where clave_acta = ?'],
    ['observaciones', 'update acta set observaciones = null where clave_acta = ?'],
    ['imagenSha256', `update acta set imagen_sha256 = '${'f'.repeat(64)}' where clave_acta = ?`],
    ['fechaHoraAcopio', "update acta set fecha_hora_acopio = fecha_hora_acopio - interval '1 minute' where clave_acta = ?"],
    ['fechaHoraCaptura', "update acta set fecha_hora_captura = fecha_hora_captura + interval '1 second' where clave_acta = ?"],
    ['fechaHoraVerificacion', "update acta set fecha_hora_verificacion = fecha_hora_verificacion + interval '1 hour' where clave_acta = ?"],
    ['fechaHoraPublicacion', 'update acta set fecha_hora_publicacion = null where clave_acta = ?'],
    ['atoradaDesde', 'update acta set atorada = true, atorada_desde = now() where clave_acta = ?'],
    // Decides which corte first carries the acta.
    ['txPublicacion', 'update acta set tx_publicacion = tx_publicacion + 1 where clave_acta = ?'],
  ])('the column %s, altered alone, is named', async (campo, sql) => {
    await conAlteracion(sql, [acta.claveActa], async () => {
      const r = await hallazgos();
      expect(r.ok).toBe(false);
      expect(r.hallazgos.map((x) => x.campo)).toEqual([campo]);
    });
  });
});

type Hoja = [ruta: string, valor: unknown];

/** Every leaf of a JSON value with its path in the check's notation (`a.b[0].c`). */
function hojasDe(valor: unknown, ruta = ''): Hoja[] {
  if (Array.isArray(valor)) return valor.flatMap((v, i) => hojasDe(v, `${ruta}[${i}]`));
  if (valor && typeof valor === 'object') {
    return Object.entries(valor).flatMap(([k, v]) => hojasDe(v, ruta ? `${ruta}.${k}` : k));
  }
  return [[ruta, valor]];
}

function fijar(raiz: unknown, ruta: string, valor: unknown): void {
  const pasos = ruta.match(/[^.[\]]+/g)!;
  let nodo = raiz as Record<string, unknown>;
  for (const p of pasos.slice(0, -1)) nodo = nodo[p] as Record<string, unknown>;
  nodo[pasos[pasos.length - 1]] = valor;
}

/** A different value of the same kind (a time stays a valid time, a number a number). */
function alterar(v: unknown): unknown {
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (v === null) return 'alterado';
  const s = String(v);
  return Number.isNaN(Date.parse(s)) ? `${s}X` : new Date(Date.parse(s) + 1000).toISOString();
}
