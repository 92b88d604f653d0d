import {
  aplicarComando,
  camposDeActa,
  columnasDeActa,
  DEFAULT_POLITICA_PREP,
  reconstruirEstado,
  type ComandoActa,
  type ContextoActa,
  type EventoActa,
} from '@prep/domain';
import { entradaEventoActa } from './esquema';
import { compararConModelo, reconstruirActa, type FilaActa } from './verificacion';

const COLS = ['PAN', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 400, representantes: 4 } };
const CLAVE = '141234B01005';
let s = 0;
const hora = () => new Date(Date.UTC(2027, 5, 6, 20, 0, s++)).toISOString();
const datos = Object.fromEntries(camposDeActa(COLS).map((c) => [c, 10]));

function eventosPublicada(): EventoActa[] {
  const comandos: ComandoActa[] = [
    { tipo: 'ACOPIO', claveActa: CLAVE, catd: 'M001', usuario: 'aco', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false },
    {
      tipo: 'DIGITALIZACION',
      usuario: 'dig',
      fechaHora: hora(),
      sha256: 'e'.repeat(64),
      origen: 'CATD',
      medio: 'ESCANER',
      ruta: `ee/${'e'.repeat(64)}.jpg`,
      catd: 'M001',
    },
    { tipo: 'CAPTURA', usuario: 'c1', fechaHora: hora(), valores: datos },
    { tipo: 'CAPTURA', usuario: 'c2', fechaHora: hora(), valores: datos },
    { tipo: 'VERIFICACION', usuario: 'v', fechaHora: hora(), decision: 'CONFIRMAR' },
  ];
  let estado = null;
  const eventos: EventoActa[] = [];
  for (const c of comandos) {
    const t = aplicarComando(estado, c, CTX);
    estado = t.estado;
    eventos.push(...t.eventos);
  }
  return eventos;
}

/** The row the projection writes for this history: what an untouched read model holds. */
function filaIntacta(eventos: EventoActa[]): FilaActa {
  const estado = reconstruirEstado(eventos);
  return {
    claveCasilla: CLAVE.slice(0, 11),
    tipoActa: CLAVE.slice(11),
    ...columnasDeActa(estado),
    estado: JSON.parse(JSON.stringify(estado)),
    atorada: false,
    atoradaDesde: null,
    txPublicacion: null,
  };
}

