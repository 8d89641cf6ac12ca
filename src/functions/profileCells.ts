import {
  EngineError,
  checkProposalAssumptions,
  computeAssumptions,
  parseAssumptions,
  toPounds,
  type Profile,
  type ProfileInput,
  type ProfileYear,
} from "../engine";
import { assumptionsFromRange, completeDefaults, isNeverNumberPath, setPath } from "./assumptionsRange";
import { cellDate, cellOption, cellRange, isBlank } from "./cells";
import type { Grid, GridCell } from "./invoke";

/**
 * MTFS.BENEFIT.PROFILE, MTFS.RUNRATE and MTFS.QUANTIFIED share one way in: the assumptions come from a
 * label/value range, or from a baseline volume followed by positional arguments (which also override a
 * range's values, for what-if cells). Both become the proposal JSON's `assumptions` object and go through
 * the engine's parser and computeProfile, exactly as the CLI's `calc profile` does.
 */

/** Positional assumption arguments of MTFS.BENEFIT.PROFILE → their JSON paths, in argument order. */
export const PROFILE_ARGUMENTS = [
  ["target", "target.value"],
  ["weeklyCost", "unitCost.weeklyCost"],
  ["durationWeeks", "durationWeeks"],
  ["startDate", "timeline.startDate"],
  ["pilotMonths", "timeline.pilotMonths"],
  ["rolloutMonths", "timeline.rolloutMonths"],
  ["leadMonths", "timeline.leadMonths"],
  ["inflationPerYear", "unitCost.inflationPerYear"],
  ["growthPerYear", "baseline.growthPerYear"],
  ["alternativeWeeklyCost", "unitCost.alternativeWeeklyCost"],
  ["overlapWeeklyCost", "unitCost.overlapWeeklyCost"],
  ["investmentPerYear", "investment[0].amountPerYear"],
  ["investmentFromDate", "investment[0].fromDate"],
  ["mtfsOverlapPerYear", "mtfsOverlap.amountPerYear"],
  ["targetKind", "target.kind"],
  ["ramp", "timeline.ramp"],
] as const;

export type ProfileArguments = Partial<Record<(typeof PROFILE_ARGUMENTS)[number][0], unknown>>;

/** A parsed profile and the argument or range label each engine field came from. */
export interface ProfileFromCells {
  readonly profile: Profile;
  readonly argumentOf: (field: string) => string;
}

/** The assumptions JSON of the cells, how to name each field, and a hint to add to a field's refusal. */
interface RawFromCells {
  readonly raw: Record<string, unknown>;
  readonly argumentOf: (field: string) => string;
  readonly hintOf: (field: string) => string;
}

/**
 * Computes the profile for a range or a baseline volume plus positional arguments.
 *
 * @example
 * profileFromCells([[260]], { target: 0.08, weeklyCost: 1338, durationWeeks: 153.1, startDate: 46235 })
 *   .profile.years[0].label // "FY26/27"
 */
export function profileFromCells(assumptions: unknown, args: ProfileArguments = {}): ProfileFromCells {
  const { raw, argumentOf, hintOf } = rawFromCells(assumptions, args);
  // Either form: one cohort, or the streams under their `Stream N — label (kind)` rows, summed.
  const profile = renamed(
    argumentOf,
    () => computeAssumptions(checkProposalAssumptions(raw, "").value).profile,
    hintOf,
  );
  return { profile, argumentOf };
}

/**
 * Runs `f`, naming the argument or range label of a field in an EngineError it raises (and adding
 * `hintOf(field)` to its rule, when given).
 */
export function renamed<T>(
  argumentOf: (field: string) => string,
  f: () => T,
  hintOf: (field: string) => string = () => "",
): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof EngineError)
      throw new EngineError(e.code, argumentOf(e.field), e.rule + hintOf(e.field));
    throw e;
  }
}

