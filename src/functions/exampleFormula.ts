import { EngineError } from "../engine";

/**
 * Evaluates the example formulas of the help page (`=MTFS.INFLATE(1000, "FY26/27", "FY28/29", 4%)`) by
 * calling the registered functions as Excel would, so every result printed in docs/functions.md is
 * computed, never typed. Only what examples use is supported: numbers, percentages, "text", TRUE/FALSE,
 * DATE(y,m,d), array constants {1,2;3,4}, empty arguments, and named ranges supplied by the caller.
 */

/** One parsed argument value as Excel would pass it. */
export type FormulaValue = number | string | boolean | null | FormulaValue[][];

/** A parsed example: the function id (without "MTFS.") and its arguments. */
export interface ExampleCall {
  readonly id: string;
  readonly args: readonly FormulaValue[];
}

/** Excel serial of a calendar date (days since 1899-12-30). */
function dateSerial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

/** Splits on `sep` at the top level (outside quotes, parentheses and braces). */
function splitTop(text: string, seps: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "(" || ch === "{")) depth++;
    else if (!quoted && (ch === ")" || ch === "}")) depth--;
    else if (!quoted && depth === 0 && seps.includes(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function bad(text: string): never {
  throw new EngineError("invalid-type", "example", `cannot evaluate ${JSON.stringify(text)}`);
}

function value(text: string, ranges: Readonly<Record<string, FormulaValue[][]>>): FormulaValue {
  const t = text.trim();
  if (t === "") return null;
  if (/^".*"$/s.test(t)) return t.slice(1, -1);
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  const pct = /^(-?\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return Number(pct[1]) / 100;
  if (/^-?\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const date = /^DATE\((\d+),(\d+),(\d+)\)$/i.exec(t.replace(/\s/g, ""));
  if (date) return dateSerial(Number(date[1]), Number(date[2]), Number(date[3]));
  if (t.startsWith("{") && t.endsWith("}")) {
    return splitTop(t.slice(1, -1), ";").map((row) => splitTop(row, ",").map((c) => value(c, ranges)));
  }
  const range = ranges[t.toUpperCase()];
  if (range) return range;
  return bad(t);
}

/**
 * Parses `=MTFS.ID(args)`; `ranges` gives the contents of cell references the examples use.
 *
 * @example
 * parseExample('=MTFS.INFLATE(1000, "FY26/27", 2028, 4%)', {})
 * // { id: "INFLATE", args: [1000, "FY26/27", 2028, 0.04] }
 */
export function parseExample(
  formula: string,
  ranges: Readonly<Record<string, FormulaValue[][]>>,
): ExampleCall {
  const m = /^=MTFS\.([A-Z.]+)\((.*)\)$/s.exec(formula.trim());
  if (!m) return bad(formula);
  const args = m[2].trim() === "" ? [] : splitTop(m[2], ",").map((a) => value(a, ranges));
  return { id: m[1], args };
}
