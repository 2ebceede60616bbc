// ESM packages define `const require = createRequire(import.meta.url)`. Once Jest
// has them compiled to CommonJS that declaration shadows the module's own
// `require` before it is initialised, so it is dropped: the CommonJS one does the job.
module.exports = () => ({
  visitor: {
    VariableDeclarator(path) {
      const { id, init } = path.node;
      if (id.type === 'Identifier' && id.name === 'require' && init?.type === 'CallExpression' && init.callee.name === 'createRequire') {
        path.remove();
      }
    },
  },
});
