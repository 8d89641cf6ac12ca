/* eslint-disable */
/**
 * A webpack loader for decimal.js in the functions bundle: drops the methods no part of MTFS Benefits calls
 * (trigonometric and hyperbolic functions, cube root, hypot, random, base-2/8/16 output, fractions, clamp, ...).
 * Terser then removes the helpers only they used (the 1,025-digit PI among them). Every kept method is decimal.js's
 * own code, so each figure is unchanged. test/functions/decimalSubset.test.ts checks no source calls a dropped name.
 * LN10 keeps LN10_DIGITS of its 1,025 digits: it bounds the precision of ln, log and a non-integer pow (the engine
 * works to 40 significant digits and calls pow with whole exponents only); a higher precision throws as before.
 * (Issue 14: functions.js < 150 KB.)
 */
const ts = require("typescript");

/** Decimal.prototype methods dropped: `P.name = P.alias = function ...` statements naming only these. */
const DROPPED_METHODS = new Set([
  ...["cos", "sin", "tan", "acos", "asin", "atan", "cosh", "sinh", "tanh", "acosh", "asinh", "atanh"],
  ...["cosine", "sine", "tangent", "inverseCosine", "inverseSine", "inverseTangent"],
  ...["hyperbolicCosine", "hyperbolicSine", "hyperbolicTangent"],
  ...["inverseHyperbolicCosine", "inverseHyperbolicSine", "inverseHyperbolicTangent"],
  ...["cbrt", "cubeRoot", "toBinary", "toHex", "toHexadecimal", "toOctal", "toFraction", "toNearest"],
  ...["clamp", "clampedTo"],
]);
/** Static Decimal functions dropped: `Decimal.name = name;` statements in clone(). */
const DROPPED_STATICS = new Set([
  ...[
    "cos",
    "sin",
    "tan",
    "acos",
    "asin",
    "atan",
    "atan2",
    "cosh",
    "sinh",
    "tanh",
    "acosh",
    "asinh",
    "atanh",
  ],
  ...["cbrt", "clamp", "hypot", "random", "sign", "sum", "log2", "log10"],
]);

/** `A.b = C.d = ... = value` as the list of [A, b] pairs assigned to. */
function assignedNames(expr) {
  const names = [];
  while (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    if (!ts.isPropertyAccessExpression(expr.left) || !ts.isIdentifier(expr.left.expression)) return [];
    names.push([expr.left.expression.text, expr.left.name.text]);
    expr = expr.right;
  }
  return names;
}

/** `PI = new Decimal(PI)`: only the dropped trigonometry reads PI; without it terser drops the 1,025 digits too. */
function isPiInit(expr) {
  return (
    ts.isBinaryExpression(expr) &&
    expr.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(expr.left) &&
    expr.left.text === "PI"
  );
}

/** The digits of LN10 kept: far above the engine's 40 significant digits and decimal.js's guard digits. */
const LN10_DIGITS = 200;

/** `LN10 = '2.302…'` (the module's first `var` list): its string literal, to be shortened to LN10_DIGITS. */
function ln10Literal(node) {
  return ts.isVariableDeclaration(node) &&
    ts.isIdentifier(node.name) &&
    node.name.text === "LN10" &&
    node.initializer &&
    ts.isStringLiteral(node.initializer)
    ? node.initializer
    : undefined;
}

const isDroppedName = ([obj, name]) =>
  (obj === "P" && DROPPED_METHODS.has(name)) || (obj === "Decimal" && DROPPED_STATICS.has(name));

/** The names a statement assigns when it is one to drop (["PI"] for PI's), else undefined. */
function droppedBy(statement) {
  if (!ts.isExpressionStatement(statement)) return undefined;
  if (isPiInit(statement.expression)) return ["PI"];
  const names = assignedNames(statement.expression);
  return names.length > 0 && names.every(isDroppedName)
    ? names.map(([obj, name]) => `${obj}.${name}`)
    : undefined;
}

/**
 * decimal.mjs without the dropped statements (their text blanked, so line numbers stay), and the names it was
 * asked to drop but did not find (a decimal.js release that differs: the build then fails, see below).
 */
function decimalSubset(source) {
  const file = ts.createSourceFile("decimal.mjs", source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const cuts = [];
  const found = new Set();
  const visit = (node) => {
    const ln10 = ln10Literal(node);
    if (ln10) {
      // Shortened in place: the line keeps its number, padded with spaces.
      cuts.push([ln10.getStart(file) + 1 + LN10_DIGITS + 1, ln10.end, "'"]);
      found.add("LN10");
      return;
    }
    const names = droppedBy(node);
    if (!names) return ts.forEachChild(node, visit);
    cuts.push([node.getStart(file), node.end]);
    names.forEach((n) => found.add(n));
  };
  visit(file);
  let out = source;
  for (const [start, end, keep = ""] of cuts.reverse())
    out =
      out.slice(0, start) +
      keep +
      out.slice(start + keep.length, end).replace(/[^\n]/g, " ") +
      out.slice(end);
  const wanted = [
    "PI",
    "LN10",
    ...[...DROPPED_METHODS].map((n) => `P.${n}`),
    ...[...DROPPED_STATICS].map((n) => `Decimal.${n}`),
  ];
  return { code: out, missing: wanted.filter((n) => !found.has(n)) };
}

module.exports = function decimalSubsetLoader(source) {
  const { code, missing } = decimalSubset(source);
  if (missing.length > 0) {
    this.emitError(
      new Error(`decimalSubsetLoader: decimal.js has changed, not found: ${missing.join(", ")}`),
    );
  }
  return code;
};
module.exports.decimalSubset = decimalSubset;
module.exports.DROPPED_METHODS = DROPPED_METHODS;
module.exports.DROPPED_STATICS = DROPPED_STATICS;
module.exports.LN10_DIGITS = LN10_DIGITS;
