import { Injectable } from '@nestjs/common';
import { accionesPersonalesProbadas, type AccionPersonalLeida } from '@prep/audit';
import { diferenciasConReferencia, type CompilacionDeReferencia, type DiferenciaCompilacion, type InicioProceso } from '@prep/compilacion';
import { BitacoraService, conPruebas } from '../bitacora/bitacora.service';

export interface ProcesoRevisado extends InicioProceso {
  bitacoraClave: string;
  bitacoraTx: number;
  /** Written to the bitácora at (the key's time); `inicio` is when the process started. */
  registradoEn: string;
  /** null when there is no reference build yet. */
  coincide: boolean | null;
  diferencias: DiferenciaCompilacion[];
}

/**
 * Which builds ran after the puesta en ceros, from the bitácora alone (never from PostgreSQL, which
 * the auditor does not have to trust): the PUESTA_EN_CEROS record's build is the reference, and every
 * later PROCESO_INICIADO is compared with it, each entry re-read with its proof.
 */
@Injectable()
export class CompilacionAuditoriaService {
  constructor(private readonly bitacora: BitacoraService) {}

  async revisar() {
    const bitacora = await this.bitacora.conectar();
    const leidas = await conPruebas(async () => {
      const { txId } = await bitacora.currentServerState();
      return { txId, acciones: await accionesPersonalesProbadas(bitacora, ['PUESTA_EN_CEROS', 'PROCESO_INICIADO'], { sinceTx: txId }) };
    });
    const puesta = leidas.acciones.find((a) => a.accion.tipo === 'PUESTA_EN_CEROS');
    const referencia = puesta ? ((puesta.accion.datos as { compilacion: CompilacionDeReferencia }).compilacion ?? null) : null;
    const iniciados = leidas.acciones.filter((a) => a.accion.tipo === 'PROCESO_INICIADO');
    const procesos = iniciados.filter((a) => !puesta || a.txId > puesta.txId).map((a) => revisado(a, referencia));
    // Processes started before it may still be running (the API that recorded it, for one): compared too, listed apart.
    const previos = puesta ? iniciados.filter((a) => a.txId < puesta.txId).map((a) => revisado(a, referencia)) : [];
    const marcados = procesos.filter((p) => p.coincide === false).length;
    return {
      corteTx: leidas.txId,
      puestaEnCeros: puesta ? { bitacoraClave: puesta.key, bitacoraTx: puesta.txId, realizadaEn: puesta.accion.fechaHora, compilacion: referencia } : null,
      mensaje: !puesta
        ? 'Aún no hay puesta en ceros: no hay compilación de referencia. Se listan todos los procesos registrados, sin compararlos.'
        : mensajeConReferencia(procesos, previos),
      total: procesos.length,
      marcados,
      procesos,
      previos,
    };
  }
}

function revisado(a: AccionPersonalLeida, referencia: CompilacionDeReferencia | null): ProcesoRevisado {
  const datos = a.accion.datos as unknown as InicioProceso;
  const diferencias = referencia ? diferenciasConReferencia(datos.tipo, datos.compilacion, referencia) : [];
  return {
    ...datos,
    bitacoraClave: a.key,
    bitacoraTx: a.txId,
    registradoEn: a.accion.fechaHora,
    coincide: referencia ? diferencias.length === 0 : null,
    diferencias,
  };
}

function mensajeConReferencia(procesos: ProcesoRevisado[], previos: ProcesoRevisado[]): string {
  const distintos = (l: ProcesoRevisado[]) => l.filter((p) => p.coincide === false).length;
  const desde =
    procesos.length === 0
      ? 'Ningún proceso se ha iniciado desde la puesta en ceros.'
      : distintos(procesos) === 0
        ? `Los ${procesos.length} proceso(s) iniciados desde la puesta en ceros corren la compilación registrada en ella.`
        : `${distintos(procesos)} de ${procesos.length} proceso(s) iniciados desde la puesta en ceros NO corren la compilación registrada en ella: revise 'diferencias'.`;
  if (previos.length === 0) return desde;
  const antes =
    distintos(previos) === 0
      ? `Los ${previos.length} iniciados antes (en 'previos') también la corren.`
      : `${distintos(previos)} de los ${previos.length} iniciados antes (en 'previos') NO la corren.`;
  return `${desde} ${antes}`;
}
