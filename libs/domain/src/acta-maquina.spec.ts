import {
  Azar,
  Captura,
  ComandoActa,
  ContextoActa,
  DEFAULT_POLITICA_PREP,
  DomainError,
  EstadoActa,
  EventoActa,
  aplicarComando,
  aplicarEventos,
  crearPolitica,
  estaAtorada,
  imagenPublicada,
  iniciarActa,
  reconstruirEstado,
  tareaPendiente,
  usuariosQueNoPuedenTomar,
  validarComando,
} from './index';

const COLS = ['PAN', 'PRI', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = {
  politica: DEFAULT_POLITICA_PREP,
  columnasVoto: COLS,
  casilla: { tipo: 'B', listaNominal: 500, representantes: 10 },
};
const COORD: ContextoActa = { ...CTX, rolesUsuario: ['verificador', 'coordinador'] };
const CLAVE = '140123B01005';
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

let segundos = 0;
function hora(): string {
  return new Date(Date.UTC(2021, 5, 7, 1, 0, segundos++)).toISOString();
}

function datos(over: Captura = {}): Captura {
  return {
    PAN: 100,
    PRI: 80,
    MORENA: 120,
    NO_REGISTRADAS: 1,
    NULOS: 9,
    TOTAL_BOLETAS_SOBRANTES: 200,
    TOTAL_PERSONAS_VOTARON: 305,
    TOTAL_REP_PARTIDO_CI_VOTARON: 5,
    TOTAL_VOTOS_SACADOS: 310,
    TOTAL_VOTOS_ASENTADO: 310,
    ...over,
  };
}

function congelar<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) congelar(v);
  }
  return x;
}

/** Applies a command that must be accepted, checking the invariants every transition keeps. */
function paso(estado: EstadoActa | null, comando: ComandoActa, ctx: ContextoActa = CTX) {
  if (estado) congelar(estado); // any mutation of the previous state throws in strict mode
  expect(validarComando(estado, comando, ctx)).toBeNull();
  const r = aplicarComando(estado, comando, ctx);
  const previa = estado?.secuencia ?? 0;
  expect(r.eventos.length).toBeGreaterThan(0);
  r.eventos.forEach((e, i) => {
    expect(e.secuencia).toBe(previa + i + 1);
    expect(e.claveActa).toBe(r.estado.claveActa);
    expect(e.usuario).toBe(comando.usuario);
    expect(e.fechaHora).toBe(comando.fechaHora);
    if (i > 0) expect(e.faseAnterior).toBe(r.eventos[i - 1].faseNueva);
  });
  expect(r.eventos[0].faseAnterior).toBe(estado ? estado.fase : null);
  expect(r.eventos[r.eventos.length - 1].faseNueva).toBe(r.estado.fase);
  expect(r.estado.secuencia).toBe(previa + r.eventos.length);
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  // The bitácora alone must rebuild exactly this state: the auditor's check relies on it.
  expect(aplicarEventos(estado, r.eventos)).toStrictEqual(r.estado);
  return r;
}

/** A command that must be refused, identically by the validator and the reducer. */
function rechazo(estado: EstadoActa | null, comando: ComandoActa, codigo: string, ctx: ContextoActa = CTX) {
  if (estado) congelar(estado);
  const r = validarComando(estado, comando, ctx);
  expect(r?.codigo).toBe(codigo);
  let lanzado: unknown;
  try {
    aplicarComando(estado, comando, ctx);
  } catch (e) {
    lanzado = e;
  }
  expect(lanzado).toBeInstanceOf(DomainError);
  expect((lanzado as DomainError).rechazo).toEqual(r);
  expect(r!.mensaje.length).toBeGreaterThan(20);
  return r!;
}

