import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { LectorPaquete } from '@prep/audit';

/** An exported bundle read from its folder (the bundle checks themselves are in libs/audit). */
export function lectorDeCarpeta(carpeta: string): LectorPaquete {
  const archivo = (nombre: string) => path.join(carpeta, nombre);
  return {
    async huella(nombre) {
      if (!fs.existsSync(archivo(nombre))) return null;
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const trozo of fs.createReadStream(archivo(nombre))) {
        hash.update(trozo as Buffer);
        bytes += (trozo as Buffer).length;
      }
      return { sha256: hash.digest('hex'), bytes };
    },
    async texto(nombre) {
      return fs.existsSync(archivo(nombre)) ? fs.readFileSync(archivo(nombre), 'utf8') : null;
    },
    async *lineas(nombre) {
      if (!fs.existsSync(archivo(nombre))) return;
      const rl = readline.createInterface({ input: fs.createReadStream(archivo(nombre)), crlfDelay: Infinity });
      yield* rl; // every line, empty ones too: the exporter never writes one, so it is reported
    },
  };
}
