/**
 * When the catálogo may no longer change. Actas are acopiadas, counted and published against the
 * catálogo in force: replacing it afterwards would silently change which actas are esperadas, which
 * are fuera de catálogo and which CATD owns each. So once the operation has started, a load is
 * refused, from the API and the CLI alike (both load through cargarCatalogo).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, rechazo } from '@prep/domain';

export const CATALOGO_CONGELADO = 'CATALOGO_CONGELADO';

/** One reason the catálogo is frozen: returns a Spanish description of the fact, or null. */
export type MotivoCongelamiento = (tx: EntityManager) => Promise<string | null>;

/** The first acta registered (any acopio, fuera de catálogo included, or a SIN ACTA of the cierre). */
export const hayActas: MotivoCongelamiento = async (tx) => {
  const [fila] = await tx.execute<{ clave_acta: string }[]>('select clave_acta from acta limit 1');
  return fila ? `ya hay actas registradas (por ejemplo ${fila.clave_acta})` : null;
};

/**
 * The recorded puesta en ceros: the notary and the ente auditor witnessed this catálogo's SHA-256
 * with an empty system, so changing it afterwards would void what they signed.
 */
export const hayPuestaEnCeros: MotivoCongelamiento = async (tx) => {
  const [fila] = await tx.execute<{ realizada_en: Date | string }[]>('select realizada_en from puesta_en_ceros limit 1');
  return fila ? `la puesta en ceros ya se realizó (${new Date(fila.realizada_en).toISOString()}) y su acta registra el catálogo vigente` : null;
};

/** Every reason, checked in order; both entry points (API and CLI) obey each. */
export const MOTIVOS_CONGELAMIENTO: readonly MotivoCongelamiento[] = [hayActas, hayPuestaEnCeros];

/** Throws DomainError CATALOGO_CONGELADO (409) when any reason holds. Call it under the load's lock. */
export async function exigirCatalogoAbierto(tx: EntityManager, motivos: readonly MotivoCongelamiento[] = MOTIVOS_CONGELAMIENTO): Promise<void> {
  for (const motivo of motivos) {
    const porque = await motivo(tx);
    if (porque) {
      throw new DomainError(
        rechazo(
          CATALOGO_CONGELADO,
          `El catálogo ya no puede cambiarse: ${porque}. Una vez iniciada la operación las actas esperadas, ` +
            'las fuera de catálogo y el CATD de cada casilla quedan fijos. Si el catálogo vigente tiene un error, ' +
            'documéntelo como incidente; para ensayar con otro catálogo use una base de datos nueva.',
          409,
        ),
      );
    }
  }
}
