import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IMMUDB_VERSION, REPO_ROOT, TEMPORAL_CLI_VERSION, TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION, TOOLS_BIN } from './config';
import { log } from './proc';

/**
 * Builds the Temporal CLI and the immudb binaries from the Go module proxy into
 * .tools/bin on first use. Binary names carry their version, so changing a pin
 * rebuilds and an existing build is reused across runs (and by CI on this machine).
 */

export const temporalBinary = () => path.join(TOOLS_BIN, `temporal-${TEMPORAL_CLI_VERSION}`);
export const immudbBinary = () => path.join(TOOLS_BIN, `immudb-${IMMUDB_VERSION}`);
export const immuclientBinary = () => path.join(TOOLS_BIN, `immuclient-${IMMUDB_VERSION}`);
export const temporalServerBinary = () => path.join(TOOLS_BIN, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
export const temporalSqlToolBinary = () => path.join(TOOLS_BIN, `temporal-sql-tool-${TEMPORAL_SERVER_VERSION}`);
export const temporalUiBinary = () => path.join(TOOLS_BIN, `temporal-ui-server-${TEMPORAL_UI_VERSION}`);

function goBuild(label: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  log(`compilando ${label} con Go (solo la primera vez; puede tardar varios minutos)…`);
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let downloads = 0;
    let packages = 0;
    let lastLines: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        if (line.startsWith('go: downloading')) downloads++;
        else packages++;
        lastLines = [...lastLines.slice(-30), line];
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      const secs = Math.round((Date.now() - started) / 1000);
      log(`  ${label}: ${secs} s, ${downloads} módulos descargados, ${packages} paquetes compilados…`);
    }, 15_000);
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(new Error(`no se pudo ejecutar 'go' (${err.message}); instale Go ≥ 1.25`));
    });
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) {
        log(`${label} listo en ${Math.round((Date.now() - started) / 1000)} s`);
        resolve();
      } else {
        reject(new Error(`la compilación de ${label} falló (código ${code}):\n${lastLines.join('\n')}`));
      }
    });
  });
}

export async function ensureTemporalCli(): Promise<string> {
  const target = temporalBinary();
  if (fs.existsSync(target)) return target;
  const staging = fs.mkdtempSync(path.join(REPO_ROOT, '.tools', 'gobin-'));
  try {
    // v1.5.1 is the newest CLI release without `replace` directives, so plain
    // `go install pkg@version` works (see ../shared/STACK.md).
    await goBuild(
      `Temporal CLI v${TEMPORAL_CLI_VERSION}`,
      [
        'install',
        '-v',
        '-trimpath',
        `-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
        `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
      ],
      REPO_ROOT,
      { GOBIN: staging },
    );
    fs.mkdirSync(TOOLS_BIN, { recursive: true });
    fs.renameSync(path.join(staging, 'temporal'), target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

export async function ensureImmudb(): Promise<{ server: string; client: string }> {
  const server = immudbBinary();
  const client = immuclientBinary();
  if (fs.existsSync(server) && fs.existsSync(client)) return { server, client };
  // immudb's own go.mod carries `replace` lines, so `go install` refuses it: we
  // build from tools/go/immudb, a module of ours that repeats them.
  const moduleDir = path.join(REPO_ROOT, 'tools', 'go', 'immudb');
  fs.mkdirSync(TOOLS_BIN, { recursive: true });
  for (const [name, target] of [
    ['immudb', server],
    ['immuclient', client],
  ] as const) {
    const tmp = `${target}.partial`;
    const ldflags = `-ldflags=-s -w -X github.com/codenotary/immudb/cmd/version.App=${name} -X github.com/codenotary/immudb/cmd/version.Version=${IMMUDB_VERSION}`;
    await goBuild(`${name} v${IMMUDB_VERSION}`, ['build', '-v', '-trimpath', ldflags, '-o', tmp, `github.com/codenotary/immudb/cmd/${name}`], moduleDir, {});
    fs.renameSync(tmp, target);
  }
  return { server, client };
}

/**
 * `go install pkg@version` of modules without `replace` lines into a staging GOBIN, then renamed to
 * versioned names: several of these commands are called `server`, so a shared GOBIN would mix them.
 */
async function goInstallVersioned(label: string, packages: { pkg: string; installedAs: string; target: string }[]): Promise<void> {
  const staging = fs.mkdtempSync(path.join(REPO_ROOT, '.tools', 'gobin-'));
  try {
    await goBuild(label, ['install', '-v', '-trimpath', '-ldflags=-s -w', ...packages.map((p) => p.pkg)], REPO_ROOT, { GOBIN: staging });
    fs.mkdirSync(TOOLS_BIN, { recursive: true });
    for (const p of packages) fs.renameSync(path.join(staging, p.installedAs), p.target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The Temporal server and its SQL schema tool, for the cluster profile only (never for CI or tests:
 * about 5 minutes of CPU cold). The same server version the dev CLI embeds, so the workflows behave alike.
 */
export async function ensureTemporalServer(): Promise<{ server: string; sqlTool: string }> {
  const server = temporalServerBinary();
  const sqlTool = temporalSqlToolBinary();
  if (fs.existsSync(server) && fs.existsSync(sqlTool)) return { server, sqlTool };
  await goInstallVersioned(`servidor de Temporal v${TEMPORAL_SERVER_VERSION}`, [
    { pkg: `go.temporal.io/server/cmd/server@v${TEMPORAL_SERVER_VERSION}`, installedAs: 'server', target: server },
    { pkg: `go.temporal.io/server/cmd/tools/sql@v${TEMPORAL_SERVER_VERSION}`, installedAs: 'sql', target: sqlTool },
  ]);
  return { server, sqlTool };
}

/** The Temporal Web UI server (the UI's assets are embedded in the module). */
export async function ensureTemporalUi(): Promise<string> {
  const target = temporalUiBinary();
  if (fs.existsSync(target)) return target;
  await goInstallVersioned(`Temporal UI v${TEMPORAL_UI_VERSION}`, [
    { pkg: `github.com/temporalio/ui-server/v2/cmd/server@v${TEMPORAL_UI_VERSION}`, installedAs: 'server', target },
  ]);
  return target;
}