const acopio = (over: Partial<Extract<ComandoActa, { tipo: 'ACOPIO' }>> = {}): ComandoActa => ({
  tipo: 'ACOPIO',
  claveActa: CLAVE,
  catd: 'M001',
  usuario: 'acopiador1',
  fechaHora: hora(),
  mecanismoTraslado: 'F',
  fueraDeCatalogo: false,
  ...over,
});
const imagen = (sha = SHA_A, over: object = {}): ComandoActa => ({
  tipo: 'DIGITALIZACION',
  usuario: 'digitalizador1',
  fechaHora: hora(),
  sha256: sha,
  origen: 'CATD',
  medio: 'ESCANER',
  ruta: `actas/${sha}.jpg`,
  catd: 'M001',
  ...over,
});
const capturar = (usuario: string, valores: unknown = datos()): ComandoActa => ({ tipo: 'CAPTURA', usuario, fechaHora: hora(), valores });
const verificar = (usuario: string, decision: 'CONFIRMAR' | 'CORREGIR' | 'DEVOLVER', valores?: unknown, motivo?: string): ComandoActa => ({
  tipo: 'VERIFICACION',
  usuario,
  fechaHora: hora(),
  decision,
  valores,
  motivo,
});

function enCaptura(): EstadoActa {
  return paso(paso(null, acopio()).estado, imagen()).estado;
}

function enVerificacion(c1: Captura = datos(), c2: Captura = datos(), base = enCaptura()): EstadoActa {
  return paso(paso(base, capturar('cap1', c1)).estado, capturar('cap2', c2)).estado;
}

function tipos(eventos: EventoActa[]) {
  return eventos.map((e) => e.tipo);
}

