import { Decimal, ZERO, toDecimal, type DecimalLike } from "./money";
import { EngineError } from "./errors";
import { cumulativeCashflow, payback, type PaybackResult } from "./programme";

/**
 * Programme-level scenarios (the scrutiny report's paragraphs 21–23 and 42): the "confident" programme as the
 * tables print it, the "stretch" (an uplift on the benefits), a share of the stretch, and Table 3's
 * implementation-cost estimates (High as typed; Medium / Low stated as a total or a share of the external
 * costs). A scenario changes inputs only: the benefits per FY and the costs per FY. Cashflow and payback are
 * the same programme maths as Table 3 (`programme.ts`). Amounts are in one unit (£) per call.
 */

/** One Table 3 resource area: its costs per MTFS year, and whether it is external (what an estimate scales). */
export interface CostArea {
  readonly area: string;
  readonly amounts: readonly Decimal[];
  /** External implementation capacity (paragraph 40): the part a Medium / Low estimate changes. */
  readonly external: boolean;
}

/**
 * An implementation-cost estimate other than the typed one: either the total implementation cost it states
 * (the external areas are scaled pro rata to reach it, their phasing kept) or the share of external costs kept.
 */
export type CostEstimate =
  | { readonly name: string; readonly kind: "total"; readonly total: Decimal }
  | { readonly name: string; readonly kind: "externalShare"; readonly share: Decimal };

/** What every scenario starts from. */
export interface ScenarioInput {
  /** The MTFS years, first first ("FY26/27".."FY29/30"). */
  readonly fyLabels: readonly string[];
  /** The confident programme's benefits per MTFS year (the Programme total, net of ongoing costs). */
  readonly confident: readonly Decimal[];
  /** The full stretch's extra benefit per MTFS year (0 where none is stated). */
  readonly stretch: readonly Decimal[];
  readonly costAreas: readonly CostArea[];
  /** Name of the estimate the typed costs are (Table 3: "High"). */
  readonly typedEstimate: string;
  readonly costEstimates: readonly CostEstimate[];
}

/** A named scenario: how much of the stretch it takes and which cost estimate. */
export interface ScenarioDefinition {
  readonly name: string;
  /** Share of the stretch added to the confident benefits (0 = confident, 1 = full stretch). */
  readonly stretchShare: Decimal;
  readonly costEstimate: string;
}

/** One scenario's figures, per MTFS year and in total. */
export interface ScenarioResult extends ScenarioDefinition {
  readonly benefits: readonly Decimal[];
  readonly costs: readonly Decimal[];
  /** Running Σ(costs − benefits), as Table 3. */
  readonly cashflow: readonly Decimal[];
  /** Σ benefits over the MTFS years ("total 4-year financial benefit"). */
  readonly totalBenefit: Decimal;
  /** Benefits in the last MTFS year (the FY29/30 total). */
  readonly lastYearBenefit: Decimal;
  /** Σ costs over the MTFS years. */
  readonly implementationCost: Decimal;
  readonly payback: PaybackResult;
}

function sameLength(xs: readonly unknown[], n: number, field: string): void {
  if (xs.length !== n) {
    throw new EngineError(
      "out-of-range",
      field,
      `must have one value per MTFS year (${n}), got ${xs.length}`,
    );
  }
}

/**
 * A stretch stated only for the last MTFS year, phased like the confident benefits (each year's stretch =
 * that year's confident benefit × stretch ÷ the last year's confident benefit). Paragraph 22 states +£26.3m
 * "across the MTFS period" and no phasing; this is the one that reproduces paragraph 42's £72m.
 *
 * @example
 * stretchAsConfident([1, 2].map((x) => new Decimal(x)), 4).map(String) // ["2", "4"]
 */
export function stretchAsConfident(confident: readonly Decimal[], lastYearStretch: DecimalLike): Decimal[] {
  const last = confident[confident.length - 1];
  if (last === undefined || last.lte(0)) {
    throw new EngineError(
      "out-of-range",
      "stretch",
      "can be phased like the confident benefits only when their last MTFS year is above 0",
    );
  }
  const s = toDecimal(lastYearStretch);
  return confident.map((c) => c.times(s).div(last));
}

/**
 * The share of the typed external costs an estimate keeps: 1 for `input.typedEstimate`; for a stated total,
 * (total − internal costs) ÷ external costs, so the internal areas stay as typed and the external ones keep
 * their phasing.
 *
 * @example
 * externalScale(table3, "Medium").toFixed(3) // "0.664" (£21m against Table 3's £28.5m as typed)
 */
