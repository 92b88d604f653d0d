import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stackConfig } from './services/config';
import { startImmudb } from './services/immudb';
import { stopPid } from './services/proc';

/**
 * Records one real VerifiableSet answer of three entries (immudb 1.1.0) as the fixture of
 * libs/audit/src/escritura-verificada.spec.ts: `node scripts/run.js scripts/grabar-escritura-verificada.ts`.
 */
async function main() {
  const cfg = stackConfig('test');
  const pid = await startImmudb(cfg);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see libs/audit/src/bitacora-immudb.ts
    const ImmudbClient = require('immudb-node').default;
    const { solicitudEscritura } = await import('../libs/audit/src/escritura-verificada');
    const client = new ImmudbClient({ host: '127.0.0.1', port: String(cfg.ports.immudb), rootPath: path.join(os.tmpdir(), `grabar-${process.pid}.json`) });
    await client.login({ user: 'immudb', password: 'immudb' });
    const db = `fixture${Date.now()}`;
    await client.createDatabase({ databasename: db });
    await client.useDatabase({ databasename: db });
    await client.health();
    for (let i = 0; i < 3; i++) await client.verifiedSet({ key: `previa:${i}`, value: `valor ${i}` });
    const estado = await client.state.get({ databaseName: db, serverName: client._serverUUID, metadata: client._metadata });
    const entradas = [
      { key: 'acta:010001B0100P:0001', value: '{"tipo":"ACTA_ACOPIADA"}' },
      { key: 'acta:010001B0100P:0002', value: '{"tipo":"ACTA_DIGITALIZADA"}' },
      { key: 'acta:010001B0100P:0003', value: '{"tipo":"ACTA_PUBLICADA"}' },
    ];
    const respuesta = await new Promise((resolve, reject) =>
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      client.client.verifiableSet(solicitudEscritura(entradas, estado.getTxid()), client._metadata, (err: Error | null, out: any) =>
        err ? reject(err) : resolve(out),
      ),
    );
    const fixture = {
      entradas,
      confiable: { txId: estado.getTxid(), alh: Buffer.from(estado.getTxhash_asU8()).toString('hex') },
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      respuesta: Buffer.from((respuesta as any).serializeBinary()).toString('base64'),
    };
    const destino = path.join(__dirname, '..', 'libs', 'audit', 'src', 'fixtures', 'escritura-verificada.json');
    fs.writeFileSync(destino, `${JSON.stringify(fixture, null, 1)}\n`);
    console.log(`grabada en ${destino}`);
    client.client.close();
  } finally {
    if (pid) await stopPid(pid, 'immudb');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
