/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Pulumi's protobuf runtime reads globals after a test file ends; keep them rather than warn.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testTimeout: 60000,
};