/**
 * The parsed assumptions of a range or a baseline volume plus positional arguments (what profileFromCells
 * computes; MTFS.PROFILE.MONTHLY and MTFS.FORECAST start from it too).
 *
 * @example
 * profileInputFromCells([[260]], { target: 0.08, weeklyCost: 1338, durationWeeks: 153.1, startDate: 46235 })
 *   .input.horizon.firstFy // 2026
 */
export function profileInputFromCells(
  assumptions: unknown,
  args: ProfileArguments = {},
): { readonly input: ProfileInput; readonly argumentOf: (field: string) => string } {
  const { raw, argumentOf, hintOf } = rawFromCells(assumptions, args);
  return { input: renamed(argumentOf, () => parseAssumptions(raw, ""), hintOf), argumentOf };
}

/** The assumptions JSON of a range or a baseline volume plus positional arguments, before parsing. */
function rawFromCells(assumptions: unknown, args: ProfileArguments): RawFromCells {
  const range = cellRange(assumptions);
  const single = range.length === 1 && range[0].length === 1 ? range[0][0] : undefined;
  const fromRange = range.length === 1 && range[0].length === 1 ? undefined : assumptionsFromRange(range);
  const raw = fromRange?.raw ?? {};
  const labelOf = new Map(fromRange?.labelOf ?? []);
  if (fromRange === undefined) {
    if (isBlank(single)) throw new EngineError("missing", "assumptions", "give a baseline volume or a range");
    setPath(raw, "baseline.volumePerYear", single);
    labelOf.set("baseline.volumePerYear", "assumptions");
  }
  for (const [name, path] of PROFILE_ARGUMENTS) {
    const value = args[name];
    if (isBlank(value) || (value === 0 && isNeverNumberPath(path))) continue;
    setPath(raw, path, /Date$/.test(path) ? cellDate(value, name) : value);
    labelOf.set(path, name);
  }
  const target = raw.target as Record<string, unknown> | undefined;
  if (target && target.kind === undefined) target.kind = "percent";
  completeDefaults(raw);
  const argumentOf = (field: string): string => labelOf.get(field) ?? field;
  const hintOf = (field: string): string => countHint(raw, field, labelOf);
  return { raw, argumentOf, hintOf };
}

const TARGET_FIELD = /^((?:streams\[(\d+)\]\.)?)target(?:\.value)?$/;

/**
 * For a refused percent target that looks like a count (a whole number of 1 or more) and whose kind nobody
 * stated: how to ask for a count target, by the targetKind argument or the range's label.
 *
 * @example
 * countHint({ target: { kind: "percent", value: 6 } }, "target.value", new Map([["target.value", "target"]]))
 * // '; for a count of 6 a year, give targetKind "countPerYear"'
 */
function countHint(
  raw: Record<string, unknown>,
  field: string,
  labelOf: ReadonlyMap<string, string>,
): string {
  const m = TARGET_FIELD.exec(field);
  if (m === null || labelOf.has(`${m[1]}target.kind`)) return "";
  const streams = raw.streams as readonly Record<string, unknown>[] | undefined;
  const block = m[2] === undefined ? raw : streams?.[Number(m[2])];
  const target = block?.target as Record<string, unknown> | undefined;
  const n = typeof target?.value === "string" ? Number(target.value.trim()) : target?.value;
  if (target?.kind !== "percent" || typeof n !== "number" || !Number.isInteger(n) || n < 1) return "";
  return labelOf.get(`${m[1]}target.value`) === "target"
    ? `; for a count of ${n} a year, give targetKind "countPerYear"`
    : `; for a count of ${n} a year, label the row "Target count per year"`;
}

/** Rows MTFS.BENEFIT.PROFILE can show: the option word, its label and its value per FY. */
const ROWS: readonly (readonly [string, string, (y: ProfileYear) => number])[] = [
  ["inyear", "In-year spend reduction", (y) => toPounds(y.inYear)],
  ["cumulative", "Cumulative benefit", (y) => toPounds(y.cumulative)],
  ["gross", "Gross saving", (y) => toPounds(y.gross)],
  ["costs", "Costs", (y) => toPounds(y.costs)],
  ["overlap", "MTFS overlap", (y) => toPounds(y.overlap)],
  ["caseload", "Caseload reduction", (y) => y.caseloadReduction.toNumber()],
  ["avoided", "Avoided events", (y) => y.avoidedEvents.toNumber()],
  ["contingency", "Inflation contingency", (y) => toPounds(y.inflationContingency)],
  ["mtfs", "MTFS row", (y) => toPounds(y.mtfsImpact)],
];
const ROW_WORDS = ROWS.map(([w]) => w);

