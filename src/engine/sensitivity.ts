import { decimalOfNumber } from "./calculator";
import { EngineError } from "./errors";
import { formatMoney } from "./present";
import { decimalAt, moveInputs, withDecimal, type MovedInput, type MoveOptions } from "./riskInputs";
import { programmeFys, type RiskFigures, type RiskModel } from "./riskModel";

/**
 * Sensitivity (a tornado): the quantified opportunity (net benefit in the last MTFS FY) and the MTFS row in
 * that FY with one input at its low and then its high, every other input at its base. Ends are the risk
 * entry's low/high, else its distribution's, else base ∓ 10% of |base|; a default end the model refuses for
 * a bound (a fraction above 1, a fee below the current fee) is held at that bound. Rows are sorted by swing
 * |opportunity at high − opportunity at low|, largest first (ties keep the input order).
 */

/** One bar of the tornado. Money in £ (plain numbers). */
export interface SensitivityRow {
  /** Proposal name (in a programme tornado) or "" for one proposal. */
  readonly proposal: string;
  /** The input's path, as stated (e.g. "target.value"). */
  readonly input: string;
  /** Base, low and high in the stated unit (months for a Months path). */
  readonly base: number;
  readonly low: number;
  readonly high: number;
  readonly defaultEnds: boolean;
  readonly opportunityAtLow: number;
  readonly opportunityAtHigh: number;
  readonly mtfsAtLow: number;
  readonly mtfsAtHigh: number;
  /** |opportunityAtHigh − opportunityAtLow|. */
  readonly swing: number;
  /** Why an end was held at a bound or stayed at the base figure (the model refused that value), when it did. */
  readonly note?: string;
  /** The same refusals as values (the field and rule the engine named), for an edge that names fields its own way. */
  readonly refused?: readonly SensitivityRefusal[];
  /** Default ends held at a bound of the input's rule, as values (for an edge that names fields its own way). */
  readonly held?: readonly SensitivityHeld[];
}

/** A default end held at a bound: which end, the bound (stated unit), and why (a rule, or a rule and a field). */
export interface SensitivityHeld {
  readonly end: "low" | "high";
  readonly value: number;
  /** "a share", or "must not be below" when `field` names the input the bound comes from. */
  readonly why: string;
  /** The path of the input whose value is the bound (a fee's current fee), when it is one. */
  readonly field?: string;
}

/** An end the model refused: which end, and the field and rule of the engine's error. */
export interface SensitivityRefusal {
  readonly end: "low" | "high";
  readonly field: string;
  readonly rule: string;
}

/** A tornado and the base figures it swings about. */
export interface Sensitivity {
  readonly opportunity: number;
  readonly mtfs: number;
  readonly rows: readonly SensitivityRow[];
}

function at(figures: RiskFigures, i: number): { opportunity: number; mtfs: number } {
  return { opportunity: figures.net[i], mtfs: figures.mtfs[i] };
}

function rowsOf<A>(
  model: RiskModel<A>,
  inputs: readonly MovedInput[],
  proposal: string,
  base: { opportunity: number; mtfs: number },
): SensitivityRow[] {
  return inputs.map((x) => {
    const refused: SensitivityRefusal[] = [];
    const end = (value: number, which: "low" | "high"): { opportunity: number; mtfs: number } => {
      if (value === x.base) return base;
      try {
        return at(
          model.evaluate(withDecimal(model.assumptions, x.parsedPath, decimalOfNumber(value))),
          model.mtfsIndex,
        );
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        refused.push({ end: which, field: e.field, rule: e.rule });
        return base;
      }
    };
    const ends = { low: x.low, high: x.high };
    const held: SensitivityHeld[] = [];
    const tryEnd = (which: "low" | "high"): { opportunity: number; mtfs: number } => {
      const before = refused.length;
      const first = end(ends[which], which);
      // Only a default end is held at a bound: a stated end that breaks a rule is the user's to fix.
      if (!x.defaultEnds || refused.length === before) return first;
      const bound = boundOf(model.assumptions, x, refused[before], which);
      if (bound === undefined) return first;
      refused.pop();
      const again = end(bound.value, which);
      if (refused.length > before) return again;
      ends[which] = bound.value;
      held.push({ end: which, value: bound.value / x.scale, why: bound.why, ...bound.field });
      return again;
    };
    const lo = tryEnd("low");
    const hi = tryEnd("high");
    return {
      proposal,
      input: x.path,
      base: x.base / x.scale,
      low: ends.low / x.scale,
      high: ends.high / x.scale,
      defaultEnds: x.defaultEnds,
      opportunityAtLow: lo.opportunity,
      opportunityAtHigh: hi.opportunity,
      mtfsAtLow: lo.mtfs,
      mtfsAtHigh: hi.mtfs,
      swing: Math.abs(hi.opportunity - lo.opportunity),
      ...(held.length + refused.length > 0 ? { note: endsNote({ held, refused }, (f) => f) } : {}),
      ...(refused.length > 0 ? { refused } : {}),
      ...(held.length > 0 ? { held } : {}),
    };
  });
}

