import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { describeManifest, manifestUrls } from "./manifestChecks";

/**
 * A deployment build as docs/deploy.md gives it (`npm run build -- --env publicUrl=… --env officeJs=bundled`),
 * with the project's webpack config into a temp folder. The bundles are swapped for empty stand-ins (bundle.test.ts
 * and the e2e suite build the real ones); the pages, the manifest, the help page, the icons and the Office.js copy
 * are built exactly as `npm run build` builds them. The manifest it writes must pass the local manifest check,
 * and every URL in it must name a file the build emits.
 */
const root = path.join(__dirname, "..", "..");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const makeConfig = require(path.join(root, "webpack.config.js"));

const BASE = "https://council.sharepoint.example/sites/apps/mtfs";
const ENV = { publicUrl: `${BASE}/`, officeJs: "bundled" };
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mtfs-deploy-"));

/**
 * Runs in a child Node process: copy-webpack-plugin loads its globbing library with a dynamic import, which
 * jest's module sandbox does not allow.
 */
const BUILD = `
const path = require("path");
const webpack = require("webpack");
const [root, outDir, env] = process.argv.slice(1);
const config = require(path.join(root, "webpack.config.js"))(JSON.parse(env), { mode: "production" });
const stub = path.join(outDir, "..", path.basename(outDir) + "-entry.js");
require("fs").writeFileSync(stub, "void 0;\\n");
const entry = Object.fromEntries(Object.keys(config.entry).map((name) => [name, stub]));
webpack({ ...config, entry, module: {}, output: { ...config.output, path: outDir } }, (err, stats) => {
  require("fs").rmSync(stub, { force: true });
  const errors = err ? [String(err)] : stats.toJson({ all: false, errors: true }).errors.map((e) => e.message);
  if (errors.length) { console.error(errors.join("\\n")); process.exit(1); }
});
`;

let config: any;
beforeAll(() => {
  config = makeConfig(ENV, { mode: "production" });
  execFileSync(process.execPath, ["-e", BUILD, root, outDir, JSON.stringify(ENV)], {
    cwd: root,
    stdio: "pipe",
  });
}, 120000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describeManifest(
  "dist/manifest.xml of a build with --env publicUrl",
  () => fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8"),
  () => BASE,
);

describe("a deployment build", () => {
  it("writes a manifest with no localhost URL, each URL a file the build emits", () => {
    const xml = fs.readFileSync(path.join(outDir, "manifest.xml"), "utf8");
    expect(xml).not.toMatch(/localhost/);
    const files = manifestUrls(xml)
      .filter((u) => u.startsWith(`${BASE}/`))
      .map((u) => u.slice(BASE.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(["taskpane.html", "functions.js", "functions.json", "help.html"]),
    );
    for (const file of files) expect([file, fs.existsSync(path.join(outDir, file))]).toEqual([file, true]);
  });

  it("serves Office.js from its own copy: the page loads office-js/office.js, Microsoft's files as published", () => {
    const html = fs.readFileSync(path.join(outDir, "taskpane.html"), "utf8");
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(["office-js/office.js", "functions.js", "taskpane.js"]);
    expect(html).not.toContain("appsforoffice.microsoft.com/lib");
    const pkg = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
    for (const file of [
      "office.js",
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "en-gb/office_strings.js",
    ]) {
      expect([
        file,
        fs.readFileSync(path.join(outDir, "office-js", file)).equals(fs.readFileSync(path.join(pkg, file))),
      ]).toEqual([file, true]);
    }
    // Only what Excel loads: no debug builds, no other hosts' scripts.
    const copied = fs.readdirSync(path.join(outDir, "office-js"));
    expect(
      copied.filter((f) => /\.debug\.js$|^(outlook|word|powerpoint|onenote|project|access)-/.test(f)),
    ).toEqual([]);
  });

  it("keeps Microsoft's CDN as the default", async () => {
    const cdn = makeConfig({ publicUrl: BASE }, { mode: "production" });
    const page = cdn.plugins.find(
      (p: any) => p instanceof HtmlWebpackPlugin && p.userOptions.filename === "taskpane.html",
    );
    expect(page.userOptions.templateParameters).toEqual({
      officeJs: "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
    });
    const copy = cdn.plugins.find((p: any) => p instanceof CopyWebpackPlugin);
    expect(JSON.stringify(copy.patterns)).not.toContain("office-js");
    expect(
      config.plugins.find((p: any) => p instanceof CopyWebpackPlugin).patterns.map((p: any) => p.to),
    ).toContain("office-js");
  });
});
