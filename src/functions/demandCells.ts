import {
  Decimal,
  EngineError,
  decimalCalculator,
  describeValue,
  fyLabel,
  fyValue,
  parseDemandModel,
  projectDemand,
  rateValue,
  toPounds,
  withLeverScale,
  type DemandModel,
  type DemandProjection,
  type DemandYear,
} from "../engine";
import { setPath, withoutBrackets } from "./assumptionsRange";
import { renamed } from "./profileCells";
import { cellOption, isBlank, isBlankOrZero, usedRows } from "./cells";
import type { Grid } from "./invoke";

/**
 * MTFS.DEMAND's body: a label/value range becomes the demand-model JSON (schema/demand.schema.json), which
 * the engine's parser checks exactly as `calc demand` does. Labels are the JSON keys ("entriesGrowth",
 * "levers.exitLagYears") or the plain labels below, matched ignoring case, spaces and punctuation; a
 * "Phasing 2028/29" row gives the levers' share from that year. A third column (notes) is ignored.
 */

/** Plain labels → JSON path (the JSON key itself, normalised, always works too). */
const DEMAND_LABELS: Readonly<Record<string, readonly string[]>> = {
  name: ["name", "model"],
  step: ["step", "steps", "model by"],
  baseYear: ["base year", "base fy"],
  endYear: ["end year", "last year", "last fy"],
  reportFrom: ["report from", "cumulative from"],
  stock: ["stock", "children in care", "stock at start"],
  entries: ["entries", "entries per year"],
  entriesGrowth: ["entries growth", "growth in entries"],
  exitRate: ["exit rate"],
  meanStayYears: ["mean stay", "mean stay years", "average stay years"],
  exits: ["exits", "exits per year"],
  unitCost: ["unit cost", "cost per child per year"],
  spend: ["spend", "base year spend"],
  unitCostInflation: ["unit cost inflation", "inflation"],
  budget: ["budget"],
  budgetGrowth: ["budget growth"],
  spendBasis: ["spend basis"],
  benefitBasis: ["benefit basis"],
  leverScale: ["lever scale", "impact scale"],
  population: ["population"],
  targetPopulation: ["target population", "scale to population"],
  "levers.entriesChange": ["entries change", "entries lever"],
  "levers.exitRateChange": ["exit rate change", "exits change", "exit lever"],
  "levers.exitLagYears": ["exit lag", "exit lag years"],
  "levers.exitBasis": ["exit basis"],
};

const key = (label: string): string => withoutBrackets(label.toLowerCase()).replace(/[^a-z0-9]/g, "");

const BY_LABEL: ReadonlyMap<string, string> = new Map(
  Object.entries(DEMAND_LABELS).flatMap(([path, labels]) => [
    [key(path), path] as const,
    [key(path.replace(/^levers\./, "")), path] as const,
    ...labels.map((l) => [key(l), path] as const),
  ]),
);

/** Labels of a header row, skipped. */
const HEADER_LABELS = new Set(["assumption", "assumptions", "label", "field", "item", "input", "inputs"]);
const PHASING = /^phas(?:e|ing)\s+(.+)$/i;
/** The JSON lists that year rows fill, and the key of each item's value. */
type YearList = "levers.phasing" | "entriesByYear" | "exitRateByYear";
const VALUE_KEY: Readonly<Record<YearList, string>> = {
  "levers.phasing": "share",
  entriesByYear: "entries",
  exitRateByYear: "exitRate",
};
/** "Entries 2027/28" and "Exit rate 2028/29" rows: a stated value for that year. */
const BY_YEAR = /^(entries|exit\s*rate)\s+((?:fy\s*)?\d{2,4}(?:[/-]\d{2})?)$/i;
const TEXT_PATHS = new Set(["name", "step", "spendBasis", "benefitBasis", "levers.exitBasis"]);

/** The demand JSON of a range and the label each JSON field came from. */
function demandFromRange(range: unknown): { raw: Record<string, unknown>; labelOf: Map<string, string> } {
  const rows = usedRows(range);
  if (rows.length === 0 || rows[0].length < 2) {
    throw new EngineError("invalid-type", "model", "must be a range of labels and values (2 columns)");
  }
  const raw: Record<string, unknown> = {};
  const labelOf = new Map<string, string>();
  // Year rows, listed in year order once all are read; `where` names the row for error messages.
  const lists: Record<YearList, { year: number; value: unknown; where: string }[]> = {
    "levers.phasing": [],
    entriesByYear: [],
    exitRateByYear: [],
  };
  rows.forEach((row, i) => {
    const [label, value] = row;
    if (isBlankOrZero(label) || isBlank(value)) return;
    const text = String(label).trim();
    if (HEADER_LABELS.has(key(text))) return;
    const where = `"${text}" (row ${i + 1})`;
    const stated = BY_YEAR.exec(text);
    if (stated) {
      const year = fyValue(/^\d{4}$/.test(stated[2]) ? Number(stated[2]) : stated[2], `model ${where}`);
      lists[/^entries$/i.test(stated[1]) ? "entriesByYear" : "exitRateByYear"].push({ year, value, where });
      return;
    }
    const phase = PHASING.exec(text);
    if (phase) {
      const year = fyValue(/^\d{4}$/.test(phase[1].trim()) ? Number(phase[1]) : phase[1], `model ${where}`);
      lists["levers.phasing"].push({ year, value, where });
      return;
    }
    const path = BY_LABEL.get(key(text));
    if (path === undefined) {
      if (/notes?$/i.test(text)) return; // prose beside the figures
      throw new EngineError(
        "unknown-option",
        `model row ${i + 1}`,
        `${describeValue(text)} is not a demand label`,
      );
    }
    if (labelOf.has(path))
      throw new EngineError("invalid-type", `model row ${i + 1}`, `${where} repeats ${path}`);
    if (value === 0 && TEXT_PATHS.has(path)) return; // an empty text cell may arrive as 0
    labelOf.set(path, where);
    setPath(raw, path, value);
  });
  for (const [path, items] of Object.entries(lists) as [YearList, (typeof lists)[YearList]][]) {
    if (items.length === 0) continue;
    items.sort((a, b) => a.year - b.year);
    const valueKey = VALUE_KEY[path];
    items.forEach((item, i) => labelOf.set(`${path}[${i}].${valueKey}`, item.where));
    setPath(
      raw,
      path,
      items.map((item) => ({ year: item.year, [valueKey]: item.value })),
    );
  }
  if (raw.name === undefined) raw.name = "Demand model";
  return { raw, labelOf };
}