export function externalScale(input: ScenarioInput, estimate: string): Decimal {
  if (estimate === input.typedEstimate) return new Decimal(1);
  const found = input.costEstimates.find((e) => e.name === estimate);
  if (!found) {
    const known = [input.typedEstimate, ...input.costEstimates.map((e) => e.name)].join(", ");
    throw new EngineError("unknown-option", "costEstimate", `must be one of ${known}, got "${estimate}"`);
  }
  let scale: Decimal;
  if (found.kind === "externalShare") scale = found.share;
  else {
    const all = input.costAreas.flatMap((a) => a.amounts.map((x) => ({ x, external: a.external })));
    const sum = (external: boolean): Decimal =>
      all.filter((a) => a.external === external).reduce((s, a) => s.plus(a.x), ZERO);
    const ext = sum(true);
    if (ext.lte(0)) {
      throw new EngineError(
        "contradictory",
        `costEstimates (${found.name}).total`,
        "needs at least one external resource area with costs to scale",
      );
    }
    scale = found.total.minus(sum(false)).div(ext);
  }
  if (scale.lt(0)) {
    throw new EngineError(
      "out-of-range",
      `costEstimates (${found.name})`,
      "must not be below the internal costs (external costs would be negative)",
    );
  }
  return scale;
}

/**
 * Implementation costs per MTFS year under an estimate: the internal areas as typed plus the external areas ×
 * `externalScale` (the typed costs for the typed estimate).
 *
 * @example
 * estimateCosts(input, "Medium") // Table 3 with external costs scaled so the total is £21m
 */
export function estimateCosts(input: ScenarioInput, estimate: string): Decimal[] {
  const n = input.fyLabels.length;
  input.costAreas.forEach((a, i) => sameLength(a.amounts, n, `costAreas[${i}].amounts`));
  const scale = externalScale(input, estimate);
  return Array.from({ length: n }, (_, y) =>
    input.costAreas.reduce((s, a) => s.plus(a.external ? a.amounts[y].times(scale) : a.amounts[y]), ZERO),
  );
}

/** What decides the default scenarios: whether a stretch is stated and which cost estimates there are. */
export interface ScenarioChoices {
  readonly hasStretch: boolean;
  readonly typedEstimate: string;
  readonly estimates: readonly string[];
}

/**
 * The choices of an input: a stretch when any year's is not 0, its estimates by name.
 *
 * @example
 * scenarioChoices(input) // { hasStretch: true, typedEstimate: "High", estimates: ["Medium"] }
 */
export function scenarioChoices(input: ScenarioInput): ScenarioChoices {
  return {
    hasStretch: input.stretch.some((s) => !s.isZero()),
    typedEstimate: input.typedEstimate,
    estimates: input.costEstimates.map((e) => e.name),
  };
}

/**
 * The scenarios the report names: Confident, Stretch (all of it), "50% of stretch" (when a stretch is stated),
 * then one per cost estimate other than the typed one ("Medium costs", ...), each with the confident benefits.
 *
 * @example
 * defaultScenarios(scenarioChoices(input)).map((s) => s.name)
 * // ["Confident", "Stretch", "50% of stretch", "Medium costs"]
 */
export function defaultScenarios(choices: ScenarioChoices): ScenarioDefinition[] {
  const typed = choices.typedEstimate;
  return [
    { name: "Confident", stretchShare: ZERO, costEstimate: typed },
    ...(choices.hasStretch
      ? [
          { name: "Stretch", stretchShare: new Decimal(1), costEstimate: typed },
          { name: "50% of stretch", stretchShare: new Decimal("0.5"), costEstimate: typed },
        ]
      : []),
    ...choices.estimates.map((e) => ({ name: `${e} costs`, stretchShare: ZERO, costEstimate: e })),
  ];
}

/**
 * One scenario: benefits = confident + share × stretch, costs from its estimate, then Table 3's cashflow and
 * (interpolated) payback.
 *
 * @example
 * runScenario(input, { name: "Confident", stretchShare: ZERO, costEstimate: "High" }).payback
 * // { kind: "paysBack", years: 3.23..., convention: "interpolated" } for Table 3
 */
export function runScenario(input: ScenarioInput, scenario: ScenarioDefinition): ScenarioResult {
  const n = input.fyLabels.length;
  sameLength(input.confident, n, "confident");
  sameLength(input.stretch, n, "stretch");
  if (scenario.stretchShare.lt(0)) {
    throw new EngineError(
      "out-of-range",
      `scenarios (${scenario.name}).stretchShare`,
      `must be 0 or more, got ${scenario.stretchShare.toString()}`,
    );
  }
  const benefits = input.confident.map((c, i) => c.plus(input.stretch[i].times(scenario.stretchShare)));
  const costs = estimateCosts(input, scenario.costEstimate);
  const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), ZERO);
  return {
    ...scenario,
    benefits,
    costs,
    cashflow: cumulativeCashflow(costs, benefits),
    totalBenefit: sum(benefits),
    lastYearBenefit: benefits[n - 1] ?? ZERO,
    implementationCost: sum(costs),
    payback: payback(costs, benefits, "interpolated"),
  };
}

/**
 * Every scenario side by side (the default set unless `scenarios` is given).
 *
 * @example
 * runScenarios(input).map((r) => r.lastYearBenefit.toFixed(1)) // ["27.2", "53.5", "40.4", "27.2"] in £m
 */
export function runScenarios(
  input: ScenarioInput,
  scenarios: readonly ScenarioDefinition[] = defaultScenarios(scenarioChoices(input)),
): ScenarioResult[] {
  return scenarios.map((s) => runScenario(input, s));
}
