import { decimalOfNumber } from "./calculator";
import { EngineError } from "./errors";
import { moveInputs, withDecimal, type MovedInput, type MoveOptions } from "./riskInputs";
import { programmeFys, type RiskFigures, type RiskModel } from "./riskModel";

/**
 * Sensitivity (a tornado): the quantified opportunity (net benefit in the last MTFS FY) and the MTFS row in
 * that FY with one input at its low and then its high, every other input at its base. Ends are the risk
 * entry's low/high, else its distribution's, else base ∓ 10% of |base|. Rows are sorted by swing
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
  /** Why an end stayed at the base figure (the model refused that value), when it did. */
  readonly note?: string;
  /** The same refusals as values (the field and rule the engine named), for an edge that names fields its own way. */
  readonly refused?: readonly SensitivityRefusal[];
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
    const lo = end(x.low, "low");
    const hi = end(x.high, "high");
    return {
      proposal,
      input: x.path,
      base: x.base / x.scale,
      low: x.low / x.scale,
      high: x.high / x.scale,
      defaultEnds: x.defaultEnds,
      opportunityAtLow: lo.opportunity,
      opportunityAtHigh: hi.opportunity,
      mtfsAtLow: lo.mtfs,
      mtfsAtHigh: hi.mtfs,
      swing: Math.abs(hi.opportunity - lo.opportunity),
      ...(refused.length > 0 ? { note: refusalNote(refused, (f) => f), refused } : {}),
    };
  });
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
