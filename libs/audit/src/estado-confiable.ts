import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where a client of the bitácora keeps the immudb state it trusts. Each client (api, worker,
 * auditoria, cli) has its own folder because each verifies consistency from its own last view.
 *
 * Before the code settled on one word the folder was `ledger-state`; a trusted state is the whole
 * point of the check, so an existing one is moved, never silently replaced by a fresh one.
 */
export function dirEstadoConfiable(dataDir: string, cliente: string): string {
  const dir = path.join(dataDir, 'bitacora-state', cliente);
  const anterior = path.join(dataDir, 'ledger-state', cliente);
  if (!fs.existsSync(dir) && fs.existsSync(anterior)) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    fs.renameSync(anterior, dir);
  }
  return dir;
}
