import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The build configuration's promises: three entries, metadata from functions.ts, pages and their chunks, HTTPS-only dev server. */
const root = path.join(__dirname, "..", "..");
const makeConfig = require(path.join(root, "webpack.config.js"));
const { devHttpsOptions } = makeConfig;

interface FakeCerts {
  readonly calls: string[];
  verifyCertificates(): boolean;
  getHttpsServerOptions(): Promise<{ key: string; cert: string; ca: string }>;
}

/**
 * office-addin-dev-certs as webpack.config.js sees it (one mock for the file; each test sets its behaviour):
 * whether a trusted certificate is installed, and what getHttpsServerOptions gives or throws. Records the calls.
 */
let current: FakeCerts;
jest.mock("office-addin-dev-certs", () => ({
  verifyCertificates: () => current.verifyCertificates(),
  getHttpsServerOptions: () => current.getHttpsServerOptions(),
}));

function fakeCerts(installed: boolean, installError?: Error): FakeCerts {
  const calls: string[] = [];
  current = {
    calls,
    verifyCertificates: () => (calls.push("verifyCertificates"), installed),
    getHttpsServerOptions: async () => {
      calls.push("getHttpsServerOptions");
      if (installError) throw installError;
      return { key: "k", cert: "c", ca: "a" };
    },
  };
  return current;
}

/** Runs fn as if in an interactive terminal (someone can answer an install prompt) or not (CI, a pipe). */
async function inTerminal<T>(interactive: boolean, fn: () => Promise<T>): Promise<T> {
  const tty = Object.getOwnPropertyDescriptor(process.stdin, "isTTY");
  const ci = process.env.CI;
  Object.defineProperty(process.stdin, "isTTY", { value: interactive, configurable: true });
  if (interactive) delete process.env.CI;
  try {
    return await fn();
  } finally {
    if (tty) Object.defineProperty(process.stdin, "isTTY", tty);
    else delete (process.stdin as { isTTY?: boolean }).isTTY;
    if (ci !== undefined) process.env.CI = ci;
  }
}

// The dev-certificate folder override is for the one test that sets it.
const certsDirOverride = process.env.MTFS_DEV_CERTS_DIR;
beforeEach(() => delete process.env.MTFS_DEV_CERTS_DIR);
afterAll(() => {
  if (certsDirOverride !== undefined) process.env.MTFS_DEV_CERTS_DIR = certsDirOverride;
});
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

async function withCertsDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.MTFS_DEV_CERTS_DIR;
  process.env.MTFS_DEV_CERTS_DIR = dir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.MTFS_DEV_CERTS_DIR;
    else process.env.MTFS_DEV_CERTS_DIR = saved;
  }
}

