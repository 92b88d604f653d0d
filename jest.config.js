// Two projects: pure unit tests (no services) and integration/e2e tests that
// need the real Temporal, immudb and PostgreSQL started by test/global-setup.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
};

module.exports = {
  // Integration tests drive real servers; a whole acta takes seconds, a worker restart ~15 s.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps,workflows,scripts,docker}/**/*.spec.ts'],
    },
    {
      // The acta workflow on Temporal's time-skipping test server, activities stubbed.
      ...common,
      displayName: 'workflow',
      testMatch: ['<rootDir>/workflows/test/**/*.workflow-spec.ts'],
      globalSetup: '<rootDir>/workflows/test/global-setup.ts',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/bases-propias.ts'],
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
