import * as fs from 'node:fs';

/** The part of immudb-node's state store this module replaces: where and what it writes. */
export interface AlmacenEstado {
  rootPath: string;
  commit(): void;
  stringifyServers(): string;
}

export interface PersistenciaEstado {
  /** Writes the latest state now (synchronously), after which background writes are dropped. */
  cerrar(): void;
  /** Resolves once no background write is in flight (tests, orderly shutdown). */
  vaciar(): Promise<void>;
}

/**
 * immudb-node writes its trusted state with writeFileSync after every verified call: on a loaded
 * box that blocks the event loop for milliseconds on each bitácora append. Here the write happens in
 * the background, coalesced (while one write runs, later states collapse into one more write), and
 * atomically (a temporary file renamed over the old one, so a crash never leaves half a file).
 * A crash can lose the last few milliseconds of progress: the next start proves consistency from a
 * slightly older trusted state, which is still a prefix of the same history, so nothing it proves is
 * weaker for it.
 */
export function persistirEnSegundoPlano(almacen: AlmacenEstado, alFallar: (err: unknown) => void): PersistenciaEstado {
  const escribirAhora = almacen.commit.bind(almacen);
  let enCurso: Promise<void> | null = null;
  let pendiente = false;
  let cerrado = false;
  const temporal = `${almacen.rootPath}.${process.pid}.tmp`;

  const escribir = async (): Promise<void> => {
    do {
      pendiente = false;
      const datos = almacen.stringifyServers();
      await fs.promises.writeFile(temporal, datos);
      // Closed meanwhile: the final synchronous write holds a newer state than this one.
      if (cerrado) return fs.promises.rm(temporal, { force: true });
      await fs.promises.rename(temporal, almacen.rootPath);
    } while (pendiente && !cerrado);
  };

  almacen.commit = () => {
    if (cerrado) return escribirAhora();
    if (enCurso) {
      pendiente = true;
      return;
    }
    enCurso = escribir()
      .catch(alFallar)
      .finally(() => {
        enCurso = null;
      });
  };

  return {
    cerrar() {
      cerrado = true;
      escribirAhora();
    },
    async vaciar() {
      while (enCurso) await enCurso;
    },
  };
}