/** An end for a note: at most six significant figures (a fee of 171, a share of 1). */
const formatEnd = (v: number): string => String(Number(v.toPrecision(6)));

/** The last segment of a path ("streams[0].ramp[1].share" → "share"). */
const lastKey = (path: string): string => path.replace(/.*[.\]]/, "");

/**
 * The bound a refused default end is held at, in the parsed unit, when the refusal is a bound the end
 * crossed on its way from the base: "between a and b" (a share or fraction), or "must not be below/above
 * <sibling>" (a fee and the current fee: the sibling's value in the same record). Undefined otherwise.
 */
function boundOf(
  tree: unknown,
  x: MovedInput,
  r: SensitivityRefusal,
  which: "low" | "high",
): { value: number; why: string; field?: { field: string } } | undefined {
  let value: number | undefined;
  let why = r.rule;
  let field: { field: string } | undefined;
  const between = /between (-?[\d.]+) and (-?[\d.]+)(?: \(([^)]*)\))?/.exec(r.rule);
  // The sibling by its key: bare, or in brackets after its caption ('"current fee" (currentFeePerUnit)').
  const sibling = /must not be (?:below|above) (?:"[^"]*" \()?([A-Za-z]+)\)?$/.exec(r.rule);
  if (between && lastKey(r.field) === lastKey(x.parsedPath)) {
    value = Number(which === "high" ? between[2] : between[1]) * x.scale;
    if (between[3] !== undefined) why = between[3].replace(/^a fraction$/, "a share");
  } else if (sibling) {
    const own = lastKey(x.parsedPath);
    const names = [lastKey(r.field), sibling[1]];
    if (!names.includes(own)) return undefined;
    const other = names.find((n) => n !== own);
    if (other === undefined) return undefined;
    const parent = x.parsedPath.slice(0, x.parsedPath.length - own.length);
    value = decimalAt(tree, `${parent}${other}`)?.toNumber();
    // The rule reads from the erring field; the other field of the pair sees it the other way round.
    const below = /below/.test(r.rule) === (own === names[0]);
    why = `must not be ${below ? "below" : "above"}`;
    field = { field: `${parent}${other}` };
  }
  if (value === undefined || !Number.isFinite(value)) return undefined;
  // The bound must lie between the base and the refused end, or holding there is no help.
  const crossed = which === "high" ? x.base <= value && value < x.high : x.low < value && value <= x.base;
  return crossed ? { value, why, ...(field ? { field } : {}) } : undefined;
}

/**
 * The note of refused ends, each field named by `name` (the engine's field by default).
 *
 * @example
 * refusalNote([{ end: "low", field: "durationWeeks", rule: "must be > 0" }], (f) => f)
 * // "low refused (durationWeeks: must be > 0); base figure kept"
 */
export function refusalNote(refused: readonly SensitivityRefusal[], name: (field: string) => string): string {
  return refused.map((x) => `${x.end} refused (${name(x.field)}: ${x.rule}); base figure kept`).join("; ");
}

/**
 * A row's note: its held ends, then its refused ones, each field named by `name`.
 *
 * @example
 * endsNote({ held: [{ end: "high", value: 1, why: "a share" }] }, (f) => f) // "high held at 1 (a share)"
 */
