import { decimalCalculator } from "./calculator";
import { projectDemand, type DemandModel } from "./demandModel";
import { Decimal } from "./money";
import type { Baseline } from "./types";

/**
 * A cohort stream's baseline taken from a demand model (issue 16): the model's do-nothing line, FY by FY, so
 * an entry or exit proposal stands on the same demand projection as the MTFS demand line.
 */

/** Which do-nothing series is the baseline: entries a year (entry lever) or the stock (exit lever). */
export type DemandMeasure = "entries" | "stock";

/** A baseline that names a demand model, as parsed (the model inline; the CLI reads a named file). */
export interface DemandBaselineInput {
  readonly model: DemandModel;
  readonly measure: DemandMeasure;
  /** Multiplies every volume (e.g. the share of the entries the proposal works with); default 1. */
  readonly scale?: Decimal;
}

/**
 * The baseline of a demand model's do-nothing projection: `byFy` holds the measure for every year of the model
 * (entries in the year, or the stock at its end) × scale; `volumePerYear` is the base year's value and
 * `growthPerYear` the compound growth from the base year to the model's last year, which carries the volume
 * on past the model's end (and grows a capped cohort).
 *
 * @example
 * const b = baselineFromDemand({ model, measure: "entries" });
 * b.byFy?.get(2029)?.toNumber() // 14,983 for the national model
 */
export function baselineFromDemand(input: DemandBaselineInput): Baseline {
  const scale = input.scale ?? new Decimal(1);
  const projection = projectDemand(input.model, decimalCalculator);
  const byFy = new Map<number, Decimal>();
  for (const y of projection.years) {
    const line = y.doNothing;
    byFy.set(y.year, (input.measure === "entries" ? line.entries : line.stock).times(scale));
  }
  const { baseYear, endYear } = input.model;
  const first = byFy.get(baseYear) ?? new Decimal(0);
  const last = byFy.get(endYear) ?? first;
  const growthPerYear =
    first.isZero() || last.isZero()
      ? new Decimal(0)
      : last
          .div(first)
          .pow(new Decimal(1).div(endYear - baseYear))
          .minus(1);
  return { volumePerYear: first, growthPerYear, baseFy: baseYear, byFy };
}
