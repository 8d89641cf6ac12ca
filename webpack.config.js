/* eslint-disable */
/**
 * Builds dist/: the custom functions bundle (functions.js + functions.json metadata), the taskpane page that
 * loads both bundles in Excel's shared runtime (taskpane.html), the browser-only standalone page
 * (standalone.html), the icons and a copy of the manifest. Offline: nothing here reaches the network.
 *
 *   npm run build       production (minified)
 *   npm run build:dev   development (source maps)
 *   npm run serve       webpack-dev-server on port 3000: HTTPS with the Office dev certificate when it is
 *                       installed (`npx office-addin-dev-certs install` puts it in ~/.office-addin-dev-certs;
 *                       MTFS_DEV_CERTS_DIR overrides the folder), plain HTTP otherwise (enough for the
 *                       standalone page, not for Excel).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const PORT = 3000;
const root = __dirname;
const src = (p) => path.join(root, "src", p);

/**
 * The dev certificate office-addin-dev-certs installs (or the folder in MTFS_DEV_CERTS_DIR); read directly so
 * the build never prompts or downloads.
 */
function devHttpsOptions() {
  const dir = process.env.MTFS_DEV_CERTS_DIR || path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return undefined;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
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

module.exports = (_env, argv) => {
  const dev = argv.mode !== "production";
  const https = dev ? devHttpsOptions() : undefined;
  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "source-map" : false,
    context: root,
    entry: {
      functions: src("functions/index.ts"),
      taskpane: src("taskpane/index.tsx"),
      standalone: src("taskpane/standalone.tsx"),
    },
    output: {
      path: path.join(root, "dist"),
      filename: "[name].js",
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
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "esnext" } },
          },
        },
      ],
    },
    // Each bundle stands alone: Excel loads functions.js before the taskpane exists.
    optimization: { splitChunks: false },
    performance: { hints: false },
    plugins: [
      // Generates functions.json from the JSDoc in functions.ts; metadata errors fail the compilation.
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: src("functions/functions.ts") }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: src("taskpane/taskpane.html"),
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({ filename: "standalone.html", chunks: ["standalone"], ...standaloneTemplate() }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      static: { directory: path.join(root, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      client: { overlay: false },
    },
  };
};
