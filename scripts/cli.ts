import { HttpException } from '@nestjs/common';

/** Wrong command-line use: answered with the help text and exit code 2. */
export class ErrorDeUso extends Error {}

/**
 * Runs a CLI's main and turns its outcome into an exit code: the number main returns
 * (0 by default), 2 for usage errors, 1 for anything else, with Spanish messages.
 */
export function ejecutarCli(nombre: string, ayuda: string, main: () => Promise<number | void>): void {
  main().then(
    (codigo) => process.exit(codigo ?? 0),
    (err) => {
      const deParseArgs = (err as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS');
      if (err instanceof ErrorDeUso || deParseArgs) {
        // node:util's own messages are in English; say in Spanish what went wrong and keep its detail.
        console.error(`[${nombre}] ${deParseArgs ? `opciones no válidas (${err.message})` : err.message}\n\n${ayuda}`);
        process.exit(2);
      }
      if (err instanceof HttpException) {
        const body = err.getResponse() as { mensaje?: string };
        console.error(`[${nombre}] ${body.mensaje ?? err.message}`);
        process.exit(1);
      }
      console.error(`[${nombre}] error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
