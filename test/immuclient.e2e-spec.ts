import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLITICA_PREP, iniciarActa } from '@prep/domain';
import { BitacoraImmudb, entradaEventoActa } from '@prep/audit';
import { ensureImmudb } from '../scripts/services/go-build';

/**
 * An auditor does not have to trust our client: immudb's own immuclient, at the pinned
 * version, verifies an entry the project wrote (inclusion and consistency proofs, and the
 * server's signature on its state). It runs against a database of its own, not defaultdb,
 * so the `use` step of the documented procedure is exercised.
 */
const RAIZ = path.resolve(__dirname, '..');
const DB = `${process.env.IMMUDB_DATABASE!}ic`;
const [HOST, PUERTO] = process.env.IMMUDB_ADDRESS!.split(':');

function auditoria(args: string[]): { codigo: number | null; salida: string } {
  const r = spawnSync(process.execPath, [path.join(RAIZ, 'scripts', 'run.js'), 'scripts/auditoria.ts', ...args], {
    cwd: RAIZ,
    env: { ...process.env, IMMUDB_DATABASE: DB },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { codigo: r.status, salida: `${r.stdout}${r.stderr}` };
}

/** The value line safeget prints (`value:\t\t<text> `). */
const valorImpreso = (salida: string) => /^\s*value:\s*(.*?)\s*$/m.exec(salida)?.[1];

describe('immuclient 1.1.0 verifica lo que escribe el PREP', () => {
  let immuclient: string;
  let clave: string;
  let valor: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'prep-immuclient-prueba-'));

  beforeAll(async () => {
    expect(process.env.IMMUDB_CLAVE_PUBLICA).toBeTruthy(); // the test profile's immudb signs its state
    immuclient = (await ensureImmudb()).client;
    const { eventos } = iniciarActa(
      {
        tipo: 'ACOPIO',
        claveActa: '310123B01006',
        catd: 'M001',
        usuario: 'aco1',
        fechaHora: '2027-06-07T02:00:00Z',
        mecanismoTraslado: 'F',
        fueraDeCatalogo: false,
      },
      { politica: DEFAULT_POLITICA_PREP, columnasVoto: ['PAN', 'NO_REGISTRADAS', 'NULOS'] },
    );
    ({ key: clave, value: valor } = entradaEventoActa(eventos[0]));
    const bitacora = await BitacoraImmudb.connect({
      address: process.env.IMMUDB_ADDRESS!,
      user: 'immudb',
      password: 'immudb',
      database: DB,
      stateDir: path.join(process.env.PREP_DATA_DIR!, 'bitacora-state', 'immuclient'),
    });
    try {
      await bitacora.verifiedSet(clave, valor);
      // Later transactions, so the proof immuclient checks is not the trivial one of the last tx.
      await bitacora.verifiedSet('prueba:despues', 'x');
    } finally {
      bitacora.close();
    }
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('la secuencia documentada (login, use, safeget con la clave pública) da verified: true y el mismo valor', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'manual-'));
    const conexion = ['-a', HOST, '-p', PUERTO, '--tokenfile', path.join(dir, 'token')];
    const correr = (args: string[]) => {
      const r = spawnSync(immuclient, args, {
        cwd: dir,
        env: { ...process.env, IMMUCLIENT_PASSWORD: 'immudb' },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      return `${r.stdout}${r.stderr}`;
    };
    expect(correr(['login', 'immudb', ...conexion])).toContain('Successfully logged in');
    expect(correr(['use', DB, ...conexion])).toContain(`Now using ${DB}`);
    const salida = correr(['safeget', clave, ...conexion, '--server-signing-pub-key', process.env.IMMUDB_CLAVE_PUBLICA!]);
    expect(salida).toMatch(/verified:\s+true/);
    expect(valorImpreso(salida)).toBe(valor);
    // Its trusted state goes to the working folder, keyed by the server's UUID.
    expect(fs.readdirSync(dir).some((f) => f.startsWith('.state-'))).toBe(true);
  });

  it('npm run auditoria -- immuclient muestra los comandos que ejecutó y el resultado verificado', () => {
    const r = auditoria(['immuclient', clave]);
    expect(r.codigo).toBe(0);
    expect(r.salida).toMatch(new RegExp(`immuclient login immudb -a ${HOST} -p ${PUERTO} --tokenfile /\\S+/token </dev/null`));
    expect(r.salida).toContain(`immuclient use ${DB} `);
    expect(r.salida).toContain(`immuclient safeget ${clave} `);
    expect(r.salida).toContain(`--server-signing-pub-key ${path.resolve(process.env.IMMUDB_CLAVE_PUBLICA!)}`);
    expect(r.salida).toMatch(/verified:\s+true/);
    expect(valorImpreso(r.salida)).toBe(valor);
    expect(r.salida).not.toMatch(/IMMUCLIENT_PASSWORD=immudb/); // the password is never printed
  });

  it('con una clave pública que no es la del servidor, immuclient reporta que la firma no corresponde', () => {
    const otra = path.join(tmp, 'otra.pub.pem');
    const { publicKey } = generateKeyPairSync('ec', {
      namedCurve: 'prime256v1',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'sec1', format: 'pem' },
    });
    fs.writeFileSync(otra, publicKey);
    const r = auditoria(['immuclient', clave, '--clave-publica', otra]);
    expect(r.salida).toContain("signature doesn't match provided public key");
    expect(r.salida).not.toMatch(/verified:\s+true/);
    expect(r.salida).toContain('NO verificó');
    expect(r.codigo).toBe(1);
  });

  it('una clave que no existe no se da por verificada', () => {
    const r = auditoria(['immuclient', 'acta/310123B01006/000099']);
    expect(r.salida).toContain('key not found');
    expect(r.codigo).toBe(1);
  });
});
