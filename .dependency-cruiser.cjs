/**
 * The layering rule of src/mcp (docs/architecture.md), checked on the built JavaScript so only
 * value imports count (type-only imports are erased; decorator metadata imports stay, as they
 * load at run time). `npm test` runs it twice: per file, and with each top-level folder
 * collapsed into one node.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment: 'A lower layer imports a higher one: move the code down, or invert with a port.',
      from: { path: '^dist/src/mcp' },
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      severity: 'error',
      scope: 'folder',
      comment: 'Two folders import each other (value imports): one layer must sit below the other.',
      from: { path: '^dist/src/mcp' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^dist/src/mcp',
    exclude: { path: '\\.spec\\.js$' },
    moduleSystems: ['es6'],
  },
};
