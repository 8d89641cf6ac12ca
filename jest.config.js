/** Jest runs every test under test/ through ts-jest; browser tests (e2e/) run separately under Playwright. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }],
  },
  moduleFileExtensions: ["ts", "tsx", "js", "json"],
  testTimeout: 120000,
  // Two workers on a 2-core machine (Jest's default is cores − 1, one): much of a suite's time is spent waiting
  // on LibreOffice, Chromium or the CLI in child processes, which the other worker fills. The suites are safe
  // side by side: every soffice has its own profile and pipe, temp files come from mkdtemp, servers take a
  // free port, and the one build written during tests (lib/, test/cli/buildCli.ts) replaces files whole.
  maxWorkers: 2,
  // jsdom suites name `@jest-environment ./test/setup/jsdomEnvironment.js` (jsdom with a faster, equivalent
  // style cascade: Fluent's CSS made getByRole/getByLabelText most of their time), not plain `jsdom`.
  // jsdom suites: findBy*/waitFor wait 20 s, as a loaded machine needs (test/setup/testingLibrary.ts).
  setupFilesAfterEnv: ["<rootDir>/test/setup/testingLibrary.ts"],
  // Shake mode only (scripts/shake.sh): fast-check at a chosen seed and more runs.
  ...(process.env.FC_SHAKE
    ? { moduleNameMapper: { "^fast-check$": "<rootDir>/test/setup/fastCheckShake.ts" } }
    : {}),
};
