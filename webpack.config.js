/* eslint-disable */
/**
 * Builds dist/: the custom functions bundle (functions.js + functions.json metadata), the taskpane page that
 * loads both bundles in Excel's shared runtime (taskpane.html), the browser-only standalone page
 * (standalone.html), the static help page (help.html), the icons and the manifest. Offline: nothing here
 * reaches the network. Deployment is described in docs/deploy.md.
 *
 *   npm run build                                    dist/ for the dev server (manifest URLs at https://localhost:3000)
 *   npm run build -- --env publicUrl=https://host/p  dist/ to host at https://host/p (dist/manifest.xml points there;
 *                                                    or set MTFS_PUBLIC_URL)
 *   ... --env officeJs=bundled                       serve Office.js from dist/office-js/ instead of Microsoft's CDN
 *                                                    (or MTFS_OFFICE_JS=bundled), for networks that block the CDN
 *   npm run build:dev                                development (source maps)
 *   npm run serve                                    the add-in dev server: HTTPS only, on port 3000, with the Office
 *                                                    dev certificate (office-addin-dev-certs); fails with the fix when
 *                                                    there is none. MTFS_DEV_CERTS_DIR reads key/cert/ca from a folder.
 *   npm run serve:standalone                         plain HTTP on port 3000 for standalone.html only (no Excel)
 */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { docsTextTransformer } = require("./scripts/docsTextTransformer");

const PORT = 3000;
/** The origin manifest.xml is written for: the dev server. A public build replaces it. */
const DEV_ORIGIN = `https://localhost:${PORT}`;
/** Microsoft's CDN copy of Office.js, the default (Microsoft recommends it: it carries the current fixes). */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where the bundled Office.js goes inside dist/ (--env officeJs=bundled). */
const OFFICE_JS_DIR = "office-js";
const root = __dirname;
const src = (p) => path.join(root, "src", p);

/** A build option given badly: webpack-cli prints the message and exits non-zero. */
function optionError(message, prefix = "mtfs-benefits build") {
  const error = new Error(`${prefix}: ${message}`);
  error.stack = error.message; // one line, not a stack trace: the fix is in the message
  return error;
}

/**
 * The public base URL the add-in will be hosted at, without a trailing slash, or undefined for a dev build.
 * @example publicBase({ publicUrl: "https://addins.council.gov.uk/mtfs/" }) // "https://addins.council.gov.uk/mtfs"
 */