export function endsNote(
  row: Pick<SensitivityRow, "held" | "refused">,
  name: (field: string) => string,
): string {
  const held = (row.held ?? []).map(
    (h) => `${h.end} held at ${formatEnd(h.value)} (${h.why}${h.field ? ` ${name(h.field)}` : ""})`,
  );
  const refused = row.refused && row.refused.length > 0 ? [refusalNote(row.refused, name)] : [];
  return [...held, ...refused].join("; ");
}

const bySwing = (rows: SensitivityRow[]): SensitivityRow[] =>
  rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.swing - a.r.swing || a.i - b.i)
    .map(({ r }) => r);

/** Options: the default ±share, and whether inputs the risk block does not name are moved too (default yes). */
export type SensitivityOptions = MoveOptions & { readonly allInputs?: boolean };

/**
 * The tornado of one proposal.
 *
 * @example
 * const t = proposalSensitivity(profileRiskModel("CFS", cfs));
 * t.rows[0].input // the input that moves the FY29/30 figure most
 */
export function proposalSensitivity<A>(model: RiskModel<A>, options: SensitivityOptions = {}): Sensitivity {
  // The reported base comes from the Decimal engine; the ends run on plain numbers.
  const base = at(model.exact(), model.mtfsIndex);
  const inputs = moveInputs(model.assumptions, model.entries, {
    ...options,
    ...(model.confidence ? { confidence: model.confidence } : {}),
  });
  return { ...base, rows: bySwing(rowsOf(model, inputs, "", base)) };
}

/**
 * The tornado of a programme: every proposal's inputs, each moved alone, against the programme total
 * (Σ of the proposals' figures in their last MTFS FY; the other proposals stay at base).
 *
 * @example
 * programmeSensitivity([cfsModel, fbpModel]).rows[0].proposal // the proposal whose input moves the total most
 */
export function programmeSensitivity(
  models: readonly RiskModel<unknown>[],
  options: SensitivityOptions = {},
): Sensitivity {
  if (models.length === 0) throw new EngineError("missing", "proposals", "must have at least one proposal");
  programmeFys(models);
  const parts = models.map((m) => ({ m, t: proposalSensitivity(m, options) }));
  const opportunity = parts.reduce((a, p) => a + p.t.opportunity, 0);
  const mtfs = parts.reduce((a, p) => a + p.t.mtfs, 0);
  const rows = parts.flatMap(({ m, t }) =>
    t.rows.map((r) => ({
      ...r,
      proposal: m.name,
      opportunityAtLow: opportunity - t.opportunity + r.opportunityAtLow,
      opportunityAtHigh: opportunity - t.opportunity + r.opportunityAtHigh,
      mtfsAtLow: mtfs - t.mtfs + r.mtfsAtLow,
      mtfsAtHigh: mtfs - t.mtfs + r.mtfsAtHigh,
    })),
  );
  return { opportunity, mtfs, rows: bySwing(rows) };
}

/** Half a penny: a figure that moves less reads "-" at pennies, so the input changes nothing there. */
export const NO_CHANGE_POUNDS = 0.005;

/** The most inputs that change nothing a tornado names in its line beneath; more are only counted. */
export const UNMOVED_NAMED_MAX = 3;

/**
 * Whether an input moves neither the quantified opportunity nor the MTFS row at either end (a baseline under a
 * count target, a one-off that lands before the FY read): its bars would be empty.
 *
 * @example
 * changesNothing(t, t.rows.find((r) => r.input === "baseline.volumePerYear")!) // true under a countPerYear target
 */
export function changesNothing(t: Sensitivity, row: SensitivityRow): boolean {
  const still = (x: number, base: number): boolean => Math.abs(x - base) < NO_CHANGE_POUNDS;
  return (
    still(row.opportunityAtLow, t.opportunity) &&
    still(row.opportunityAtHigh, t.opportunity) &&
    still(row.mtfsAtLow, t.mtfs) &&
    still(row.mtfsAtHigh, t.mtfs)
  );
}

/**
 * Whether an input moves the MTFS row but not the quantified opportunity (inflation on a saving the
 * opportunity counts at base prices): its swing is 0 for a reason a bare "-" does not give.
 *
 * @example
 * movesOnlyMtfsRow(t, t.rows.find((r) => r.input === "streams[0].inflationPerYear")!) // true for Reablement
 */