describe('acopio y digitalización', () => {
  it('el acopio crea el acta en ACOPIADA con secuencia 1', () => {
    const r = paso(null, acopio());
    expect(r.estado).toMatchObject({ claveActa: CLAVE, catd: 'M001', fase: 'ACOPIADA', ronda: 1, secuencia: 1, imagenes: [] });
    expect(r.eventos).toEqual([
      expect.objectContaining({
        tipo: 'ACTA_ACOPIADA',
        faseAnterior: null,
        faseNueva: 'ACOPIADA',
        datos: { catd: 'M001', mecanismoTraslado: 'F', fueraDeCatalogo: false },
      }),
    ]);
    expect(iniciarActa(acopio({ fechaHora: r.estado.fechaHoraAcopio ?? undefined }) as never, CTX)).toEqual(r);
    expect(tareaPendiente(r.estado)).toBe('DIGITALIZACION');
  });

  it('un segundo acopio se rechaza y el primero queda intacto', () => {
    const e = paso(null, acopio()).estado;
    const r = rechazo(e, acopio({ catd: 'M002', usuario: 'otro' }), 'ACTA_YA_ACOPIADA');
    expect(r.status).toBe(409);
    expect(r.mensaje).toContain('M001');
    expect(e.acopio?.catd).toBe('M001');
  });

  it('el acopio valida clave, CATD y fecha', () => {
    rechazo(null, acopio({ claveActa: '14X' }), 'CLAVE_INVALIDA');
    rechazo(null, acopio({ catd: ' ' }), 'CATD_REQUERIDO');
    rechazo(null, acopio({ fechaHora: '07/06/2021 20:00' }), 'FECHA_INVALIDA');
    rechazo(null, acopio({ fechaHora: '2021-06-07T20:00:00' }), 'FECHA_INVALIDA'); // sin zona horaria
    rechazo(null, acopio({ usuario: '' }), 'USUARIO_REQUERIDO');
    rechazo(null, capturar('cap1'), 'ACTA_NO_ACOPIADA');
  });

  it('la primera imagen completa abre la captura; las siguientes se guardan sin cambiar de fase', () => {
    const a = paso(null, acopio()).estado;
    const parcial = paso(a, imagen('c'.repeat(64), { origen: 'CASILLA', medio: 'MOVIL', completa: false }));
    expect(parcial.estado.fase).toBe('ACOPIADA');
    expect(imagenPublicada(parcial.estado, DEFAULT_POLITICA_PREP)).toBeNull();
    const primera = paso(parcial.estado, imagen(SHA_A.toUpperCase(), { origen: 'CASILLA', medio: 'MOVIL' }));
    expect(primera.eventos).toEqual([expect.objectContaining({ tipo: 'IMAGEN_DIGITALIZADA', faseAnterior: 'ACOPIADA', faseNueva: 'EN_CAPTURA' })]);
    expect(primera.estado.imagenes[1].sha256).toBe(SHA_A);
    const segunda = paso(primera.estado, imagen(SHA_B));
    expect(segunda.estado.fase).toBe('EN_CAPTURA');
    expect(segunda.estado.imagenes).toHaveLength(3);
    expect(imagenPublicada(segunda.estado, DEFAULT_POLITICA_PREP)?.sha256).toBe(SHA_A);
  });

  it('una imagen repetida se rechaza con 409, también en otra capitalización', () => {
    const e = enCaptura();
    expect(rechazo(e, imagen(SHA_A), 'IMAGEN_DUPLICADA').status).toBe(409);
    rechazo(e, imagen(SHA_A.toUpperCase()), 'IMAGEN_DUPLICADA');
  });

  it('valida el SHA-256, origen, medio y ruta', () => {
    const e = paso(null, acopio()).estado;
    rechazo(e, imagen('xyz'), 'SHA256_INVALIDO');
    rechazo(e, imagen(SHA_A, { origen: 'CORREO' }), 'ORIGEN_INVALIDO');
    rechazo(e, imagen(SHA_A, { medio: 'FAX' }), 'MEDIO_INVALIDO');
    rechazo(e, imagen(SHA_A, { ruta: '' }), 'RUTA_REQUERIDA');
    rechazo(e, imagen(SHA_A, { origen: 'CASILLA', medio: 'ESCANER' }), 'MEDIO_INVALIDO');
  });

  it('una imagen del CATD solo la envía el personal del CATD donde se acopió el acta', () => {
    const e = paso(null, acopio()).estado;
    const r = rechazo(e, imagen(SHA_A, { catd: 'M002' }), 'FUERA_DE_SU_CATD');
    expect(r.status).toBe(403);
    expect(r.mensaje).toContain('CATD M001');
    expect(r.mensaje).toContain('su CATD: M002');
    expect(rechazo(e, imagen(SHA_A, { catd: null }), 'FUERA_DE_SU_CATD').mensaje).toContain('su CATD: ninguno');
    rechazo(e, imagen(SHA_A, { catd: undefined }), 'FUERA_DE_SU_CATD');
    // A PREP Casilla photo comes from the casilla's device, which belongs to no CATD.
    expect(paso(e, imagen(SHA_A, { origen: 'CASILLA', medio: 'MOVIL', catd: null })).estado.fase).toBe('EN_CAPTURA');
  });

  it('registra ancho, alto y páginas en el estado y en la entrada de bitácora con los mismos nombres', () => {
    const e = paso(null, acopio()).estado;
    const jpg = paso(e, imagen(SHA_A, { ancho: 1700, alto: 2200 }));
    expect(jpg.estado.imagenes[0]).toMatchObject({ ancho: 1700, alto: 2200, paginas: null });
    expect(jpg.eventos[0].datos).toMatchObject({ ancho: 1700, alto: 2200, paginas: null });
    const pdf = paso(jpg.estado, imagen(SHA_B, { ancho: null, alto: null, paginas: 3 }));
    expect(pdf.estado.imagenes[1]).toMatchObject({ ancho: null, alto: null, paginas: 3 });
    expect(pdf.eventos[0].datos).toMatchObject({ ancho: null, alto: null, paginas: 3 });
    // Every image field the bitácora entry carries is in ImagenActa under the same name, so a fold can copy it.
    const { numeroImagen, ...datos } = pdf.eventos[0].datos as Record<string, unknown>;
    expect(numeroImagen).toBe(2);
    expect(pdf.estado.imagenes[1]).toMatchObject(datos);
    expect(paso(e, imagen(SHA_A)).estado.imagenes[0]).toMatchObject({ ancho: null, alto: null, paginas: null });
    for (const malo of [0, -1, 1.5, '12']) rechazo(e, imagen(SHA_A, { ancho: malo }), 'DIMENSIONES_INVALIDAS');
    rechazo(e, imagen(SHA_A, { paginas: 0 }), 'DIMENSIONES_INVALIDAS');
  });
});

