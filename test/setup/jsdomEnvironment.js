/**
 * The jsdom test environment with a faster, equivalent style cascade (the taskpane suites' docblocks name it).
 *
 * Why: Fluent UI (Griffel) inserts thousands of one-class CSS rules, and jsdom's getComputedStyle runs every
 * rule's selector against the element, then again for each ancestor to resolve `visibility`. Testing-library's
 * role and label queries call it for every candidate element, so most of a taskpane suite's time went there.
 *
 * What changes: a rule is skipped only when no comma branch of its selector can match, because the rightmost
 * compound of every branch names a class the element does not have. Every other rule is matched by jsdom's own
 * matcher as before, so the computed styles are the same; only certain misses are not re-checked. A label's
 * `for` control is looked up in the document's id map when that map settles it (below).
 */
"use strict";
/* global require, module, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS jest environment, which Node loads as it is */
const path = require("path");

const jsdomLib = path.dirname(require.resolve("jsdom/package.json"));
const styleRules = require(path.join(jsdomLib, "lib/jsdom/living/helpers/style-rules.js"));
const { matchesDontThrow } = require(path.join(jsdomLib, "lib/jsdom/living/helpers/selectors.js"));

/** selectorText → per comma branch, the classes its rightmost compound requires (lower case); null: no filter. */
const analysed = new Map();

/**
 * The classes each branch's rightmost compound requires, or null when some branch requires none or the
 * selector has escapes (then the rule is always matched in full).
 */
function requiredClasses(selector) {
  if (selector.includes("\\")) return null;
  const branches = [];
  let depth = 0;
  let quote = "";
  let classes = [];
  let sawClass = false;
  const endBranch = () => {
    if (!sawClass) return false;
    branches.push(classes);
    return true;
  };
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (quote) {
      if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (depth > 0) continue;
    else if (c === ",") {
      if (!endBranch()) return null;
      classes = [];
      sawClass = false;
    } else if (c === " " || c === ">" || c === "+" || c === "~" || c === "\t" || c === "\n") {
      // A combinator: the compound after it is the rightmost one so far (trailing blanks start an empty one).
      let j = i;
      while (j + 1 < selector.length && /[\s>+~]/.test(selector[j + 1])) j++;
      if (j + 1 < selector.length && selector[j + 1] !== ",") {
        classes = [];
        sawClass = false;
      }
      i = j;
    } else if (c === ".") {
      let j = i + 1;
      while (j < selector.length && /[A-Za-z0-9_-]/.test(selector[j])) j++;
      if (j === i + 1) return null;
      if (j < selector.length && selector.charCodeAt(j) > 127) return null;
      classes.push(selector.slice(i + 1, j).toLowerCase());
      sawClass = true;
      i = j - 1;
    }
  }
  if (quote || depth !== 0 || !endBranch()) return null;
  return branches;
}

/** The element's classes in lower case, for the filter (class names are compared case-blind: never too few). */
function classesOf(elementImpl) {
  const attr = elementImpl.getAttributeNS(null, "class");
  return new Set(attr ? attr.toLowerCase().split(/[ \t\n\f\r]+/) : []);
}

/** False only when an element of `classes` certainly does not match `selector`; true: match it in full. */
function mayMatch(selector, classes) {
  let required = analysed.get(selector);
  if (required === undefined) {
    required = requiredClasses(selector);
    analysed.set(selector, required);
  }
  return required === null || required.some((branch) => branch.every((c) => classes.has(c)));
}

// jsdom's own default stylesheet, parsed by the same cssom as jsdom parses it (its parsed copy is private).
const cssom = require(require.resolve("cssom", { paths: [jsdomLib] }));
const defaultStyleSheet = require(path.join(jsdomLib, "lib/jsdom/browser/default-stylesheet.js"));
let parsedDefaultStyleSheet;
const { forEach, indexOf } = Array.prototype;

/**
 * jsdom's forEachMatchingSheetRuleOfElement (lib/jsdom/living/helpers/style-rules.js), with the class filter;
 * `wanted` (optional) passes over, unmatched, rules the caller would ignore anyway.
 */
