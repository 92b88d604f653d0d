import { PREFIJO_SIN_ACTA, formatearObservaciones } from '@prep/domain';
import type { ActaPlaneada, Comprobacion, PlanSimulacro } from '@prep/simulacro';
import type { ClienteHttp } from './http';

export type { Comprobacion };

interface FilaListado {
  claveActa: string;
  fase: string;
  ronda: number;
  contabilizada: number | null;
  observaciones: string | null;
}

interface Detalle {
  ronda: number;
  verificacion: { rol: string; modo: string } | null;
}

const POR_PAGINA = 500;

export async function todasLasActas(http: ClienteHttp, token: string): Promise<FilaListado[]> {
  const filas: FilaListado[] = [];
  for (let pagina = 1; ; pagina++) {
    const r = await http.pedir<{ total: number; actas: FilaListado[] }>('listar actas', 'GET', `/actas?porPagina=${POR_PAGINA}&pagina=${pagina}`, { token });
    filas.push(...r.cuerpo.actas);
    if (filas.length >= r.cuerpo.total || r.cuerpo.actas.length === 0) return filas;
  }
}

function diferenciaDeResultado(a: ActaPlaneada, f: FilaListado | undefined): string | null {
  if (!f) return `${a.claveActa}: no está en el modelo de lectura (se esperaba ${a.esperado.fase})`;
  if (f.fase !== a.esperado.fase) return `${a.claveActa}: fase ${f.fase}, se esperaba ${a.esperado.fase}`;
  if (f.contabilizada !== a.esperado.contabilizada) return `${a.claveActa}: CONTABILIZADA ${f.contabilizada}, se esperaba ${a.esperado.contabilizada}`;
  const esperadas = a.esperado.observaciones === null ? null : formatearObservaciones(a.esperado.observaciones);
  if (esperadas === null ? !f.observaciones?.startsWith(PREFIJO_SIN_ACTA) : (f.observaciones ?? '') !== esperadas) {
    return `${a.claveActa}: observaciones '${f.observaciones ?? ''}', se esperaba '${esperadas ?? `${PREFIJO_SIN_ACTA} (…)`}'`;
  }
  return null;
}

export async function comprobarContraPlan(http: ClienteHttp, token: string, plan: PlanSimulacro): Promise<Comprobacion> {
  const filas = await todasLasActas(http, token);
  const porClave = new Map(filas.map((f) => [f.claveActa, f]));
  const porFase: Record<string, number> = {};
  const porContabilizada: Record<string, number> = {};
  for (const f of filas) {
    porFase[f.fase] = (porFase[f.fase] ?? 0) + 1;
    const c = String(f.contabilizada ?? '-');
    porContabilizada[c] = (porContabilizada[c] ?? 0) + 1;
  }
  const diferencias: string[] = [];
  for (const a of plan.actas) {
    const d = diferenciaDeResultado(a, porClave.get(a.claveActa));
    if (d) diferencias.push(d);
  }
  const planeadas = new Set(plan.actas.map((a) => a.claveActa));
  for (const f of filas) if (!planeadas.has(f.claveActa)) diferencias.push(`${f.claveActa}: el sistema la tiene y el plan no`);

  const observadas = {
    desempates: 0,
    devueltas: 0,
    escaladas: 0,
    fueraDeCatalogo: 0,
    sinActa: porFase.SIN_ACTA ?? 0,
    contabilizadas: porContabilizada['1'] ?? 0,
  };
  observadas.fueraDeCatalogo = porContabilizada['2'] ?? 0;
  // The decision path is in the acta's detail: read it for the actas whose path the plan shaped.
  const conCamino = plan.actas.filter((a) => a.llega && a.rondas.length && (a.rondas.length > 1 || a.rondas[0].decision !== 'CONFIRMAR'));
  for (const a of conCamino) {
    const r = await http.pedir<Detalle>('detalle de acta', 'GET', `/actas/${a.claveActa}`, { token });
    const v = r.cuerpo.verificacion;
    if (v?.rol === 'coordinador') observadas.escaladas++;
    else if (v?.modo === 'desempate') observadas.desempates++;
    if (r.cuerpo.ronda > 1) observadas.devueltas++;
    const rolEsperado = a.escalada ? 'coordinador' : 'verificador';
    if (v?.rol !== rolEsperado) diferencias.push(`${a.claveActa}: la decidió ${v?.rol ?? 'nadie'}, se esperaba ${rolEsperado}`);
    if (r.cuerpo.ronda !== a.rondas.length) diferencias.push(`${a.claveActa}: terminó en la ronda ${r.cuerpo.ronda}, se esperaba ${a.rondas.length}`);
  }
  return { porFase, porContabilizada, diferencias: diferencias.slice(0, 50), totalDiferencias: diferencias.length, observadas };
}