export function movesOnlyMtfsRow(t: Sensitivity, row: SensitivityRow): boolean {
  const still = (x: number, base: number): boolean => Math.abs(x - base) < NO_CHANGE_POUNDS;
  return (
    still(row.opportunityAtLow, t.opportunity) &&
    still(row.opportunityAtHigh, t.opportunity) &&
    !changesNothing(t, row)
  );
}

/** What a tornado's swing cell says for an input that moves only the MTFS row (movesOnlyMtfsRow). */
export const MTFS_ROW_ONLY = "MTFS row only";

/** Why an input's swing is 0 when it moves only the MTFS row: short, to print in a sheet's Note column. */
export const MOVES_ONLY_MTFS_ROW = "moves only the MTFS row";

/**
 * Why a row moving only the MTFS row has no swing ("" for any other row); with `figures`, the MTFS row at each
 * end too, as the CLI's line beneath its table says it.
 *
 * @example
 * mtfsOnlyNote(t, inflationRow, true) // "moves only the MTFS row (£4.20m at low, £4.34m at high), not the quantified opportunity"
 */
export function mtfsOnlyNote(t: Sensitivity, row: SensitivityRow, figures = false): string {
  if (!movesOnlyMtfsRow(t, row)) return "";
  if (!figures) return MOVES_ONLY_MTFS_ROW;
  return `${MOVES_ONLY_MTFS_ROW} (${formatMoney(row.mtfsAtLow)} at low, ${formatMoney(row.mtfsAtHigh)} at high), not the quantified opportunity`;
}

/**
 * A row's note on every surface: its held or refused ends (as `ends` words them), then mtfsOnlyNote.
 *
 * @example
 * sensitivityNote(t, row, "high held at 1 (a share)") // "high held at 1 (a share); moves only the MTFS row"
 */
export function sensitivityNote(t: Sensitivity, row: SensitivityRow, ends: string, figures = false): string {
  return [ends, mtfsOnlyNote(t, row, figures)].filter((x) => x !== "").join("; ");
}

/**
 * A tornado's rows as a chart and its ranked table show them: `moving` (in swing order) and the inputs that
 * change nothing (`unmoved`, in the same order), left out of both and counted beneath. MTFS.SENSITIVITY spills
 * every row instead: the user asked for those inputs.
 *
 * @example
 * rankedRows(proposalTornado(stepDown, raw)).unmoved.map((r) => r.input) // ["baseline.volumePerYear", "baseline.growthPerYear", …]
 */
export function rankedRows(t: Sensitivity): {
  readonly moving: readonly SensitivityRow[];
  readonly unmoved: readonly SensitivityRow[];
} {
  const moving: SensitivityRow[] = [];
  const unmoved: SensitivityRow[] = [];
  for (const r of t.rows) (changesNothing(t, r) ? unmoved : moving).push(r);
  return { moving, unmoved };
}

/**
 * The line beneath a tornado saying how many inputs change nothing, naming them (by `nameOf`) when there are
 * at most UNMOVED_NAMED_MAX and the line fits in `maxChars`; "" when every input moves a figure.
 *
 * @example
 * unmovedLine(rankedRows(t).unmoved, (r) => r.input)
 * // "2 inputs change nothing at their low or high, so are not shown: baseline.volumePerYear; baseline.growthPerYear."
 */
export function unmovedLine(
  unmoved: readonly SensitivityRow[],
  nameOf: (row: SensitivityRow) => string,
  maxChars = Infinity,
): string {
  const n = unmoved.length;
  if (n === 0) return "";
  const head =
    n === 1
      ? "1 input changes nothing at its low or high, so is not shown"
      : `${n} inputs change nothing at their low or high, so are not shown`;
  const named = `${head}: ${unmoved.map(nameOf).join("; ")}.`;
  if (n <= UNMOVED_NAMED_MAX && named.length <= maxChars) return named;
  // Too many or too long to name in the space given (a sheet's one line): where to see them all.
  return n <= UNMOVED_NAMED_MAX ? `${head} (MTFS.SENSITIVITY lists every input).` : `${head}.`;
}
