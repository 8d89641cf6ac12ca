import {
  Decimal,
  EngineError,
  defaultScenarios,
  stretchAsConfident,
  type CostEstimate,
  type ScenarioDefinition,
  type ScenarioInput,
} from "../engine";
import { POUNDS_PER_MILLION, type ProgrammeConfig } from "./layouts/programmeConfig";

/**
 * The scenario inputs of a programme (examples/programme.json's `stretch` and `resourceCost`), in £: the
 * Programme total per MTFS year is the confident benefit, the typed resource areas are the typed estimate.
 */

function finite(v: unknown, field: string): Decimal {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new EngineError("invalid-type", field, `must be a number, got ${JSON.stringify(v)}`);
  }
  return new Decimal(v);
}

/**
 * The engine's ScenarioInput from a programme config, its totals and area amounts (both £, as the sheets hold
 * them), and the proposals' own stretch per MTFS year (£, summed over proposals that state one).
 *
 * @example
 * programmeScenarioInput(config, [0.4e6, 4.2e6, 16.8e6, 27.2e6], areaAmounts).stretch[3].toNumber() // 26300000
 */
export function programmeScenarioInput(
  config: ProgrammeConfig,
  totals: readonly number[],
  areaAmounts: readonly (readonly number[])[],
  proposalStretch?: readonly Decimal[],
): ScenarioInput {
  const years = config.mtfsYears;
  const fyLabels = config.fyLabels.slice(0, years);
  const confident = totals.slice(0, years).map((t) => new Decimal(t));
  const stated = config.stretch
    ? stretchAsConfident(
        confident,
        finite(config.stretch.lastMtfsYearMillions, "stretch.lastMtfsYearMillions").times(POUNDS_PER_MILLION),
      )
    : confident.map(() => new Decimal(0));
  const stretch = stated.map((s, i) => s.plus(proposalStretch?.[i] ?? 0));
  const costEstimates = (config.resourceCost.costEstimates ?? []).map((e, i): CostEstimate => {
    const field = `resourceCost.costEstimates[${i}]`;
    if ((e.totalImplementationMillions === undefined) === (e.externalShare === undefined)) {
      throw new EngineError(
        "contradictory",
        field,
        "give totalImplementationMillions or externalShare, one of them",
      );
    }
    return e.totalImplementationMillions !== undefined
      ? {
          name: e.name,
          kind: "total",
          total: finite(e.totalImplementationMillions, `${field}.totalImplementationMillions`).times(
            POUNDS_PER_MILLION,
          ),
        }
      : { name: e.name, kind: "externalShare", share: finite(e.externalShare, `${field}.externalShare`) };
  });
  return {
    fyLabels,
    confident,
    stretch,
    costAreas: config.resourceCost.areas.map((a, i) => ({
      area: a.area,
      amounts: (areaAmounts[i] ?? []).slice(0, years).map((x) => new Decimal(x)),
      external: a.external === true,
    })),
    typedEstimate: config.resourceCost.typedEstimate ?? "High",
    costEstimates,
  };
}

/**
 * The programme's scenarios: the engine's default set for its stretch and cost estimates, with the shares of
 * the stretch the Scenarios sheet holds now where given (a blank or non-number keeps the default).
 *
 * @example
 * scenarioDefinitions(config).map((s) => s.name) // ["Confident", "Stretch", "50% of stretch", "Medium costs"]
 */
export function scenarioDefinitions(
  config: ProgrammeConfig,
  shares: readonly (number | null)[] = [],
): ScenarioDefinition[] {
  return defaultScenarios({
    hasStretch: config.stretch !== undefined,
    typedEstimate: config.resourceCost.typedEstimate ?? "High",
    estimates: (config.resourceCost.costEstimates ?? []).map((e) => e.name),
  }).map((s, i) => {
    const share = shares[i];
    return typeof share === "number" && Number.isFinite(share) && share >= 0
      ? { ...s, stretchShare: new Decimal(share) }
      : s;
  });
}
