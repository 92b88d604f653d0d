import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, TOOLS_BIN } from './config';
import { log } from './proc';

/**
 * Temporal's time-skipping test server (Java, from Maven Central) for the workflow tests. The
 * SDK would download a native build at test time, which this network refuses, so we resolve the
 * jars once with Maven into .tools and give the SDK a small launcher script instead.
 */
export const TEMPORAL_TEST_SERVER_VERSION = '1.31.0';

const pom = () => path.join(REPO_ROOT, 'tools', 'maven', 'temporal-test-server', 'pom.xml');
export const temporalTestServerLauncher = () => path.join(TOOLS_BIN, `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`);

function ejecutar(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let salida = '';
    child.stdout.on('data', (d) => (salida = (salida + d).slice(-4000)));
    child.stderr.on('data', (d) => (salida = (salida + d).slice(-4000)));
    child.on('error', (err) => reject(new Error(`no se pudo ejecutar '${cmd}' (${err.message}); instale Maven y un JDK ≥ 17 (apt-get install maven)`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`'${cmd} ${args.join(' ')}' falló (código ${code}):\n${salida}`))));
  });
}

/** Path of an executable that starts the test server: `<launcher> <port> [args…]`. */
export async function ensureTemporalTestServer(): Promise<string> {
  const launcher = temporalTestServerLauncher();
  if (fs.existsSync(launcher)) return launcher;
  const lib = path.join(REPO_ROOT, '.tools', `temporal-test-server-${TEMPORAL_TEST_SERVER_VERSION}`, 'lib');
  const staging = `${lib}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  const inicio = Date.now();
  log(`descargando el servidor de pruebas de Temporal ${TEMPORAL_TEST_SERVER_VERSION} con Maven (solo la primera vez)…`);
  await ejecutar('mvn', ['-q', '-B', '-f', pom(), 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`]);
  fs.rmSync(lib, { recursive: true, force: true });
  fs.renameSync(staging, lib);
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  // The SDK passes the port first; time skipping is what these tests need it for.
  const script = `#!/bin/sh\nexec java -cp '${lib}/*' io.temporal.testserver.TestServer "$@" --enable-time-skipping\n`;
  fs.writeFileSync(`${launcher}.partial`, script, { mode: 0o755 });
  fs.renameSync(`${launcher}.partial`, launcher);
  log(`servidor de pruebas de Temporal listo en ${Math.round((Date.now() - inicio) / 1000)} s`);
  return launcher;
}