function forEachMatchingSheetRuleOfElement(elementImpl, handleRule, wanted) {
  let classes;
  const matches = (rule) => {
    if (wanted && !wanted(rule)) return false;
    const selector = rule.selectorText;
    if (typeof selector === "string" && !mayMatch(selector, (classes ??= classesOf(elementImpl))))
      return false;
    return matchesDontThrow(elementImpl, selector);
  };
  function handleSheet(sheet) {
    forEach.call(sheet.cssRules, (rule) => {
      if (rule.media) {
        if (indexOf.call(rule.media, "screen") !== -1) {
          forEach.call(rule.cssRules, (innerRule) => {
            if (matches(innerRule)) handleRule(innerRule);
          });
        }
      } else if (matches(rule)) {
        handleRule(rule);
      }
    });
  }
  if (!parsedDefaultStyleSheet) parsedDefaultStyleSheet = cssom.parse(defaultStyleSheet);
  handleSheet(parsedDefaultStyleSheet);
  forEach.call(elementImpl._ownerDocument.styleSheets._list, handleSheet);
}

/**
 * jsdom's getResolvedValue and the cascade under it (same file), where a rule that does not declare the
 * property is not matched: its handler would ignore it. Resolving `visibility` walks every ancestor.
 */
function getCascadedPropertyValue(element, property) {
  let value = "";
  forEachMatchingSheetRuleOfElement(
    element,
    (rule) => {
      const propertyValue = rule.style.getPropertyValue(property);
      if (propertyValue !== "") value = propertyValue;
    },
    // A rule without a style (@keyframes) has no selector either, so the original never matches it.
    (rule) => rule.style !== undefined && rule.style.getPropertyValue(property) !== "",
  );
  const inlineValue = element.style.getPropertyValue(property);
  if (inlineValue !== "" && inlineValue !== null) value = inlineValue;
  return value;
}

function getSpecifiedValue(element, property) {
  const cascade = getCascadedPropertyValue(element, property);
  if (cascade !== "") return cascade;
  const { initial, inherited } = styleRules.propertiesWithResolvedValueImplemented[property];
  if (inherited && element.parentElement !== null) return getComputedValue(element.parentElement, property);
  return initial;
}

function getComputedValue(element, property) {
  const { computedValue } = styleRules.propertiesWithResolvedValueImplemented[property];
  if (computedValue === "as-specified") return getSpecifiedValue(element, property);
  throw new TypeError(`Internal error: unrecognized computed value instruction '${computedValue}'`);
}

const getResolvedValue = (element, property) => getComputedValue(element, property);

// MTFS_PLAIN_JSDOM=1 runs jsdom unchanged, to compare (a suite must pass and see the same either way).
const plain = process.env.MTFS_PLAIN_JSDOM === "1";

if (!plain && !styleRules.forEachMatchingSheetRuleOfElement.fastCascade) {
  forEachMatchingSheetRuleOfElement.fastCascade = true;
  styleRules.forEachMatchingSheetRuleOfElement = forEachMatchingSheetRuleOfElement;
  styleRules.getResolvedValue = getResolvedValue;
}

// Required after the patch above (jsdom's Window takes its own reference to the functions when it first loads)
// and before the one below (jsdom's element classes load in an order of their own).
require(jsdomLib);
module.exports = require("jest-environment-jsdom");
module.exports.requiredClasses = requiredClasses;

/**
 * A label's control by its `for` id: the document's id map gives it when one element attached to the document
 * has that id (the first in tree order, as jsdom's walk of the whole tree finds); otherwise jsdom's walk.
 * Why: `labels`, which testing-library's label queries read for every element, asks every label for its control.
 */
const { isLabelable } = require(path.join(jsdomLib, "lib/jsdom/living/helpers/form-controls.js"));
const labelImpl = require(path.join(jsdomLib, "lib/jsdom/living/nodes/HTMLLabelElement-impl.js"));
const labelProto = labelImpl.implementation.prototype;
const control = Object.getOwnPropertyDescriptor(labelProto, "control");
if (!plain && !control.get.fastControl) {
  const fastControl = function () {
    const forValue = this.getAttributeNS(null, "for");
    if (forValue !== null && forValue !== "") {
      const doc = this._ownerDocument;
      if (this.getRootNode({}) === doc && doc._ids) {
        const attached = (doc._ids[forValue] ?? []).filter((e) => e.getRootNode({}) === doc);
        if (attached.length === 0) return null;
        if (attached.length === 1) return isLabelable(attached[0]) ? attached[0] : null;
      }
    }
    return control.get.call(this);
  };
  fastControl.fastControl = true;
  Object.defineProperty(labelProto, "control", { ...control, get: fastControl });
}
