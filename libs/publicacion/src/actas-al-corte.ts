/** The actas a corte published, rebuilt from the bitácora alone up to the corte's transaction. */
import { aplicarEvento, type EstadoActa, type EventoActa } from '@prep/domain';
import { esPublicable } from './entrada';

/** One bitácora entry of an acta and the immudb transaction that wrote it. */
export interface EntradaEventoCorte {
  evento: EventoActa;
  txId: number;
}

/**
 * Folds each acta's events written at or before `txCorte` (the transaction the corte's state was
 * signed at) with the domain's own fold (aplicarEvento, the chain rule included) and returns the
 * actas PUBLICADA or SIN_ACTA at that point, sorted by CLAVE_ACTA. Events may come in any order;
 * an event written after txCorte never counts, even if its acta was published before. Throws
 * CadenaRotaError (from libs/domain) when an acta's events up to txCorte do not form a chain.
 */
export function actasAlCorte(entradas: readonly EntradaEventoCorte[], txCorte: number): EstadoActa[] {
  const porActa = new Map<string, EventoActa[]>();
  for (const { evento, txId } of entradas) {
    if (txId > txCorte) continue;
    const lista = porActa.get(evento.claveActa);
    if (lista) lista.push(evento);
    else porActa.set(evento.claveActa, [evento]);
  }
  const actas: EstadoActa[] = [];
  for (const clave of [...porActa.keys()].sort()) {
    const eventos = porActa.get(clave)!.sort((a, b) => a.secuencia - b.secuencia);
    let estado: EstadoActa | null = null;
    for (const e of eventos) estado = aplicarEvento(estado, e);
    if (estado && esPublicable(estado)) actas.push(estado);
  }
  return actas;
}
