/** A verified read or write whose cryptographic proof did not hold. */
export class BitacoraNoVerificableError extends Error {
  constructor(operation: string, detail?: string) {
    super(
      `La verificación criptográfica de immudb falló en ${operation}: el estado confiable del cliente no pertenece ` +
        `al historial del servidor (historial alterado, revertido o bifurcado)${detail ? ` — ${detail}` : ''}`,
    );
    this.name = 'BitacoraNoVerificableError';
  }
}

export class BitacoraInaccesibleError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`immudb no respondió a ${operation}: ${describirError(cause)}`);
    this.name = 'BitacoraInaccesibleError';
  }
}

export function describirError(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err === undefined || err === null) return 'sin detalle';
  return String(err);
}
