// Nest 12 ships ES modules. Node 20 can require() them, but Jest's own module
// loader only can on Node >= 24.9, so the ESM packages are compiled to CommonJS
// for the test run (and only for it: the app itself runs on Node's loader).
const esmPackages = ['@nestjs', '@electric-sql', 'jose'].join('|');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.[mc]?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [require.resolve('./test/support/babel-drop-create-require.js'), 'babel-plugin-transform-import-meta', '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // One worker: the suites share one PostgreSQL database, and each embedded one takes ~300 MB.
  maxWorkers: 1,
  testTimeout: 30000,
  // A failed suite can leave an app's worker timers running; Jest would then wait for them without
  // end (a CI run once timed out so). The failure is still reported; only the wait is cut.
  forceExit: true,
};