describe('doble captura', () => {
  it('no se captura sin imagen', () => {
    rechazo(paso(null, acopio()).estado, capturar('cap1'), 'FASE_INVALIDA');
  });

  it('la misma persona no captura dos veces en la ronda', () => {
    const e = paso(enCaptura(), capturar('cap1')).estado;
    const r = rechazo(e, capturar('cap1'), 'CAPTURISTA_REPETIDO');
    expect(r.status).toBe(409);
    expect(usuariosQueNoPuedenTomar(e)).toEqual(['cap1']);
  });

  it('una captura inválida se rechaza nombrando los campos', () => {
    const r = rechazo(enCaptura(), capturar('cap1', { ...datos(), PAN: -3, EXTRA: 1 }), 'CAPTURA_INVALIDA');
    expect(r.status).toBe(422);
    expect(r.errores?.map((e) => e.campo).sort()).toEqual(['EXTRA', 'PAN']);
    expect(r.mensaje).toMatch(/PAN/);
  });

  it('capturas iguales pasan a verificación en modo confirmación', () => {
    const e1 = paso(enCaptura(), capturar('cap1'));
    expect(tipos(e1.eventos)).toEqual(['CAPTURA_REGISTRADA']);
    expect(e1.eventos[0].datos).toEqual({ ronda: 1, numeroCaptura: 1, valores: datos() });
    const hora2 = hora();
    const e2 = paso(e1.estado, { ...capturar('cap2'), fechaHora: hora2 });
    expect(tipos(e2.eventos)).toEqual(['CAPTURA_REGISTRADA', 'CAPTURAS_COMPARADAS']);
    expect(e2.eventos[1]).toMatchObject({
      faseAnterior: 'EN_CAPTURA',
      faseNueva: 'EN_VERIFICACION',
      datos: { iguales: true, modo: 'confirmacion', discrepancias: [], capturistas: ['cap1', 'cap2'] },
    });
    expect(e2.estado).toMatchObject({ fase: 'EN_VERIFICACION', modoVerificacion: 'confirmacion', fechaHoraCaptura: hora2, capturistas: ['cap1', 'cap2'] });
    rechazo(e2.estado, capturar('cap3'), 'FASE_INVALIDA');
    expect(tareaPendiente(e2.estado)).toBe('VERIFICACION');
  });

  it('capturas distintas pasan a desempate con sus discrepancias', () => {
    const e = enVerificacion(datos(), datos({ PRI: 8, NULOS: 'ilegible' }));
    expect(e).toMatchObject({ fase: 'EN_VERIFICACION', modoVerificacion: 'desempate', discrepancias: ['PRI', 'NULOS'] });
  });
});