describe('cross-check of the read model against the bitácora', () => {
  const eventos = eventosPublicada();
  const entradas = eventos.map(entradaEventoActa);

  it('derives the published row and the full state from the bitácora alone', () => {
    const { acta, hallazgos } = reconstruirActa(CLAVE, entradas);
    expect(hallazgos).toEqual([]);
    expect(acta!.columnas).toMatchObject({
      fase: 'PUBLICADA',
      secuencia: 7,
      catd: 'M001',
      contabilizada: 1,
      totalVotosCalculado: 40,
      observaciones: null,
      imagenSha256: 'e'.repeat(64),
    });
    expect(acta!.estado).toStrictEqual(reconstruirEstado(eventos));
    expect(acta!.imagenes).toEqual([{ sha256: 'e'.repeat(64), ruta: `ee/${'e'.repeat(64)}.jpg` }]);
    expect(compararConModelo(acta!, filaIntacta(eventos))).toEqual([]);
  });

  it('names exactly the column a row changed, and accepts times in any notation of the same instant', () => {
    const { acta } = reconstruirActa(CLAVE, entradas);
    const fila = filaIntacta(eventos);
    fila.fechaHoraAcopio = new Date(acta!.columnas.fechaHoraAcopio!);
    expect(compararConModelo(acta!, { ...fila, totalVotosCalculado: 41 })).toEqual([
      expect.objectContaining({ tipo: 'DIFERENCIA_CAMPO', claveActa: CLAVE, campo: 'totalVotosCalculado', bitacora: 40, encontrado: 41 }),
    ]);
  });

  it('names every value of the stored state that was changed: a vote moved between columns with the total kept', () => {
    const { acta } = reconstruirActa(CLAVE, entradas);
    const fila = filaIntacta(eventos);
    const estado = fila.estado as { resultado: { datos: Record<string, number> }; capturas: { usuario: string }[] };
    estado.resultado.datos.PAN -= 5;
    estado.resultado.datos.MORENA += 5;
    estado.capturas[1].usuario = 'otro';
    expect(compararConModelo(acta!, fila).map((h) => [h.campo, h.bitacora, h.encontrado])).toEqual([
      ['estado.capturas[1].usuario', 'c2', 'otro'],
      ['estado.resultado.datos.MORENA', 10, 15],
      ['estado.resultado.datos.PAN', 10, 5],
    ]);
  });

  it("flags an atorada mark whose time is not the acta's last change", () => {
    const { acta } = reconstruirActa(CLAVE, entradas);
    const h = compararConModelo(acta!, { ...filaIntacta(eventos), atorada: true, atoradaDesde: new Date() });
    expect(h).toEqual([expect.objectContaining({ campo: 'atoradaDesde', bitacora: null })]);
  });

  it('takes txPublicacion from the entry that published the acta and names a row that moved it to another corte', () => {
    const conTx = entradas.map((e, i) => ({ ...e, txId: 100 + i }));
    const { acta } = reconstruirActa(CLAVE, conTx);
    const publicadora = eventos.findIndex((e) => e.faseNueva === 'PUBLICADA');
    expect(acta!.txPublicacion).toBe(100 + publicadora);
    const fila = { ...filaIntacta(eventos), txPublicacion: String(100 + publicadora) };
    expect(compararConModelo(acta!, fila)).toEqual([]);
    expect(compararConModelo(acta!, { ...fila, txPublicacion: '999' })).toEqual([
      expect.objectContaining({ tipo: 'DIFERENCIA_CAMPO', campo: 'txPublicacion', bitacora: 100 + publicadora, encontrado: 999 }),
    ]);
    expect(compararConModelo(acta!, { ...fila, txPublicacion: null })).toEqual([expect.objectContaining({ campo: 'txPublicacion', encontrado: null })]);
  });

  it('reports a missing entry and an entry whose data no longer matches its hash', () => {
    const sinLaTercera = entradas.filter((_, i) => i !== 2);
    const rota = reconstruirActa(CLAVE, sinLaTercera);
    expect(rota.hallazgos.map((h) => h.tipo)).toContain('CADENA_ROTA');
    expect(rota.acta).toBeNull();
    const alterada = entradas.map((e, i) => (i === 3 ? { ...e, value: e.value.replace('"PAN":10', '"PAN":99') } : e));
    const r = reconstruirActa(CLAVE, alterada);
    expect(r.hallazgos).toEqual(expect.arrayContaining([expect.objectContaining({ tipo: 'ENTRADA_ILEGIBLE', detalle: expect.stringMatching(/sha256Datos/) })]));
  });
});

describe('a CATD correction in the bitácora', () => {
  it('moves the expected row to the corrected CATD', () => {
    const acopio = aplicarComando(
      null,
      { tipo: 'ACOPIO', claveActa: CLAVE, catd: 'M009', usuario: 'aco', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false },
      CTX,
    );
    const correccion = aplicarComando(
      acopio.estado,
      { tipo: 'CORRECCION_CATD', usuario: 'coord', fechaHora: hora(), catd: 'M010', motivo: 'clave mal tecleada', catdCatalogo: 'M010', catdUsuario: 'M010' },
      { ...CTX, rolesUsuario: ['coordinador'] },
    );
    const entradas = [...acopio.eventos, ...correccion.eventos].map(entradaEventoActa);
    const { acta, hallazgos } = reconstruirActa(CLAVE, entradas);
    expect(hallazgos).toEqual([]);
    expect(acta!.columnas).toMatchObject({ fase: 'ACOPIADA', secuencia: 2, catd: 'M010' });
    expect(acta!.estado).toStrictEqual(correccion.estado);
  });
});
