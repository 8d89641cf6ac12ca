#!/usr/bin/env node
// Thin launcher: the CLI is compiled to lib/ by `npm ci` (the prepare script) or `npm run build:cli`.
// A closed pipe (`mtfs-benefits … | head`) is a normal way to stop reading, not an error.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});
require("../lib/cli/index.js")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
