import * as os from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { BitacoraPersonal, ConexionBitacora, dirEstadoConfiable } from '@prep/audit';
import { loadConfig } from '@prep/config';
import { ErrorDeUso } from '@prep/domain';
import { ormConfig } from '@prep/persistence';

export { ErrorDeUso };

/** An expected refusal from library code: a stable codigo and a Spanish message (DomainError, BitacoraNoDisponibleError…). */
interface Rechazo {
  codigo: string;
  message: string;
  errores?: { campo: string; mensajes: string[] }[];
}

const esRechazo = (err: unknown): err is Rechazo => err instanceof Error && typeof (err as { codigo?: unknown }).codigo === 'string';

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
      if (esRechazo(err)) {
        console.error(`[${nombre}] ${err.message} (${err.codigo})`);
        for (const e of err.errores ?? []) for (const m of e.mensajes) console.error(`  ${e.campo}: ${m}`);
        process.exit(1);
      }
      console.error(`[${nombre}] error: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}

/** Who a CLI action is recorded as when --por is not given: `cli:<operating-system user>`. */
export function quienPorOmision(max: number): string {
  return `cli:${os.userInfo().username}`.slice(0, max);
}

/**
 * The services a CLI action needs: MikroORM on DATABASE_URL and the bitácora writer on IMMUDB_*
 * (the same BitacoraPersonal the API uses, over a connection of the CLI's own). Closes both.
 */
export async function conServicios<T>(f: (s: { orm: MikroORM; bitacoraPersonal: BitacoraPersonal }) => Promise<T>): Promise<T> {
  const cfg = loadConfig();
  const conexion = new ConexionBitacora({
    address: cfg.IMMUDB_ADDRESS,
    user: cfg.IMMUDB_USER,
    password: cfg.IMMUDB_PASSWORD,
    database: cfg.IMMUDB_DATABASE,
    stateDir: dirEstadoConfiable(cfg.PREP_DATA_DIR, 'cli'),
    timeoutMs: 10_000,
  });
  const orm = await MikroORM.init(ormConfig({ databaseUrl: cfg.DATABASE_URL, poolMax: 2 }));
  try {
    return await f({ orm, bitacoraPersonal: new BitacoraPersonal(conexion) });
  } finally {
    await orm.close(true);
    await conexion.cerrar();
  }
}
