import { construirInforme, construirInformeFallas, htmlInforme, tablaFallas, type ReporteFalla } from './index';
import { reportesDeEjemplo, resumenDeEjemplo } from './informe-ejemplo';

const falla = (p: Partial<ReporteFalla>): ReporteFalla => ({
  falla: 'immudb',
  descripcion: 'immudb detenido 30 s',
  estado: 'hecho',
  detalle: null,
  enVueloAlInyectar: 34,
  completadas: 30,
  caidaSegundos: 30.4,
  primeraAccionSegundos: 1.2,
  drenadoSegundos: 41.5,
  respuestas503: { BITACORA_NO_DISPONIBLE: 57, SIN_CONEXION: 2 },
  apiSanaSinReinicio: true,
  notas: [],
  ...p,
});

describe('informe de fallas', () => {
  it('is clean only when every drill recovered and the full check and the plan check are clean', () => {
    const r = resumenDeEjemplo();
    expect(construirInformeFallas([falla({})], r.verificacion, r.comprobacion).limpio).toBe(true);
    expect(construirInformeFallas([falla({ estado: 'fallido', detalle: 'sin recuperación en 240 s' })], r.verificacion, r.comprobacion).limpio).toBe(false);
    expect(construirInformeFallas([falla({})], { ...r.verificacion!, ok: false, hallazgos: 1 }, r.comprobacion).limpio).toBe(false);
    expect(construirInformeFallas([falla({})], r.verificacion, { ...r.comprobacion!, totalDiferencias: 1 }).limpio).toBe(false);
    // An omitted drill (the API hook) does not make the run dirty.
    expect(construirInformeFallas([falla({}), falla({ falla: 'api', estado: 'omitido' })], r.verificacion, r.comprobacion).limpio).toBe(true);
  });

  it('prints one Spanish row per drill, the 503s by código and the auditor verdict', () => {
    const r = resumenDeEjemplo();
    const t = tablaFallas(
      construirInformeFallas(
        [falla({}), falla({ falla: 'api', descripcion: 'API terminada', estado: 'omitido', detalle: 'pendiente' })],
        r.verificacion,
        r.comprobacion,
      ),
    );
    expect(t).toMatch(/immudb detenido 30 s\s+hecho\s+34\s+30\s+30\.4\s+1\.2\s+41\.5\s+sí\s+57 BITACORA_NO_DISPONIBLE, 2 SIN_CONEXION/);
    expect(t).toContain('api: pendiente');
    expect(t).toMatch(/Verificación completa del auditor: LIMPIA/);
    expect(t).toContain('Resultado: LIMPIO');
  });

  it('adds a section to the informe de simulacro when the night had drills, and none otherwise', () => {
    const generadoEn = new Date('2027-05-30T01:13:05.000Z');
    const con = { ...resumenDeEjemplo(), fallas: [falla({ notas: ['el segundo worker siguió solo'] })] };
    const html = htmlInforme(construirInforme({ resumen: con, reportes: reportesDeEjemplo(), generadoEn, zonaPublicacion: 'UTC-6' }));
    expect(html).toContain('<section id="fallas"><h2>Simulacros de fallas</h2>');
    expect(html).toContain('57 BITACORA_NO_DISPONIBLE, 2 SIN_CONEXION');
    const sin = htmlInforme(construirInforme({ resumen: resumenDeEjemplo(), reportes: reportesDeEjemplo(), generadoEn, zonaPublicacion: 'UTC-6' }));
    expect(sin).not.toContain('id="fallas"');
  });
});
