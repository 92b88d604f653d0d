import { aplicarComando, camposDeActa, DEFAULT_POLITICA_PREP, type ComandoActa, type ContextoActa, type EventoActa } from '@prep/domain';
import { entradaEventoActa } from './esquema';
import { compararConModelo, reconstruirActa } from './verificacion';

const COLS = ['PAN', 'MORENA', 'NO_REGISTRADAS', 'NULOS'];
const CTX: ContextoActa = { politica: DEFAULT_POLITICA_PREP, columnasVoto: COLS, casilla: { tipo: 'B', listaNominal: 400, representantes: 4 } };
const CLAVE = '141234B01005';
let s = 0;
const hora = () => new Date(Date.UTC(2027, 5, 6, 20, 0, s++)).toISOString();
const datos = Object.fromEntries(camposDeActa(COLS).map((c) => [c, 10]));

function eventosPublicada(): EventoActa[] {
  const comandos: ComandoActa[] = [
    { tipo: 'ACOPIO', claveActa: CLAVE, catd: 'M001', usuario: 'aco', fechaHora: hora(), mecanismoTraslado: 'F', fueraDeCatalogo: false },
    { tipo: 'DIGITALIZACION', usuario: 'dig', fechaHora: hora(), sha256: 'e'.repeat(64), origen: 'CATD', medio: 'ESCANER', ruta: `ee/${'e'.repeat(64)}.jpg`, catd: 'M001' },
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

describe('cross-check of the read model against the ledger', () => {
  const entradas = eventosPublicada().map(entradaEventoActa);

  it('derives the published row from the ledger alone', () => {
    const { acta, hallazgos } = reconstruirActa(CLAVE, entradas);
    expect(hallazgos).toEqual([]);
    expect(acta).toMatchObject({ fase: 'PUBLICADA', secuencia: 7, catd: 'M001', contabilizada: 1, totalVotosCalculado: 40, observaciones: null, imagenSha256: 'e'.repeat(64) });
    expect(acta!.imagenes).toEqual([{ sha256: 'e'.repeat(64), ruta: `ee/${'e'.repeat(64)}.jpg` }]);
  });

  it('names exactly the field a row changed', () => {
    const { acta } = reconstruirActa(CLAVE, entradas);
    const fila = { fase: 'PUBLICADA', secuencia: 7, catd: 'M001', fueraDeCatalogo: false, contabilizada: 1, totalVotosCalculado: 41, observaciones: null, imagenSha256: 'e'.repeat(64) };
    expect(compararConModelo(acta!, fila)).toEqual([
      expect.objectContaining({ tipo: 'DIFERENCIA_CAMPO', claveActa: CLAVE, campo: 'totalVotosCalculado', bitacora: 40, encontrado: 41 }),
    ]);
  });

  it('reports a missing entry and an entry whose data no longer matches its hash', () => {
    const sinLaTercera = entradas.filter((_, i) => i !== 2);
    expect(reconstruirActa(CLAVE, sinLaTercera).hallazgos.map((h) => h.tipo)).toContain('CADENA_ROTA');
    const alterada = entradas.map((e, i) => (i === 3 ? { ...e, value: e.value.replace('"PAN":10', '"PAN":99') } : e));
    const r = reconstruirActa(CLAVE, alterada);
    expect(r.hallazgos).toEqual(expect.arrayContaining([expect.objectContaining({ tipo: 'ENTRADA_ILEGIBLE', detalle: expect.stringMatching(/sha256Datos/) })]));
  });
});