describe('verificación y publicación', () => {
  it('no se verifica antes de tener las dos capturas', () => {
    rechazo(paso(enCaptura(), capturar('cap1')).estado, verificar('ver1', 'CONFIRMAR'), 'FASE_INVALIDA');
  });

  it('confirmar capturas iguales publica con los totales calculados', () => {
    const e = enVerificacion();
    const t = hora();
    const r = paso(e, { ...verificar('ver1', 'CONFIRMAR'), fechaHora: t });
    expect(tipos(r.eventos)).toEqual(['ACTA_VERIFICADA', 'ACTA_PUBLICADA']);
    expect(r.eventos[0]).toMatchObject({
      faseAnterior: 'EN_VERIFICACION',
      faseNueva: 'EN_VERIFICACION',
      datos: { decision: 'CONFIRMAR', rol: 'verificador', camposCorregidos: [] },
    });
    expect(r.eventos[1]).toMatchObject({
      faseAnterior: 'EN_VERIFICACION',
      faseNueva: 'PUBLICADA',
      datos: {
        datos: datos(),
        totalVotosCalculado: 310,
        observaciones: [],
        contabilizada: 1,
        imagenSha256: SHA_A,
        fechaHoraCaptura: e.fechaHoraCaptura,
        fechaHoraVerificacion: t,
      },
    });
    expect(r.estado).toMatchObject({
      fase: 'PUBLICADA',
      fechaHoraVerificacion: t,
      fechaHoraPublicacion: t,
      resultado: { datos: datos(), totalVotosCalculado: 310, observaciones: [], contabilizada: 1, imagenSha256: SHA_A },
    });
    expect(tareaPendiente(r.estado)).toBeNull();
  });

  it('un capturista no puede verificar el acta (403), tampoco uno de una ronda anterior', () => {
    const e = enVerificacion();
    expect(rechazo(e, verificar('cap1', 'CONFIRMAR'), 'VERIFICADOR_CAPTURO').status).toBe(403);
    expect(usuariosQueNoPuedenTomar(e)).toEqual(['cap1', 'cap2']);
    const ronda2 = paso(e, verificar('ver1', 'DEVOLVER', undefined, 'imagen borrosa en PRI')).estado;
    const otra = enVerificacion(datos(), datos(), ronda2);
    // cap1 and cap2 captured again in round 2: the same people may capture in a new round.
    expect(otra.ronda).toBe(2);
    const e3 = paso(paso(ronda2, capturar('cap3')).estado, capturar('cap4')).estado;
    rechazo(e3, verificar('cap1', 'CONFIRMAR'), 'VERIFICADOR_CAPTURO');
    expect(usuariosQueNoPuedenTomar(e3)).toEqual(['cap1', 'cap2', 'cap3', 'cap4']);
  });

  it('en desempate no se puede confirmar; corregir exige cada campo discrepante', () => {
    const e = enVerificacion(datos(), datos({ PRI: 8, NULOS: 'ilegible' }));
    rechazo(e, verificar('ver1', 'CONFIRMAR'), 'DESEMPATE_REQUIERE_CORRECCION');
    const falta = rechazo(e, verificar('ver1', 'CORREGIR', { PRI: 80 }), 'FALTAN_CAMPOS_DISCREPANTES');
    expect(falta.mensaje).toContain('NULOS');
    expect(falta.errores?.map((x) => x.campo)).toEqual(['NULOS']);
    rechazo(e, verificar('ver1', 'CORREGIR', { PRI: 'ochenta', NULOS: 9 }), 'VALORES_INVALIDOS');
    rechazo(e, verificar('ver1', 'CORREGIR', {}), 'VALORES_REQUERIDOS');

    const r = paso(e, verificar('ver1', 'CORREGIR', { PRI: 8, NULOS: 9, PAN: 101 }));
    expect(r.estado.resultado?.datos).toEqual(datos({ PRI: 8, PAN: 101 }));
    expect(r.estado.resultado?.totalVotosCalculado).toBe(239);
    expect(r.estado.verificacion).toMatchObject({
      decision: 'CORREGIR',
      modo: 'desempate',
      motivo: null,
      camposCorregidos: ['PAN', 'PRI', 'NULOS'],
      valoresCorregidos: { PAN: 101, PRI: 8, NULOS: 9 },
      valoresAnteriores: { PAN: 100, PRI: 80, NULOS: 9 },
    });
    expect(r.eventos[0].datos).toMatchObject({ discrepancias: ['PRI', 'NULOS'], camposCorregidos: ['PAN', 'PRI', 'NULOS'] });
  });

  it('en confirmación, corregir exige motivo y queda registrado', () => {
    const e = enVerificacion();
    rechazo(e, verificar('ver1', 'CORREGIR', { PAN: 90 }), 'MOTIVO_REQUERIDO');
    rechazo(e, verificar('ver1', 'CONFIRMAR', { PAN: 90 }), 'VALORES_NO_ESPERADOS');
    const r = paso(e, verificar('ver1', 'CORREGIR', { PAN: 90 }, 'ambas capturas leyeron mal el 9'));
    expect(r.estado.resultado?.datos?.PAN).toBe(90);
    expect(r.estado.verificacion).toMatchObject({ modo: 'confirmacion', motivo: 'ambas capturas leyeron mal el 9', camposCorregidos: ['PAN'] });
  });

  it('excede lista nominal: publicada con contabilizada 0', () => {
    const mucho = datos({ MORENA: 400 }); // 590 > 500 + 10
    const r = paso(enVerificacion(mucho, mucho), verificar('ver1', 'CONFIRMAR'));
    expect(r.estado.resultado).toMatchObject({ totalVotosCalculado: 590, observaciones: ['Excede Lista Nominal'], contabilizada: 0 });
  });

  it('ilegible y sin dato: publicada con contabilizada 1 y sus observaciones', () => {
    const c = datos({ PAN: 'ilegible', TOTAL_BOLETAS_SOBRANTES: 'sin_dato' });
    const r = paso(enVerificacion(c, c), verificar('ver1', 'CONFIRMAR'));
    expect(r.estado.resultado).toMatchObject({ totalVotosCalculado: 210, observaciones: ['Ilegible', 'Sin dato'], contabilizada: 1 });
  });

  it('nada cambia un acta publicada salvo guardar nuevas imágenes', () => {
    const p = paso(enVerificacion(), verificar('ver1', 'CONFIRMAR')).estado;
    rechazo(p, verificar('ver2', 'CONFIRMAR'), 'FASE_INVALIDA');
    rechazo(p, capturar('cap9'), 'FASE_INVALIDA');
    const r = paso(p, imagen(SHA_B, { origen: 'CATD' }));
    expect(r.estado.fase).toBe('PUBLICADA');
    expect(r.estado.imagenes).toHaveLength(2);
    expect(r.estado.resultado).toEqual(p.resultado);
    expect(imagenPublicada(r.estado, DEFAULT_POLITICA_PREP)?.sha256).toBe(SHA_A);
  });
});

