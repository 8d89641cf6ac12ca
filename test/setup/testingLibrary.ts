/**
 * Every jsdom suite: findBy* and waitFor wait up to 20 s, not testing-library's 1 s. A render or an engine
 * chunk can take over a second on a loaded machine (2 shared cores, CI's parallel workers); a wait that
 * succeeds returns as soon as it does, so only a failing test takes longer.
 */
if (typeof document !== "undefined") {
  // Required here, not imported: node suites never load the DOM library.
  const { configure } = require("@testing-library/dom") as typeof import("@testing-library/dom");
  configure({ asyncUtilTimeout: 20_000 });
}