function publicBase(env = {}) {
  const given = env.publicUrl ?? process.env.MTFS_PUBLIC_URL;
  if (given === undefined || given === "") return undefined;
  let url;
  try {
    url = new URL(String(given));
  } catch {
    throw optionError(`publicUrl: must be an absolute https:// URL, got ${JSON.stringify(String(given))}`);
  }
  if (url.protocol !== "https:")
    throw optionError(`publicUrl: must use https:// (Office loads add-ins only over HTTPS), got ${given}`);
  if (url.username || url.password || url.search || url.hash) {
    throw optionError(
      `publicUrl: must be a plain base URL without credentials, query or fragment, got ${given}`,
    );
  }
  if (/^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname)) {
    throw optionError(
      `publicUrl: must be the public host, not ${url.hostname} (a plain \`npm run build\` is for localhost)`,
    );
  }
  // The base goes into XML attributes: a path of plain URL characters needs no escaping there.
  if (!/^[\w\-.~/%]*$/.test(url.pathname)) {
    throw optionError(
      `publicUrl: the path may hold only letters, digits and - . _ ~ / %, got ${url.pathname}`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/**
 * manifest.xml for the given public base: every dev-server URL moves under the base and the AppDomain becomes
 * the base's origin. Without a base the manifest is unchanged (the dev server's).
 */
function manifestFor(xml, base) {
  if (!base) return xml;
  const origin = new URL(base).origin;
  return xml
    .split(`<AppDomain>${DEV_ORIGIN}</AppDomain>`)
    .join(`<AppDomain>${origin}</AppDomain>`)
    .split(`${DEV_ORIGIN}/`)
    .join(`${base}/`)
    .split(DEV_ORIGIN)
    .join(base);
}

/** "cdn" (default) or "bundled": where taskpane.html loads Office.js from. */
function officeJsSource(env = {}) {
  const given = env.officeJs ?? process.env.MTFS_OFFICE_JS ?? "cdn";
  if (given !== "cdn" && given !== "bundled") {
    throw optionError(`officeJs: must be "cdn" or "bundled", got ${JSON.stringify(String(given))}`);
  }
  return given;
}

/**
 * The files of @microsoft/office-js that an Excel add-in can load: office.js, its Excel host scripts, shared
 * scripts and the locale folders; not the debug builds, type files or other hosts' scripts (16 of the package's 86 MB).
 */
const OFFICE_JS_OTHER_HOSTS = /^(access|onenote|outlook|powerpoint|project|word|visio)/;
function officeJsCopyPattern() {
  const from = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
  return {
    from,
    to: OFFICE_JS_DIR,
    globOptions: { ignore: ["**/*.debug.js", "**/*-vsdoc.js", "**/*.d.ts"] },
    filter: (file) => !OFFICE_JS_OTHER_HOSTS.test(path.relative(from, file)),
    // Microsoft's files as published: not re-minified (which would also split out their licence comments).
    info: { minimized: true },
  };
}

/** Thrown by `npm run serve` / `npm start` when there is no trusted dev certificate: what to do, in one paragraph. */
function missingCertificates(reason) {
  return optionError(
    `the add-in dev server is HTTPS only, because Excel loads add-ins only over HTTPS, and no trusted ` +
      `development certificate is available${reason ? ` (${reason})` : ""}. Install one once with ` +
      "`npx office-addin-dev-certs install` (it creates a certificate for localhost and asks you to trust it), " +
      "then run `npm start` or `npm run serve` again. The browser-only wizard needs no certificate: " +
      `\`npm run serve:standalone\` serves http://localhost:${PORT}/standalone.html.`,
    "mtfs-benefits dev server",
  );
}

/**
 * HTTPS options for the dev server: the key, certificate and CA office-addin-dev-certs installs (it offers to
 * install them when run interactively), or the files in MTFS_DEV_CERTS_DIR. Never falls back to HTTP.
 */
async function devHttpsOptions(certs = require("office-addin-dev-certs")) {
  const dir = process.env.MTFS_DEV_CERTS_DIR;
  if (dir) {
    const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
    const missing = Object.values(files).filter((f) => !fs.existsSync(path.join(dir, f)));
    if (missing.length) throw missingCertificates(`${missing.join(", ")} not in MTFS_DEV_CERTS_DIR=${dir}`);
    return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
  }
  // Installing prompts (sudo, a trust dialog): only try when someone is there to answer.
  const interactive = Boolean(process.stdin.isTTY) && !process.env.CI;
  let valid = false;
  try {
    valid = certs.verifyCertificates();
  } catch (err) {
    valid = false;
  }
  if (!valid && !interactive)
    throw missingCertificates("none is installed, and this is not an interactive terminal");
  try {
    return await certs.getHttpsServerOptions();
  } catch (err) {
    throw missingCertificates(String(err && err.message ? err.message : err).split("\n")[0]);
  }
}

/** The standalone page's template is the taskpane owner's if present, else a minimal root element. */
function standaloneTemplate() {
  const file = src("taskpane/standalone.html");
  if (fs.existsSync(file)) return { template: file };
  return {
    templateContent:
      '<!doctype html><html lang="en-GB"><head><meta charset="utf-8" />' +
      '<meta name="viewport" content="width=device-width, initial-scale=1" />' +
      '<title>MTFS Benefits</title></head><body><div id="root"></div></body></html>',
  };
}

/**
 * In functions.js, functions.ts gets the stand-in src/functions/lazy/X.ts for `./X`: that family's code goes into
 * a chunk of its own (functions-*.js), loaded on its first call (src/functions/lazy.ts, issue 14). A rule, not a
 * plugin, so every build of the functions entry (tests, bench) splits the same way.
 */
function lazyFamiliesRule() {
  const families = fs.readdirSync(src("functions/lazy")).map((f) => f.replace(/\.ts$/, ""));
  return {
    test: src("functions/functions.ts"),
    issuerLayer: "functions",
    resolve: {
      alias: Object.fromEntries(families.map((f) => [src(`functions/${f}`), src(`functions/lazy/${f}.ts`)])),
    },
  };
}

/** ts-loader, transpiling only, with these TypeScript transformers (its own named instance: ts-loader shares one per name). */
function tsLoader(instance, before) {
  return {
    loader: "ts-loader",
    options: {
      instance,
      transpileOnly: true,
      compilerOptions: { module: "esnext" },
      getCustomTransformers: () => ({ before }),
    },
  };
}

/**
 * The webpack configuration. `webpack serve` (env.WEBPACK_SERVE) gets a Promise, because reading or installing
 * the dev certificate is asynchronous; builds get the plain object and never need a certificate.
 */
function makeConfig(env = {}, argv = {}) {
  const dev = argv.mode !== "production";
  const base = publicBase(env);
  const officeJs = officeJsSource(env);
  const config = {
    mode: dev ? "development" : "production",
    experiments: { layers: true },
    devtool: dev ? "source-map" : false,
    context: root,
    entry: {
      // Its own layer, so the formats' docs-only words are left out of this bundle alone (rules below).
      functions: { import: src("functions/index.ts"), layer: "functions" },
      taskpane: src("taskpane/index.tsx"),
      standalone: src("taskpane/standalone.tsx"),
    },
    output: {
      path: path.join(root, "dist"),
      filename: "[name].js",
      // The chunks functions.js fetches on first call, named by content: a functions.js Excel still has cached
      // from an earlier release asks for its own chunks, never a newer build's (which would not fit it).
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // Fluent UI needs react-dom's own copy of `scheduler` (the lockfile nests it under react-dom). Added by E.
      alias: {
        scheduler: path.dirname(
          require.resolve("scheduler/package.json", {
            paths: [path.dirname(require.resolve("react-dom/package.json"))],
          }),
        ),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type errors are caught by `npm run typecheck`; the bundle build only transpiles.
          // ES modules out (tsconfig.json says commonjs for Node/jest) so webpack can tree-shake: with
          // require() calls it would keep every Fluent UI export and icon (a 19 MB standalone bundle).
          // The formats' docs-only words (about, default) stay out of functions.js only: the wizard shows them
          // as field hints (scripts/docsTextTransformer.js).
          oneOf: [
            // Modules imported from the functions entry are in its layer (webpack places them in their issuer's).
            { issuerLayer: "functions", use: tsLoader("functions", [docsTextTransformer]) },
            { use: tsLoader("app", []) },
          ],
        },
        lazyFamiliesRule(),
        // decimal.js without the methods no source calls (trigonometry, random, ...): -12 KB a bundle.
        {
          test: /[\\/]decimal\.js[\\/]decimal\.mjs$/,
          use: path.join(root, "scripts", "decimalSubsetLoader.js"),
        },
      ],
    },
    // Each bundle stands alone: Excel loads functions.js before the taskpane exists. Its only chunks are the formula
    // families it fetches on first call (lazyFamiliesRule); publicPath "auto" finds them beside functions.js.
    // package.json says "sideEffects": false (no src module runs code on import except the entries), so modules reached through the
    // engine's index.ts barrel whose exports a bundle never uses are left out (-3.1 KB of functions.js).
    // The transpile target stays ES2020 (tsconfig.json): the functions run in the shared runtime (manifest.xml,
    // SharedRuntime 1.1), i.e. the taskpane's webview (WebView2/Chromium, Safari on Mac), not the JavaScript-only
    // custom-functions runtime. Microsoft's "custom functions runtime" page notes the shared runtime falls back
    // to Trident (IE11) on old Windows builds, where the React 18 taskpane cannot run either, so ES5 buys nothing.
    // The family chunks share the engine: modules two or more of them need (all but the registry, decimal.js and
    // what FYLABEL and INFLATE use, which functions.js keeps) go into one functions-shared chunk, fetched with the
    // first family a workbook calls, instead of a copy in each. The taskpane's own bundles are not split.
    optimization: {
      splitChunks: {
        cacheGroups: {
          default: false,
          defaultVendors: false,
          functionsShared: {
            name: "functions-shared",
            chunks: (chunk) => /^functions-/.test(chunk.name ?? ""),
            minChunks: 2,
            minSize: 0,
            enforce: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      // Generates functions.json from the JSDoc in functions.ts; metadata errors fail the compilation.
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: src("functions/functions.ts") }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: src("taskpane/taskpane.html"),
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { officeJs: officeJs === "cdn" ? OFFICE_JS_CDN : `${OFFICE_JS_DIR}/office.js` },
      }),
      new HtmlWebpackPlugin({ filename: "standalone.html", chunks: ["standalone"], ...standaloneTemplate() }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // Static: Support and "Learn more" open it, with or without Office.
          { from: "src/taskpane/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => manifestFor(content.toString(), base),
          },
          ...(officeJs === "bundled" ? [officeJsCopyPattern()] : []),
        ],
      }),
    ],
    devServer: {
      port: PORT,
      static: { directory: path.join(root, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      client: { overlay: false },
    },
  };
  if (!env.WEBPACK_SERVE) return config;
  // The standalone page alone runs in any browser over plain HTTP; the add-in needs HTTPS.
  if (env.standalone) return { ...config, devServer: { ...config.devServer, server: { type: "http" } } };
  return devHttpsOptions().then((options) => ({
    ...config,
    devServer: { ...config.devServer, server: { type: "https", options } },
  }));
}

module.exports = makeConfig;
module.exports.publicBase = publicBase;
module.exports.manifestFor = manifestFor;
module.exports.devHttpsOptions = devHttpsOptions;
module.exports.DEV_ORIGIN = DEV_ORIGIN;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
