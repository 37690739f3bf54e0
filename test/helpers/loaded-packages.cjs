// Preloaded with `node -r` by test/unit/packaging/build.test.ts: on exit, prints which npm packages the
// process loaded (from require's cache) as one stderr line `LOADED ["pkg", …]`.
process.on('exit', () => {
  const names = Object.keys(require.cache)
    .map((p) => (/node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(p) || [])[1])
    .filter(Boolean);
  require('node:fs').writeSync(2, `\nLOADED ${JSON.stringify([...new Set(names)])}\n`);
});