describe('devoluciones y escalamiento', () => {
  it('devolver exige motivo y abre una nueva ronda guardando la anterior', () => {
    const e = enVerificacion(datos(), datos({ PAN: 1 }));
    rechazo(e, verificar('ver1', 'DEVOLVER'), 'MOTIVO_REQUERIDO');
    const r = paso(e, verificar('ver1', 'DEVOLVER', undefined, 'imagen ilegible, pedir escaneo'));
    expect(r.eventos).toEqual([
      expect.objectContaining({
        tipo: 'ACTA_DEVUELTA',
        faseAnterior: 'EN_VERIFICACION',
        faseNueva: 'EN_CAPTURA',
        datos: { ronda: 1, rondaNueva: 2, rol: 'verificador', motivo: 'imagen ilegible, pedir escaneo', devoluciones: 1, discrepancias: ['PAN'] },
      }),
    ]);
    expect(r.estado).toMatchObject({
      fase: 'EN_CAPTURA',
      ronda: 2,
      capturas: [],
      devoluciones: 1,
      discrepancias: [],
      modoVerificacion: null,
      fechaHoraCaptura: null,
    });
    expect(r.estado.historial).toHaveLength(1);
    expect(r.estado.historial[0]).toMatchObject({ ronda: 1, discrepancias: ['PAN'], devolucion: { usuario: 'ver1', rol: 'verificador' } });
    expect(r.estado.historial[0].capturas.map((c) => c.usuario)).toEqual(['cap1', 'cap2']);
    expect(usuariosQueNoPuedenTomar(r.estado)).toEqual([]);
  });

  it('pasado el tope de devoluciones va al coordinador, que corrige con todos los campos o devuelve', () => {
    let e = enVerificacion();
    e = paso(e, verificar('ver1', 'DEVOLVER', undefined, 'r1')).estado;
    e = enVerificacion(datos(), datos(), e);
    e = paso(e, verificar('ver1', 'DEVOLVER', undefined, 'r2')).estado;
    e = enVerificacion(datos(), datos({ NULOS: 3 }), e);
    expect(e.ronda).toBe(3);
    const esc = paso(e, verificar('ver2', 'DEVOLVER', undefined, 'r3'));
    expect(esc.eventos).toEqual([
      expect.objectContaining({
        tipo: 'ACTA_ESCALADA',
        faseNueva: 'ESCALADA',
        datos: { ronda: 3, motivo: 'r3', devoluciones: 3, maxDevoluciones: 2, discrepancias: ['NULOS'] },
      }),
    ]);
    const x = esc.estado;
    expect(x).toMatchObject({ fase: 'ESCALADA', ronda: 3, devoluciones: 3, escalamiento: { usuario: 'ver2', motivo: 'r3' } });
    expect(x.capturas).toHaveLength(2);
    expect(tareaPendiente(x)).toBe('DECISION_COORDINADOR');

    expect(rechazo(x, verificar('ver3', 'CORREGIR', datos(), 'ok'), 'SOLO_COORDINADOR').status).toBe(403);
    rechazo(x, verificar('cap1', 'CORREGIR', datos(), 'ok'), 'VERIFICADOR_CAPTURO', COORD);
    rechazo(x, verificar('coord', 'CONFIRMAR'), 'ESCALADA_REQUIERE_DATOS', COORD);
    const parcial = rechazo(x, verificar('coord', 'CORREGIR', { NULOS: 9 }, 'visto en imagen'), 'CAPTURA_INVALIDA', COORD);
    expect(parcial.errores?.map((z) => z.campo)).toContain('PAN');
    rechazo(x, verificar('coord', 'CORREGIR', datos()), 'MOTIVO_REQUERIDO', COORD);

    const pub = paso(x, verificar('coord', 'CORREGIR', datos({ NULOS: 4 }), 'leído en la imagen'), COORD);
    expect(tipos(pub.eventos)).toEqual(['ACTA_VERIFICADA', 'ACTA_PUBLICADA']);
    expect(pub.eventos[0]).toMatchObject({
      faseAnterior: 'ESCALADA',
      datos: { rol: 'coordinador', camposCorregidos: ['NULOS'], valoresCorregidos: { NULOS: 4 }, valoresAnteriores: { NULOS: 9 } },
    });
    expect(pub.estado.resultado).toMatchObject({ datos: datos({ NULOS: 4 }), totalVotosCalculado: 305, contabilizada: 1 });
  });

  it('la devolución del coordinador abre otra ronda y solo la siguiente devolución vuelve a escalar', () => {
    const politica = crearPolitica({ maxDevoluciones: 0 });
    const ctx = { ...CTX, politica };
    const coord = { ...COORD, politica };
    let e = enVerificacion();
    e = paso(e, verificar('ver1', 'DEVOLVER', undefined, 'dudas'), ctx).estado;
    expect(e.fase).toBe('ESCALADA');
    const dev = paso(e, verificar('coord', 'DEVOLVER', undefined, 'recapturar con la imagen del CATD'), coord);
    expect(dev.eventos[0]).toMatchObject({
      tipo: 'ACTA_DEVUELTA',
      faseAnterior: 'ESCALADA',
      faseNueva: 'EN_CAPTURA',
      datos: { rol: 'coordinador', devoluciones: 2 },
    });
    expect(dev.estado).toMatchObject({ fase: 'EN_CAPTURA', ronda: 2, escalamiento: null });
    expect(dev.estado.historial[0].escalamiento).toMatchObject({ usuario: 'ver1', motivo: 'dudas' });
    e = enVerificacion(datos(), datos(), dev.estado);
    expect(paso(e, verificar('ver1', 'DEVOLVER', undefined, 'otra vez'), ctx).estado.fase).toBe('ESCALADA');
    // ...but a verificador may still publish it before that.
    expect(paso(e, verificar('ver1', 'CONFIRMAR'), ctx).estado.fase).toBe('PUBLICADA');
  });
});

