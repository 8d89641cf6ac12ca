import {
  formatMoney,
  nothingToPayBack,
  scenarioPaybackText,
  toPounds,
  type Decimal,
  type ScenarioResult,
} from "../../engine";
import { textTable } from "../table";

/**
 * Programme scenarios as `calc scenarios` prints them: one column per scenario (as the Scenarios sheet), £m in
 * the table, £ in JSON.
 */

const fy = (label: string): string => label.replace(/^FY/, "FY ");

function paybackText(r: ScenarioResult, fyLabels: readonly string[]): string {
  return scenarioPaybackText(r, `${fyLabels[0]}–${fyLabels[fyLabels.length - 1]}`);
}

/**
 * The scenarios side by side: benefits, costs and cumulative cashflow per MTFS year, then the totals and payback.
 *
 * @example
 * scenariosTable(fyLabels, results) // "Programme scenarios (£m) …\nFY 29/30 total  £27.22m  £53.52m …"
 */
export function scenariosTable(fyLabels: readonly string[], results: readonly ScenarioResult[]): string {
  const last = fy(fyLabels[fyLabels.length - 1] ?? "");
  const perYear = (caption: string, pick: (r: ScenarioResult) => readonly Decimal[]): string[][] =>
    fyLabels.map((l, i) => [`${caption} ${fy(l)}`, ...results.map((r) => formatMoney(pick(r)[i]))]);
  const rows = [
    ...perYear("Benefit", (r) => r.benefits),
    ["Total benefit over the MTFS", ...results.map((r) => formatMoney(r.totalBenefit))],
    [`${last} total`, ...results.map((r) => formatMoney(r.lastYearBenefit))],
    ...perYear("Implementation cost", (r) => r.costs),
    ["Implementation cost", ...results.map((r) => formatMoney(r.implementationCost))],
    ...perYear("Cumulative cashflow", (r) => r.cashflow),
    ["Payback (interpolated)", ...results.map((r) => paybackText(r, fyLabels))],
  ];
  const header = ["", ...results.map((r) => r.name)];
  const basis = results
    .map((r) => `${r.name}: ${r.stretchShare.times(100).toString()}% of stretch, ${r.costEstimate} costs`)
    .join("; ");
  return (
    `Programme scenarios (benefits net of ongoing costs; cashflow = Σ(costs − benefits))\n` +
    textTable(header, rows, ["left", ...results.map(() => "right" as const)]) +
    `\n${basis}\n`
  );
}

/**
 * JSON-ready scenarios: money in £, payback in years (null when it does not pay back in the MTFS, or there is
 * no implementation cost to pay back) and in the table's words.
 *
 * @example
 * scenariosJson(fyLabels, results).scenarios[0].payback // 3.25
 */
export function scenariosJson(
  fyLabels: readonly string[],
  results: readonly ScenarioResult[],
): Record<string, unknown> {
  const byYear = (xs: readonly Decimal[]) => fyLabels.map((l, i) => ({ fy: l, amount: toPounds(xs[i]) }));
  return {
    fyLabels,
    scenarios: results.map((r) => ({
      name: r.name,
      stretchShare: r.stretchShare.toNumber(),
      costEstimate: r.costEstimate,
      benefits: byYear(r.benefits),
      costs: byYear(r.costs),
      cumulativeCashflow: byYear(r.cashflow),
      totalBenefit: toPounds(r.totalBenefit),
      lastYearBenefit: toPounds(r.lastYearBenefit),
      implementationCost: toPounds(r.implementationCost),
      // Nothing to pay back (no implementation cost, never in deficit): null, as when it does not pay back.
      payback:
        r.payback.kind === "paysBack" && !nothingToPayBack(r)
          ? r.payback.years.toDecimalPlaces(4).toNumber()
          : null,
      paybackText: paybackText(r, fyLabels),
      paybackConvention: r.payback.convention,
    })),
  };
}
