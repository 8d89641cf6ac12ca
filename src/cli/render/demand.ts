import {
  fyLabel,
  formatMillions,
  toPounds,
  type Decimal,
  type DemandModel,
  type DemandProjection,
} from "../../engine";
import { textTable } from "../table";

/**
 * A demand projection as the CLI prints it: JSON with one row per year (money in £, rounded to pennies at
 * this edge only; volumes to 2 dp) or a table in £m.
 */

const volume = (d: Decimal): number => d.toDecimalPlaces(2).toNumber();
const whole = (d: Decimal): string => d.toDecimalPlaces(0).toNumber().toLocaleString("en-GB");

/**
 * JSON-ready projection. `stock`, `entries` and `exits` are the with-impact line; the do-nothing volumes
 * are beside them.
 *
 * @example
 * demandJson(model, projection).years[1]
 * // { year: "FY25/26", base: false, doNothingSpend: 3362…, withImpactSpend: 3362…, budget: 2791…, stock: 26935.35, ... }
 */
export function demandJson(model: DemandModel, p: DemandProjection<Decimal>): Record<string, unknown> {
  return {
    name: model.name,
    reportFrom: fyLabel(model.reportFrom),
    benefitBasis: model.benefitBasis,
    breakEvenYear: p.breakEvenYear === undefined ? null : fyLabel(p.breakEvenYear),
    overspendToBreakEven: toPounds(p.overspendToBreakEven),
    cumulativeOverspendDoNothing: toPounds(p.cumulativeOverspendDoNothing),
    cumulativeOverspendWithImpact: toPounds(p.cumulativeOverspendWithImpact),
    cumulativeBenefit: toPounds(p.cumulativeBenefit),
    cumulativeCashable: toPounds(p.cumulativeCashable),
    cumulativeCostAvoidance: toPounds(p.cumulativeCostAvoidance),
    years: p.years.map((y) => ({
      year: y.label,
      base: y.base,
      doNothingSpend: toPounds(y.doNothing.spend),
      withImpactSpend: toPounds(y.withImpact.spend),
      budget: toPounds(y.budget),
      stock: volume(y.withImpact.stock),
      entries: volume(y.withImpact.entries),
      exits: volume(y.withImpact.exits),
      doNothingStock: volume(y.doNothing.stock),
      doNothingEntries: volume(y.doNothing.entries),
      doNothingExits: volume(y.doNothing.exits),
      unitCost: toPounds(y.unitCost),
      overspendDoNothing: toPounds(y.doNothing.overspend),
      overspendWithImpact: toPounds(y.withImpact.overspend),
      cumulativeOverspendWithImpact: toPounds(y.cumulativeOverspendWithImpact),
      benefit: toPounds(y.benefit),
      cashable: toPounds(y.cashable),
      costAvoidance: toPounds(y.costAvoidance),
      cumulativeBenefit: toPounds(y.cumulativeBenefit),
    })),
    // A model run by month ("step": "month") also lists its months (April = month 1 of the FY).
    ...(p.months === undefined
      ? {}
      : {
          months: p.months.map((m) => ({
            year: fyLabel(m.year),
            month: m.month,
            doNothingSpend: toPounds(m.doNothing.spend),
            withImpactSpend: toPounds(m.withImpact.spend),
            stock: volume(m.withImpact.stock),
            entries: volume(m.withImpact.entries),
            exits: volume(m.withImpact.exits),
            doNothingStock: volume(m.doNothing.stock),
          })),
        }),
  };
}

/**
 * The projection as a terminal table (£m, 1 dp) with the headline figures under it.
 *
 * @example
 * demandTable(model, projection) // "FY       Stock (do nothing)  Stock (with impact)  Do nothing  ..."
 */
export function demandTable(model: DemandModel, p: DemandProjection<Decimal>): string {
  const money = (d: Decimal): string => formatMillions(d, 1);
  const rows = p.years.map((y) => [
    y.base ? `${y.label} (base)` : y.label,
    whole(y.doNothing.stock),
    whole(y.withImpact.stock),
    money(y.doNothing.spend),
    money(y.withImpact.spend),
    money(y.budget),
    money(y.withImpact.overspend),
    money(y.cumulativeOverspendWithImpact),
    money(y.benefit),
  ]);
  const table = textTable(
    [
      "FY",
      "Stock (do nothing)",
      "Stock (with impact)",
      "Do nothing",
      "With impact",
      "Budget",
      "Overspend",
      "Cumulative overspend",
      "Benefit",
    ],
    rows,
    ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
  const from = fyLabel(model.reportFrom);
  const breakEven =
    p.breakEvenYear === undefined
      ? `Break-even: not by ${fyLabel(model.endYear)} (overspend from ${from}: ${money(p.overspendToBreakEven)})`
      : `Break-even: ${fyLabel(p.breakEvenYear)}, after ${money(p.overspendToBreakEven)} overspend from ${from}`;
  return [
    model.name,
    "",
    table,
    "",
    breakEven,
    `Cumulative overspend from ${from}: do nothing ${money(p.cumulativeOverspendDoNothing)}, with impact ${money(p.cumulativeOverspendWithImpact)}`,
    `Cumulative benefit against do nothing: ${money(p.cumulativeBenefit)} (cashable ${money(p.cumulativeCashable)}, cost avoidance ${money(p.cumulativeCostAvoidance)})`,
  ].join("\n");
}