/** The parsed model; an engine error names the range row its field came from. */
function parseFromRange(model: unknown): DemandModel {
  const { raw, labelOf } = demandFromRange(model);
  return renamed(
    (field) => `model ${labelOf.get(field) ?? field}`,
    () => parseDemandModel(raw),
  );
}

/** Rows of the spilled table: label and value per year. */
const ROWS: readonly (readonly [string, (y: DemandYear<Decimal>) => number])[] = [
  ["Do-nothing spend", (y) => toPounds(y.doNothing.spend)],
  ["With-impact spend", (y) => toPounds(y.withImpact.spend)],
  ["Budget", (y) => toPounds(y.budget)],
  ["Overspend (with impact)", (y) => toPounds(y.withImpact.overspend)],
  ["Cumulative overspend (with impact)", (y) => toPounds(y.cumulativeOverspendWithImpact)],
  ["Benefit against do-nothing", (y) => toPounds(y.benefit)],
  ["Cumulative benefit", (y) => toPounds(y.cumulativeBenefit)],
  ["Stock (do nothing)", (y) => y.doNothing.stock.toNumber()],
  ["Stock (with impact)", (y) => y.withImpact.stock.toNumber()],
  ["Entries (with impact)", (y) => y.withImpact.entries.toNumber()],
  ["Exits (with impact)", (y) => y.withImpact.exits.toNumber()],
];

/** Headline results as a 1×1 grid. */
const RESULTS: Readonly<Record<string, (p: DemandProjection<Decimal>) => number | string>> = {
  breakevenyear: (p) => {
    if (p.breakEvenYear === undefined)
      throw new EngineError("missing", "result", "spend never falls within budget");
    return fyLabel(p.breakEvenYear);
  },
  overspendtobreakeven: (p) => toPounds(p.overspendToBreakEven),
  cumulativeoverspend: (p) => toPounds(p.cumulativeOverspendWithImpact),
  cumulativeoverspenddonothing: (p) => toPounds(p.cumulativeOverspendDoNothing),
  cumulativebenefit: (p) => toPounds(p.cumulativeBenefit),
  cashable: (p) => toPounds(p.cumulativeCashable),
  costavoidance: (p) => toPounds(p.cumulativeCostAvoidance),
};

/**
 * The demand projection of a range: a header row of FY labels over labelled rows (£; volumes unrounded),
 * or one headline figure (`result`), with the levers optionally scaled (0.5 = half impact).
 *
 * @example
 * demandCells([["Base year", "2024/25"], ["End year", 2035], ["Stock", 26700], ...], null, null, null)
 * // [["£", "FY24/25", …, "FY35/36"], ["Do-nothing spend", 3270000000, …], …]
 */
export function demandCells(
  model: unknown,
  result: unknown,
  orientation: unknown,
  leverScale: unknown,
): Grid {
  const parsed = parseFromRange(model);
  const scaled = isBlank(leverScale)
    ? parsed
    : withLeverScale(parsed, rateValue(leverScale, "leverScale", { min: 0, max: 10 }));
  const p = projectDemand(scaled, decimalCalculator);
  const what = key(cellOption(result, "result", "table"));
  if (what !== "table") {
    const pick = RESULTS[what];
    if (pick === undefined) {
      throw new EngineError(
        "unknown-option",
        "result",
        `must be "table", "breakEvenYear", "overspendToBreakEven", "cumulativeOverspend", "cumulativeOverspendDoNothing", "cumulativeBenefit", "cashable" or "costAvoidance", got ${describeValue(result)}`,
      );
    }
    return [[pick(p)]];
  }
  const across = [
    ["£", ...p.years.map((y) => y.label)],
    ...ROWS.map(([label, f]) => [label, ...p.years.map(f)]),
  ];
  const how = cellOption(orientation, "orientation", "rows");
  if (how === "rows" || how === "horizontal") return across;
  if (how === "columns" || how === "vertical") return across[0].map((_, j) => across.map((row) => row[j]));
  throw new EngineError("unknown-option", "orientation", `must be "rows" or "columns", got "${how}"`);
}
