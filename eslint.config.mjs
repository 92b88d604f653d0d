// Lint rules of the project (npm run lint, run by .ci/run). Formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Apps import libs and workflows, never each other; scripts and tests use an app only through its public entry. */
const fronteras = {
  api: {
    files: ['apps/api/**/*.ts'],
    prohibido: ['**/apps/worker/**', '@prep/worker'],
    mensaje: 'apps/api no importa apps/worker: mueva lo compartido a libs/.',
  },
  worker: {
    files: ['apps/worker/**/*.ts'],
    prohibido: ['**/apps/api/**', '@prep/api'],
    mensaje: 'apps/worker no importa apps/api: mueva lo compartido a libs/.',
  },
  libs: {
    files: ['libs/**/*.ts', 'workflows/src/**/*.ts'],
    prohibido: ['**/apps/**', '@prep/api', '@prep/worker'],
    mensaje: 'libs/ y workflows/ no importan apps/.',
  },
  // After `libs`: for the same files the later no-restricted-imports entry replaces the earlier one,
  // so this one repeats the apps ban.
  publicacion: {
    files: ['libs/publicacion/**/*.ts'],
    prohibido: [
      '**/apps/**',
      '@prep/*',
      '!@prep/domain',
      // Its own modules are './x'; anything else goes through '@prep/domain'.
      '../**',
      'fs',
      'fs/*',
      'node:fs',
      'node:fs/*',
      'immudb-node',
      'pg',
      '@mikro-orm/*',
      '@temporalio/*',
    ],
    mensaje:
      'libs/publicacion es pura: solo importa @prep/domain, csv-stringify, csv-parse, canonicalize y node:stream/crypto (sin fs, base de datos ni immudb).',
  },
  reportes: {
    files: ['libs/reportes/**/*.ts'],
    prohibido: ['**/apps/**', '@prep/*', '!@prep/domain', '../**', 'fs', 'fs/*', 'node:*', 'immudb-node', 'pg', '@mikro-orm/*', '@temporalio/*', 'undici'],
    mensaje: 'libs/reportes es pura: solo importa @prep/domain, echarts y csv-stringify (da forma a cifras ya leídas; sin E/S).',
  },
  simulacro: {
    files: ['libs/simulacro/**/*.ts'],
    prohibido: [
      '**/apps/**',
      '@prep/*',
      '!@prep/domain',
      '!@prep/reportes',
      '../**',
      'fs',
      'fs/*',
      'node:*',
      'immudb-node',
      'pg',
      '@mikro-orm/*',
      '@temporalio/*',
      'undici',
    ],
    mensaje: 'libs/simulacro es pura: solo importa @prep/domain y @prep/reportes (el plan y el informe del simulacro no hacen E/S).',
  },
  bench: {
    files: ['libs/bench/**/*.ts'],
    prohibido: [
      '**/apps/**',
      '@prep/*',
      '!@prep/domain',
      '!@prep/simulacro',
      '../**',
      'fs',
      'fs/*',
      'node:*',
      'immudb-node',
      'pg',
      '@mikro-orm/*',
      '@temporalio/*',
      'undici',
    ],
    mensaje:
      'libs/bench es pura: solo importa @prep/domain y @prep/simulacro (cuentas y tablas del benchmark; /proc y los servicios se leen en scripts/bench).',
  },
  fuera: {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'workflows/test/**/*.ts'],
    prohibido: ['**/apps/*/src/**'],
    mensaje: 'scripts/ y test/ no entran en apps/*/src: use libs/ o la entrada pública de la app (@prep/api, @prep/worker).',
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'coverage/**', 'bench/resultados/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Nest and MikroORM need empty classes and interfaces merged with decorators.
      '@typescript-eslint/no-extraneous-class': 'off',
      // It does not see values used only in parameter decorators (e.g. @Param('id', pipe)).
      'no-useless-assignment': 'off',
    },
  },
  ...Object.values(fronteras).map(({ files, prohibido, mensaje }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: prohibido, message: mensaje }] }] },
  })),
);