describe('fuera de catálogo', () => {
  it('la primera imagen la publica con contabilizada 2 y FUERA DE CATALOGO, sin captura', () => {
    const ctx: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: [], casilla: null };
    const a = paso(null, acopio({ fueraDeCatalogo: true }), ctx);
    expect(a.estado.fueraDeCatalogo).toBe(true);
    const r = paso(a.estado, imagen(), ctx);
    expect(tipos(r.eventos)).toEqual(['IMAGEN_DIGITALIZADA', 'ACTA_PUBLICADA']);
    expect(r.eventos[0]).toMatchObject({ faseAnterior: 'ACOPIADA', faseNueva: 'ACOPIADA' });
    expect(r.estado).toMatchObject({
      fase: 'PUBLICADA',
      resultado: { datos: null, totalVotosCalculado: null, observaciones: ['FUERA DE CATALOGO'], contabilizada: 2, imagenSha256: SHA_A },
    });
    rechazo(r.estado, capturar('cap1'), 'FASE_INVALIDA', ctx);
  });
});

describe('utilidades', () => {
  it('estaAtorada compara la última actividad con la política', () => {
    const e = paso(null, acopio({ fechaHora: '2021-06-06T20:00:00-05:00' })).estado;
    expect(estaAtorada(e, '2021-06-06T20:29:59-05:00', DEFAULT_POLITICA_PREP)).toBe(false);
    expect(estaAtorada(e, '2021-06-07T01:30:00Z', DEFAULT_POLITICA_PREP)).toBe(true);
  });
});