describe("webpack.config.js", () => {
  const prod = makeConfig({}, { mode: "production" });

  it("bundles functions, taskpane and standalone into dist/ without source maps in production", () => {
    expect(Object.keys(prod.entry).sort()).toEqual(["functions", "standalone", "taskpane"]);
    expect(prod.entry.functions.import).toBe(path.join(root, "src", "functions", "index.ts"));
    expect(prod.output.path).toBe(path.join(root, "dist"));
    expect(prod.devtool).toBe(false);
  });

  it("leaves the formats' docs text out of functions.js only: the taskpane shows it as field hints", () => {
    const { docsTextTransformer } = require(path.join(root, "scripts", "docsTextTransformer.js"));
    expect(prod.entry.functions.layer).toBe("functions");
    const [forFunctions, forTheRest] = prod.module.rules[0].oneOf
      .filter((r: any) => r.use?.loader === "ts-loader")
      .map((r: any) => ({ issuerLayer: r.issuerLayer, options: r.use.options }));
    expect(forFunctions.issuerLayer).toBe("functions");
    expect(forFunctions.options.getCustomTransformers().before).toEqual([docsTextTransformer]);
    expect(forTheRest.issuerLayer).toBeUndefined();
    expect(forTheRest.options.getCustomTransformers().before).toEqual([]);
    // ts-loader keeps one compiler per instance name: a shared one would strip the taskpane's hints too.
    expect(forFunctions.options.instance).not.toBe(forTheRest.options.instance);
  });

  it("generates functions.json from functions.ts", () => {
    const plugin = prod.plugins.find((p: any) => p instanceof CustomFunctionsMetadataPlugin);
    expect(plugin.options).toEqual({
      output: "functions.json",
      input: path.join(root, "src", "functions", "functions.ts"),
    });
  });

  it("loads functions then taskpane in taskpane.html, and only the standalone bundle in standalone.html", () => {
    const pages = prod.plugins
      .filter((p: any) => p instanceof HtmlWebpackPlugin)
      .map((p: any) => p.userOptions);
    expect(pages.map((o: any) => [o.filename, o.chunks])).toEqual([
      ["taskpane.html", ["functions", "taskpane"]],
      ["standalone.html", ["standalone"]],
    ]);
  });

  it("loads Office.js before the bundles on the shared-runtime page (it defines Office and CustomFunctions)", () => {
    const html = fs.readFileSync(path.join(root, "src", "taskpane", "taskpane.html"), "utf8");
    // The one script in <head>: Microsoft's CDN by default, or the bundled copy (deployBuild.test.ts).
    expect(html).toMatch(/<head>[\s\S]*<script[^>]+src="<%= officeJs %>"[\s\S]*<\/head>/);
    const page = prod.plugins.find((p: any) => p instanceof HtmlWebpackPlugin).userOptions;
    expect(page.templateParameters).toEqual({
      officeJs: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    });
    expect(html).toContain('<div id="root">');
    // HtmlWebpackPlugin injects the bundles as deferred scripts, which run after this parser-blocking one.
    expect(page.scriptLoading).toBeUndefined();
  });

  it("refuses an unknown officeJs option with a message naming it", () => {
    expect(() => makeConfig({ officeJs: "local" }, { mode: "production" })).toThrow(
      'mtfs-benefits build: officeJs: must be "cdn" or "bundled", got "local"',
    );
  });

  it("builds without any certificate, and the build's dev-server block has no server type of its own", () => {
    const certs = fakeCerts(true);
    const config = makeConfig({}, { mode: "development" });
    expect(config.devServer.server).toBeUndefined();
    expect(typeof config.then).toBe("undefined");
    expect(certs.calls).toEqual([]);
  });

  it("serves the add-in over HTTPS on port 3000 with the certificates office-addin-dev-certs gives", async () => {
    const certs = fakeCerts(true);
    const served = await makeConfig({ WEBPACK_SERVE: true }, { mode: "development" });
    expect(served.devServer.port).toBe(3000);
    expect(served.devServer.server).toEqual({ type: "https", options: { key: "k", cert: "c", ca: "a" } });
    expect(certs.calls).toEqual(["verifyCertificates", "getHttpsServerOptions"]);
  });

  it("fails with the fix, instead of falling back to HTTP, when there is no certificate and nobody to install one", async () => {
    const certs = fakeCerts(false);
    const failure = inTerminal(false, () => makeConfig({ WEBPACK_SERVE: true }, { mode: "development" }));
    await expect(failure).rejects.toThrow(/HTTPS only[\s\S]*`npx office-addin-dev-certs install`/);
    await expect(failure).rejects.toThrow(/npm run serve:standalone/);
    // Never tries to install (sudo, a trust prompt) where no one can answer.
    expect(certs.calls).toEqual(["verifyCertificates"]);
  });

  it("offers to install the certificate in an interactive terminal, and reports a failed install the same way", async () => {
    const certs = fakeCerts(
      false,
      new Error("Unable to install the CA certificate. sudo: a password is required\nmore"),
    );
    await expect(inTerminal(true, () => devHttpsOptions(certs))).rejects.toThrow(
      /\(Unable to install the CA certificate\. sudo: a password is required\)\. Install one once with `npx office-addin-dev-certs install`/,
    );
    expect(certs.calls).toEqual(["verifyCertificates", "getHttpsServerOptions"]);
  });

  it("reads key, certificate and CA from MTFS_DEV_CERTS_DIR when set, and names a missing file", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-home-"));
    try {
      await expect(withCertsDir(home, () => devHttpsOptions(fakeCerts(true)))).rejects.toThrow(
        `localhost.key, localhost.crt, ca.crt not in MTFS_DEV_CERTS_DIR=${home}`,
      );
      for (const f of ["localhost.key", "localhost.crt", "ca.crt"]) fs.writeFileSync(path.join(home, f), f);
      const options = (await withCertsDir(home, () => devHttpsOptions(fakeCerts(false)))) as { cert: Buffer };
      expect(String(options.cert)).toBe("localhost.crt");
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it("makes npm start check the certificate in the foreground, before the dev server starts detached", () => {
    // office-addin-debugging starts `npm run dev-server` with its output discarded: a failure there is silent.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.scripts.start).toBe("node scripts/dev-certs.js && office-addin-debugging start manifest.xml");
    expect(pkg.scripts["dev-server"]).toBe("webpack serve --mode development");
    const run = spawnSync(process.execPath, [path.join(root, "scripts", "dev-certs.js")], {
      env: { ...process.env, MTFS_DEV_CERTS_DIR: path.join(os.tmpdir(), "mtfs-no-such-certs") },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^mtfs-benefits dev server: .*`npx office-addin-dev-certs install`/);
  });

  it("serves the standalone page over plain HTTP only when asked (npm run serve:standalone)", () => {
    const certs = fakeCerts(false);
    const standalone = makeConfig({ WEBPACK_SERVE: true, standalone: true }, { mode: "development" });
    expect(standalone.devServer).toMatchObject({ port: 3000, server: { type: "http" } });
    expect(certs.calls).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.scripts["serve:standalone"]).toBe("webpack serve --mode development --env standalone");
    expect(pkg.scripts.serve).toBe("webpack serve --mode development");
  });
});
