#!/usr/bin/env node
// Runs a TypeScript entry point of this repo without a build step: ts-node in
// transpile-only mode (type checking is `npm run typecheck`'s job) plus the
// tsconfig path aliases. Usage: node scripts/run.js path/to/file.ts [args...]
const path = require('node:path');
const root = path.resolve(__dirname, '..');
require('ts-node').register({
  project: path.join(root, 'tsconfig.json'),
  transpileOnly: true,
  compilerOptions: { module: 'commonjs' },
});
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
require('tsconfig-paths').register({ baseUrl: root, paths: compilerOptions.paths });
const entry = process.argv[2];
if (!entry) {
  console.error('Uso: node scripts/run.js <archivo.ts> [argumentos]');
  process.exit(2);
}
process.argv.splice(1, 1); // make the entry look like argv[1] to the script
require(path.resolve(root, entry));