describe('validarComando y aplicarComando coinciden', () => {
  it('en secuencias aleatorias de comandos válidos e inválidos', () => {
    const azar = new Azar('acuerdo');
    const usuarios = ['cap1', 'cap2', 'cap3', 'ver1', 'coord'];
    const shas = [SHA_A, SHA_B, 'c'.repeat(64)];
    let aceptados = 0;
    let rechazados = 0;
    for (let corrida = 0; corrida < 60; corrida++) {
      let estado: EstadoActa | null = null;
      const historia: EventoActa[] = [];
      const politica = crearPolitica({ maxDevoluciones: azar.entero(0, 2) });
      for (let i = 0; i < 25; i++) {
        const usuario = azar.elegir(usuarios);
        const ctx: ContextoActa = { ...CTX, politica, rolesUsuario: usuario === 'coord' ? ['coordinador'] : [] };
        const valores = azar.probabilidad(0.5) ? datos() : datos({ PAN: azar.entero(0, 3), NULOS: azar.elegir([9, 'ilegible'] as const) });
        const opciones: ComandoActa[] = [
          acopio({ usuario }),
          imagen(azar.elegir(shas), { usuario }),
          capturar(usuario, azar.probabilidad(0.9) ? valores : { PAN: 'x' }),
          verificar(usuario, 'CONFIRMAR'),
          verificar(usuario, 'CORREGIR', azar.probabilidad(0.5) ? { PAN: 7, NULOS: 9 } : valores, azar.probabilidad(0.7) ? 'motivo' : undefined),
          verificar(usuario, 'DEVOLVER', undefined, azar.probabilidad(0.8) ? 'motivo' : undefined),
        ];
        const comando = azar.elegir(opciones);
        const antes = JSON.stringify(estado);
        const r = validarComando(estado, comando, ctx);
        expect(JSON.stringify(estado)).toBe(antes);
        if (r === null) {
          const t = aplicarComando(estado, comando, ctx);
          expect(t.estado.secuencia).toBe((estado?.secuencia ?? 0) + t.eventos.length);
          estado = t.estado;
          historia.push(...t.eventos);
          expect(reconstruirEstado(historia)).toStrictEqual(estado);
          aceptados++;
        } else {
          expect(() => aplicarComando(estado, comando, ctx)).toThrow(DomainError);
          rechazados++;
        }
        expect(JSON.stringify(estado)).not.toContain('undefined');
      }
    }
    expect(aceptados).toBeGreaterThan(100);
    expect(rechazados).toBeGreaterThan(100);
  });
});
