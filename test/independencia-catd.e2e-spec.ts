import { generarCaptura, type ActaDelCatalogo, type Captura } from '@prep/domain';
import { capturarUpdate, verificarUpdate } from '@prep/workflows/acta.messages';
import { TemporalService } from '@prep/api';
import { Harness, startHarness } from './support/harness';
import { crearUsuarioConToken } from './support/usuarios';
import { cargarCatalogoDePrueba, ClienteApi, esperar } from './support/actas';

// The second return escalates here (default: the third), to reach the coordinador's decision sooner.
process.env.PREP_POLITICA = JSON.stringify({ maxDevoluciones: 1 });

type Persona = { id: string; nombreUsuario: string; token: string };

/**
 * Attacks on the separation of duties and on the CATD boundary, tried both through the API and
 * straight at the acta's workflow (past every API check): one person never fills two of the three
 * slots of an acta (capture 1, capture 2, verificación or the coordinador's decision), whatever
 * roles the account holds and in every round after a return; a coordinador decides only their CATD.
 */
describe('independence of the three slots across rounds, and the CATD boundary of a coordinador', () => {
  let h: Harness;
  let api: ClienteApi;
  let acta: ActaDelCatalogo;
  const p: Record<string, Persona> = {};
  const votos = (semilla: string): Captura => generarCaptura(semilla, acta.casilla, acta.eleccion.columnasVoto);

  /** The workflow's own refusal code for a command sent straight to Temporal. */
  async function rechazoDirecto(tipo: 'CAPTURA' | 'VERIFICACION', quien: Persona, roles: string[]): Promise<string | undefined> {
    const handle = h.app.get(TemporalService).client.workflow.getHandle(acta.claveActa);
    const fechaHora = new Date().toISOString();
    const error = await (
      tipo === 'CAPTURA'
        ? handle.executeUpdate(capturarUpdate, {
            args: [{ comando: { tipo, usuario: quien.nombreUsuario, fechaHora, valores: votos('directo') }, rolesUsuario: roles }],
          })
        : handle.executeUpdate(verificarUpdate, {
            args: [
              {
                comando: { tipo, usuario: quien.nombreUsuario, fechaHora, decision: 'CORREGIR', valores: votos('directo'), motivo: 'directo' },
                rolesUsuario: roles,
              },
            ],
          })
    ).then(
      () => undefined,
      (e: { cause?: { details?: { codigo?: string }[] } }) => e.cause?.details?.[0]?.codigo ?? 'SIN_CODIGO',
    );
    return error;
  }

  beforeAll(async () => {
    h = await startHarness();
    api = new ClienteApi(h.app);
    // Entidad 6: no other test file uses it (claves are workflow ids in one shared Temporal namespace).
    const { actas } = await cargarCatalogoDePrueba(h.app, { idEntidad: 6, semilla: 29, casillas: 12, municipios: 2 });
    acta = actas.find((a) => a.casilla.tipo !== 'S')!;
    const catd = acta.casilla.catd;
    const otroCatd = actas.find((a) => a.casilla.catd !== catd)!.casilla.catd;
    const roles = {
      aco: ['acopiador'],
      dig: ['digitalizador'],
      cap1: ['capturista'],
      // Captures in round 1 only, and holds the verificador role.
      capver: ['capturista', 'verificador'],
      // Every role that touches the three slots, in one account.
      todo: ['capturista', 'verificador', 'coordinador'],
      ver: ['verificador'],
      coord: ['coordinador'],
    } as const;
    for (const [n, r] of Object.entries(roles)) p[n] = await crearUsuarioConToken(h.app, { roles: [...r], catd });
    p.coordOtro = await crearUsuarioConToken(h.app, { roles: ['coordinador'], catd: otroCatd });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('after a return to recapture, nobody fills two slots of the new round, nor verifies having captured any round', async () => {
    esperar(await api.acopio(p.aco.token, acta.claveActa), 201, 'acopio');
    esperar(await api.digitalizar(p.dig.token, acta.claveActa), 201, 'digitalizar');
    // Round 1: cap1 and capver; ver returns it.
    await api.tomarYCapturar(p.cap1.token, acta.claveActa, votos('r1'));
    await api.tomarYCapturar(p.capver.token, acta.claveActa, votos('r1'));
    const dev = await api.tomarYVerificar(p.ver.token, acta.claveActa, { decision: 'DEVOLVER', motivo: 'no coincide con la imagen' });
    expect(dev.body).toMatchObject({ fase: 'EN_CAPTURA' });

    // Round 2, capture 1 by the all-roles account.
    await api.tomarYCapturar(p.todo.token, acta.claveActa, votos('r2'));
    // …which cannot also take capture 2 of that round: not offered, not accepted, not even straight to the workflow.
    esperar(await api.tomar(p.todo.token, 'CAPTURA', acta.claveActa), 204, 'capture 2 offered to the capturer of capture 1');
    expect((await api.capturar(p.todo.token, acta.claveActa, votos('r2'))).body.codigo).toBe('TAREA_NO_TOMADA');
    expect(await rechazoDirecto('CAPTURA', p.todo, ['capturista', 'verificador', 'coordinador'])).toBe('CAPTURISTA_REPETIDO');

    // Capture 2 of round 2 by cap1, who captured round 1: a new round has two new slots.
    await api.tomarYCapturar(p.cap1.token, acta.claveActa, votos('r2'));
    expect((await api.detalle(p.ver.token, acta.claveActa).expect(200)).body).toMatchObject({ fase: 'EN_VERIFICACION', ronda: 2 });

    // Verificación: neither round 2's capturer (holding verificador) nor round 1's (capver) may take or do it.
    for (const [quien, roles] of [
      [p.todo, ['capturista', 'verificador', 'coordinador']],
      [p.capver, ['capturista', 'verificador']],
      [p.cap1, ['verificador']],
    ] as const) {
      if (roles.length > 1) esperar(await api.tomar(quien.token, 'VERIFICACION', acta.claveActa), 204, `verificación ofrecida a ${quien.nombreUsuario}`);
      expect(await rechazoDirecto('VERIFICACION', quien, [...roles])).toBe('VERIFICADOR_CAPTURO');
    }
    expect((await api.detalle(p.ver.token, acta.claveActa).expect(200)).body).toMatchObject({ fase: 'EN_VERIFICACION', ronda: 2 });
  });

  it('escalated: a coordinador who captured it cannot decide it, and a coordinador of another CATD neither lists nor decides it', async () => {
    // The second return escalates (maxDevoluciones 1 in this file).
    const esc = await api.tomarYVerificar(p.ver.token, acta.claveActa, { decision: 'DEVOLVER', motivo: 'sigue sin coincidir' });
    expect(esc.body).toMatchObject({ fase: 'ESCALADA' });

    // The all-roles account captured round 2: as coordinador it is still one of the capturers.
    esperar(await api.tomar(p.todo.token, 'DECISION_COORDINADOR', acta.claveActa), 204, 'decisión ofrecida a quien capturó');
    expect(await rechazoDirecto('VERIFICACION', p.todo, ['coordinador'])).toBe('VERIFICADOR_CAPTURO');

    // Another CATD's coordinador: not in their list, not claimable, and a decision is refused with 403.
    const lista = await api.listar(p.coordOtro.token, { fase: 'ESCALADA' }).expect(200);
    expect(lista.body.actas.map((a: { claveActa: string }) => a.claveActa)).not.toContain(acta.claveActa);
    esperar(await api.listar(p.coordOtro.token, { catd: acta.casilla.catd }), 403, 'listar el CATD ajeno');
    esperar(await api.detalle(p.coordOtro.token, acta.claveActa), 403, 'detalle del acta ajena');
    esperar(await api.tomar(p.coordOtro.token, 'DECISION_COORDINADOR', acta.claveActa), 204, 'decisión ajena ofrecida');
    esperar(await api.tomar(p.coordOtro.token, 'DECISION_COORDINADOR'), 204, 'decisión ajena ofrecida sin clave');
    const ajena = await api.verificar(p.coordOtro.token, acta.claveActa, { decision: 'CORREGIR', valores: votos('r2'), motivo: 'intento ajeno' });
    esperar(ajena, 403, 'decisión de un coordinador de otro CATD');
    expect(ajena.body.codigo).toBe('FUERA_DE_SU_CATD');

    // The acta's own coordinador sees and decides it.
    const propia = await api.listar(p.coord.token, { fase: 'ESCALADA' }).expect(200);
    expect(propia.body.actas.map((a: { claveActa: string }) => a.claveActa)).toContain(acta.claveActa);
    const r = await api.tomarYVerificar(
      p.coord.token,
      acta.claveActa,
      { decision: 'CORREGIR', valores: votos('r2'), motivo: 'revisada contra el acta física' },
      200,
      'DECISION_COORDINADOR',
    );
    expect(r.body.fase).toBe('PUBLICADA');
  });
});
