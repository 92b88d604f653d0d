import { crearPolitica } from '@prep/domain';
import { escenario } from './actas-prueba';
import { resumenCorte } from './resumen';

/** The test's own truncation (number arithmetic, small values), independent of porcentajeTruncado. */
function pct(n: number, d: number): string {
  const diezmilesimas = Math.floor((n * 1_000_000) / d);
  return `${Math.floor(diezmilesimas / 10_000)}.${String(diezmilesimas % 10_000).padStart(4, '0')}`;
}

describe('resumenCorte', () => {
  const e = escenario();
  const entrada = { catalogo: e.catalogo, tipoActa: '6', actas: e.estados, instante: e.instante, politica: e.politica, final: false };

  it('computes the 13 columns from the published actas of the election only', () => {
    // By hand: 9 casillas in the catálogo; published in election 6: normal (045B), ilegible (120B),
    // excede (120C), especial (045S), extraordinaria (045E), SIN ACTA (301B) and one fuera de catálogo.
    // Not published: 300B (in captura). Election 5's acta of 045B never counts here.
    const votos = { normal: 202, ilegible: 57, especial: 300, extraordinaria: 133 };
    const ln = 600 + 500 + 0 + 300; // casillas 045B, 120B, 045S, 045E
    const sCs = votos.normal + votos.ilegible + votos.extraordinaria;
    expect(resumenCorte(entrada)).toEqual({
      ACTAS_ESPERADAS: 9,
      ACTAS_REGISTRADAS: 7,
      ACTAS_FUERA_CATALOGO: 1,
      ACTAS_CAPTURADAS: 6,
      PORCENTAJE_ACTAS_CAPTURADAS: pct(6, 9),
      ACTAS_CONTABILIZADAS: 4,
      PORCENTAJE_ACTAS_CONTABILIZADAS: pct(4, 9),
      // ilegible + sin dato, excede, SIN ACTA; not the fuera de catálogo one.
      PORCENTAJE_ACTAS_INCONSISTENCIAS: pct(3, 9),
      ACTAS_NO_CONTABILIZADAS: 2,
      LISTA_NOMINAL_ACTAS_CONTABILIZADAS: ln,
      TOTAL_VOTOS_C_CS: sCs + votos.especial,
      TOTAL_VOTOS_S_CS: sCs,
      PORCENTAJE_PARTICIPACION_CIUDADANA: pct(sCs, ln),
    });
    expect(pct(6, 9)).toBe('66.6666');
    expect(pct(sCs, ln)).toBe('28.0000');
  });

  it('uses C_CS for participación only at the final corte and only when the policy says so', () => {
    const ln = 1400;
    const cCs = 692;
    const cCsPolitica = crearPolitica({ participacionFinal: 'C_CS' });
    expect(resumenCorte({ ...entrada, politica: cCsPolitica, final: true }).PORCENTAJE_PARTICIPACION_CIUDADANA).toBe(pct(cCs, ln));
    expect(pct(cCs, ln)).toBe('49.4285'); // 49.428571… truncated
    expect(resumenCorte({ ...entrada, politica: cCsPolitica, final: false }).PORCENTAJE_PARTICIPACION_CIUDADANA).toBe('28.0000');
    expect(resumenCorte({ ...entrada, final: true }).PORCENTAJE_PARTICIPACION_CIUDADANA).toBe('28.0000');
  });

  it('gives 0.0000 percentages when nothing is published yet', () => {
    const r = resumenCorte({ ...entrada, actas: [] });
    expect(r.ACTAS_ESPERADAS).toBe(9);
    expect(r.PORCENTAJE_ACTAS_CAPTURADAS).toBe('0.0000');
    expect(r.PORCENTAJE_PARTICIPACION_CIUDADANA).toBe('0.0000');
  });

  it('counts election 5 on its own', () => {
    const r = resumenCorte({ ...entrada, tipoActa: '5' });
    expect(r).toMatchObject({
      ACTAS_ESPERADAS: 9,
      ACTAS_CAPTURADAS: 1,
      ACTAS_CONTABILIZADAS: 1,
      TOTAL_VOTOS_C_CS: 61,
      LISTA_NOMINAL_ACTAS_CONTABILIZADAS: 600,
    });
  });

  it('refuses an election the catálogo does not have, an acta given twice and a bad instante', () => {
    expect(() => resumenCorte({ ...entrada, tipoActa: '7' })).toThrow(/tipo de acta "7".*5 \(DIPUTACIONES LOCALES MR\), 6 \(AYUNTAMIENTOS\)/);
    expect(() => resumenCorte({ ...entrada, actas: [...e.estados, e.actas.normal.final] })).toThrow(/140045B01006 viene dos veces/);
    expect(() => resumenCorte({ ...entrada, instante: '2027-06-07 03:30' })).toThrow(/ISO 8601/);
    // A corte built against another catálogo: a counted acta whose casilla it lacks.
    const sinCasilla = { ...e.catalogo, casillas: e.catalogo.casillas.filter((c) => c.seccion !== 45) };
    expect(() => resumenCorte({ ...entrada, catalogo: sinCasilla })).toThrow(/140045B01006 no está en el catálogo.*¿es el catálogo de este corte\?/);
  });
});
