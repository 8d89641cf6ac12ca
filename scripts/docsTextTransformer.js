/* eslint-disable */
/**
 * A TypeScript transformer for the webpack build: drops the docs-only text of the input formats (the `about` and
 * `default` words of a field, src/engine/format/*.ts) from the bundles. Only format/describe.ts reads them, for the
 * JSON Schemas in schema/ and the field tables in docs/engine.md, which are generated from the sources under jest,
 * never from a bundle. Rules, choices and warnings stay: they are what a user sees. (Issue 14: functions.js < 150 KB.)
 */
const path = require("path");
const ts = require("typescript");

/** The files whose object literals carry FieldInfo docs text. describe.ts reads it and is left alone. */
const FORMAT_DIR = path.join(__dirname, "..", "src", "engine", "format") + path.sep;
const DOCS_KEYS = new Set(["about", "default"]);

function isDocsProperty(node) {
  if (ts.isShorthandPropertyAssignment(node)) return DOCS_KEYS.has(node.name.text);
  return ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && DOCS_KEYS.has(node.name.text);
}

/** The transformer factory ts-loader's getCustomTransformers takes (`before`). */
function docsTextTransformer(context) {
  return (file) => {
    const name = path.normalize(file.fileName);
    if (!name.startsWith(FORMAT_DIR) || path.basename(name) === "describe.ts") return file;
    const visit = (node) => {
      if (ts.isObjectLiteralExpression(node) && node.properties.some(isDocsProperty)) {
        const kept = node.properties.filter((p) => !isDocsProperty(p));
        return ts.visitEachChild(ts.factory.updateObjectLiteralExpression(node, kept), visit, context);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(file, visit);
  };
}

module.exports = { docsTextTransformer, FORMAT_DIR };
