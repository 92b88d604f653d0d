import { ComandoCorreccionCatd, ContextoActa, DEFAULT_POLITICA_PREP, DomainError, EstadoActa, aplicarComando, crearPolitica, validarComando } from './index';

const CLAVE = '140123B01005';
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: [], casilla: null };
const PERMISIVA = crearPolitica({ acopioEnOtroCatd: 'permitir_con_motivo' });

/** An acta received in M009 although the catálogo assigns it to M010 (as before acopio checked it). */
function acopiadaEnM009(fueraDeCatalogo = false): EstadoActa {
  return aplicarComando(
    null,
    { tipo: 'ACOPIO', claveActa: CLAVE, catd: 'M009', usuario: 'aco', fechaHora: '2027-06-07T01:00:00Z', mecanismoTraslado: 'F', fueraDeCatalogo },
    CTX,
  ).estado;
}

const corregir = (over: Partial<ComandoCorreccionCatd> = {}): ComandoCorreccionCatd => ({
  tipo: 'CORRECCION_CATD',
  usuario: 'coord.m010',
  fechaHora: '2027-06-07T02:00:00Z',
  catd: 'M010',
  motivo: 'la clave se tecleó mal en M009',
  catdCatalogo: 'M010',
  catdUsuario: 'M010',
  ...over,
});

const ctx = (roles: string[], politica = DEFAULT_POLITICA_PREP): ContextoActa => ({ ...CTX, politica, rolesUsuario: roles });

function rechazado(estado: EstadoActa, c: ComandoCorreccionCatd, contexto: ContextoActa) {
  const r = validarComando(estado, c, contexto);
  expect(r).not.toBeNull();
  expect(() => aplicarComando(estado, c, contexto)).toThrow(DomainError);
  return r!;
}

describe('corrección del CATD de un acopio', () => {
  it('el coordinador del CATD del catálogo mueve el acta; el evento lo describe todo y la fase no cambia', () => {
    const e = acopiadaEnM009();
    const t = aplicarComando(e, corregir(), ctx(['coordinador']));
    expect(t.eventos).toEqual([
      expect.objectContaining({
        tipo: 'ACOPIO_CORREGIDO',
        secuencia: 2,
        faseAnterior: 'ACOPIADA',
        faseNueva: 'ACOPIADA',
        usuario: 'coord.m010',
        fechaHora: '2027-06-07T02:00:00Z',
        datos: { catdAnterior: 'M009', catdNuevo: 'M010', motivo: 'la clave se tecleó mal en M009', catdCatalogo: 'M010' },
      }),
    ]);
    expect(t.estado.catd).toBe('M010');
    expect(t.estado.acopio?.catd).toBe('M009'); // where it was received stays on record
    expect(t.estado.correccionesCatd).toEqual([
      {
        usuario: 'coord.m010',
        fechaHora: '2027-06-07T02:00:00Z',
        catdAnterior: 'M009',
        catdNuevo: 'M010',
        motivo: 'la clave se tecleó mal en M009',
        catdCatalogo: 'M010',
      },
    ]);
    expect(e.catd).toBe('M009'); // never mutates
    // The right CATD's acopiador, refused as before, is told where the acta now is.
    const otra = {
      tipo: 'ACOPIO' as const,
      claveActa: CLAVE,
      catd: 'M010',
      usuario: 'aco.m010',
      fechaHora: '2027-06-07T02:10:00Z',
      mecanismoTraslado: 'F',
      fueraDeCatalogo: false,
    };
    expect(validarComando(t.estado, otra, CTX)?.mensaje).toContain('Su CATD se corrigió a M010');
  });

  it('lo rechaza a un coordinador de otro CATD y a quien no es coordinador ni operador', () => {
    const e = acopiadaEnM009();
    const r = rechazado(e, corregir({ usuario: 'coord.m011', catdUsuario: 'M011' }), ctx(['coordinador']));
    expect(r).toMatchObject({ codigo: 'CORRECCION_NO_PERMITIDA', status: 403 });
    expect(r.mensaje).toContain('M010');
    // The coordinador of the wrong CATD cannot claim the acta either.
    expect(rechazado(e, corregir({ catdUsuario: 'M009' }), ctx(['coordinador'])).codigo).toBe('CORRECCION_NO_PERMITIDA');
    expect(rechazado(e, corregir(), ctx(['verificador'])).codigo).toBe('CORRECCION_NO_PERMITIDA');
  });

  it('un operador o administrador puede corregir hacia el CATD del catálogo sin ser de ese CATD', () => {
    const e = acopiadaEnM009();
    expect(aplicarComando(e, corregir({ catdUsuario: null }), ctx(['operador'])).estado.catd).toBe('M010');
    expect(aplicarComando(e, corregir({ catdUsuario: null }), ctx(['administrador'])).estado.catd).toBe('M010');
  });

  it('hacia un CATD distinto del catálogo: nunca con la política por omisión; con la permisiva, solo operación', () => {
    const e = acopiadaEnM009();
    const otro = corregir({ catd: 'M011', catdUsuario: null });
    expect(rechazado(e, otro, ctx(['operador'])).codigo).toBe('CATD_NO_CORRESPONDE');
    expect(aplicarComando(e, otro, ctx(['operador'], PERMISIVA)).estado.catd).toBe('M011');
    expect(rechazado(e, corregir({ catd: 'M011', catdUsuario: 'M011' }), ctx(['coordinador'], PERMISIVA)).codigo).toBe('CORRECCION_NO_PERMITIDA');
  });

  it('un acta fuera de catálogo solo la mueve un operador o administrador', () => {
    const e = acopiadaEnM009(true);
    const c = corregir({ catd: 'M011', catdCatalogo: null, catdUsuario: 'M011' });
    expect(rechazado(e, c, ctx(['coordinador'])).mensaje).toMatch(/fuera de catálogo/);
    expect(aplicarComando(e, c, ctx(['operador'])).estado.catd).toBe('M011');
  });

  it('exige motivo y un CATD distinto del actual', () => {
    const e = acopiadaEnM009();
    expect(rechazado(e, corregir({ motivo: ' ' }), ctx(['operador'])).codigo).toBe('MOTIVO_REQUERIDO');
    expect(rechazado(e, corregir({ catd: '' }), ctx(['operador'])).codigo).toBe('CATD_REQUERIDO');
    const movida = aplicarComando(e, corregir(), ctx(['operador'])).estado;
    expect(rechazado(movida, corregir(), ctx(['operador']))).toMatchObject({ codigo: 'CATD_SIN_CAMBIO', status: 409 });
  });

  it('un acta aún no acopiada no se corrige', () => {
    expect(validarComando(null, corregir(), ctx(['operador']))?.codigo).toBe('ACTA_NO_ACOPIADA');
  });
});