/** The row words chosen: the two template rows, plus any named in `rows` ("gross, costs" or "all"). */
function chosenRows(rows: unknown): string[] {
  const words = cellOption(rows, "rows", "")
    .split(/[\s,;]+/)
    .map((w) => w.replace(/[^a-z]/g, ""))
    .filter((w) => w !== "");
  if (words.includes("all")) return ROW_WORDS;
  for (const w of words) {
    if (!ROW_WORDS.includes(w) && w !== "caseloadreduction") {
      throw new EngineError(
        "unknown-option",
        "rows",
        `must name rows from all, ${ROW_WORDS.join(", ")}, got "${w}"`,
      );
    }
  }
  const wanted = new Set([
    "inyear",
    "cumulative",
    ...words.map((w) => (w === "caseloadreduction" ? "caseload" : w)),
  ]);
  return ROW_WORDS.filter((w) => wanted.has(w));
}

/**
 * The spilled profile: a header row of FY labels, then one labelled row per chosen measure (£, rounded to
 * the penny; counts unrounded). `orientation` "columns" puts the FYs down the first column instead.
 *
 * @example
 * profileGrid(profile, null, null)
 * // [["£", "FY26/27", …], ["In-year spend reduction", -497312.4, …], ["Cumulative benefit", -497312.4, …]]
 */
export function profileGrid(profile: Profile, rows: unknown, orientation: unknown): Grid {
  const chosen = chosenRows(rows);
  const across: GridCell[][] = [
    ["£", ...profile.years.map((y) => y.label)],
    ...ROWS.filter(([w]) => chosen.includes(w)).map(([, label, pick]) => [label, ...profile.years.map(pick)]),
  ];
  const how = cellOption(orientation, "orientation", "rows");
  if (how === "rows" || how === "horizontal") return across;
  if (how === "columns" || how === "vertical") return across[0].map((_, j) => across.map((row) => row[j]));
  throw new EngineError("unknown-option", "orientation", `must be "rows" or "columns", got "${how}"`);
}

/**
 * MTFS.BENEFIT.PROFILE's answer: the profile of a range or a baseline volume plus positional arguments, spilled
 * as profileGrid lays it out.
 *
 * @example
 * benefitProfileCells(cfsRange, null, null)[0][1] // "FY26/27"
 */
export function benefitProfileCells(
  assumptions: unknown,
  rows: unknown,
  orientation: unknown,
  args: ProfileArguments = {},
): Grid {
  return profileGrid(profileFromCells(assumptions, args).profile, rows, orientation);
}

/**
 * MTFS.RUNRATE's answer: the full run rate (£ a year), the FY it is first reached, or the years to reach it.
 *
 * @example
 * runRateCells(cfsRange, "fy") // "FY31/32"
 */
export function runRateCells(assumptions: unknown, result: unknown): number | string {
  const { profile } = profileFromCells(assumptions);
  const what = cellOption(result, "result", "value");
  if (what === "value") return toPounds(profile.fullRunRate.value);
  if (what === "fy") return profile.fullRunRate.label;
  if (what === "years") return profile.timeToFullRunRateYears.toNumber();
  throw new EngineError("unknown-option", "result", `must be "value", "fy" or "years", got "${what}"`);
}

/**
 * MTFS.QUANTIFIED's answer: the cumulative benefit in the last MTFS year (£).
 *
 * @example
 * quantifiedCells(cfsRange) // about 1.10e6
 */
export function quantifiedCells(assumptions: unknown): number {
  return toPounds(profileFromCells(assumptions).profile.quantifiedOpportunity);
}
