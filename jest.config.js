// Nest 12 ships ES modules. Node 20 can require() them, but Jest's own module
// loader only can on Node >= 24.9, so the ESM packages are compiled to CommonJS
// for the test run (and only for it: the app itself runs on Node's loader).
const esmPackages = ['@nestjs', 'uid', 'es-toolkit'].join('|');

module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['babel-plugin-transform-import-meta', '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
};
