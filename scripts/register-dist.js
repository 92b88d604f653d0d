// Path aliases for the compiled output in dist/ (node -r ./scripts/register-dist.js dist/...).
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
const paths = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, '.js'))]));
require('tsconfig-paths').register({ baseUrl: path.join(root, 'dist'), paths });
