import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The build configuration's promises: three entries, metadata from functions.ts, pages and their chunks, dev HTTPS. */
const root = path.join(__dirname, "..", "..");
const makeConfig = require(path.join(root, "webpack.config.js"));
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

function withCertsDir<T>(dir: string, fn: () => T): T {
  const saved = process.env.MTFS_DEV_CERTS_DIR;
  process.env.MTFS_DEV_CERTS_DIR = dir;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.MTFS_DEV_CERTS_DIR;
    else process.env.MTFS_DEV_CERTS_DIR = saved;
  }
}

describe("webpack.config.js", () => {
  const prod = makeConfig({}, { mode: "production" });

  it("bundles functions, taskpane and standalone into dist/ without source maps in production", () => {
    expect(Object.keys(prod.entry).sort()).toEqual(["functions", "standalone", "taskpane"]);
    expect(prod.entry.functions).toBe(path.join(root, "src", "functions", "index.ts"));
    expect(prod.output.path).toBe(path.join(root, "dist"));
    expect(prod.devtool).toBe(false);
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
    expect(html).toMatch(
      /<head>[\s\S]*<script[^>]+src="https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"/,
    );
    expect(html).toContain('<div id="root"></div>');
    // HtmlWebpackPlugin injects the bundles as deferred scripts, which run after this parser-blocking one.
    expect(
      prod.plugins.find((p: any) => p instanceof HtmlWebpackPlugin).userOptions.scriptLoading,
    ).toBeUndefined();
  });

  it("serves HTTPS on port 3000 when the Office dev certificate is installed, plain HTTP otherwise", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-home-"));
    const certs = path.join(home, ".office-addin-dev-certs");
    try {
      const plain = withCertsDir(certs, () => makeConfig({}, { mode: "development" }));
      expect(plain.devServer.port).toBe(3000);
      expect(plain.devServer.server.type).toBe("http");
      fs.mkdirSync(certs);
      for (const f of ["localhost.key", "localhost.crt", "ca.crt"]) fs.writeFileSync(path.join(certs, f), f);
      const secure = withCertsDir(certs, () => makeConfig({}, { mode: "development" }));
      expect(secure.devServer.server.type).toBe("https");
      expect(String(secure.devServer.server.options.cert)).toBe("localhost.crt");
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
