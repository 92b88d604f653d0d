/**
 * Failure drill (tests only, ignored in production): PREP_CAOS_API_SALIR_TRAS_UPDATE=<CLAVE_ACTA>
 * kills this API process right after Temporal applied a staff action on that acta and before the
 * answer (and its Idempotency-Key record) is written: the worst moment for a client's retry.
 */
export function simularCaidaTrasUpdate(claveActa: string): void {
  const caos = process.env.PREP_CAOS_API_SALIR_TRAS_UPDATE;
  if (!caos || process.env.NODE_ENV === 'production' || caos !== claveActa) return;
  process.stderr.write(`[caos] API terminada tras aplicar una acción sobre ${claveActa}, antes de responder\n`);
  process.kill(process.pid, 'SIGKILL');
}
