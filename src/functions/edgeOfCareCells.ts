import { Decimal, PLACEMENT_YEARS_RULES, edgeOfCarePeriod } from "../engine";
import { cellNumber, cellRate, isBlank } from "./cells";
import type { Grid } from "./invoke";

/**
 * MTFS.EDGE.OF.CARE's body: an edge-of-care programme's expected figures from its drivers, through the
 * engine's period maths (Edge of Care summary report, Appendix Two): gross = children × success × placement
 * years × average annual placement cost; post-deflator = gross × deflator; net = post-deflator − intervention cost;
 * in-year diversions = children × success × deflator.
 */

/** Column labels of the result, in order. */
export const EDGE_OF_CARE_LABELS = [
  "Cumulative gross",
  "Post-deflator cumulative",
  "Net",
  "In-year diversions",
];

/**
 * The header row of labels and the row of figures (£, and children for diversions).
 *
 * @example
 * edgeOfCareCells(38, 0.87, 52000, null, 0.45, 708000, null)
 * // [[...labels], [3438240, 1547208, 839208, 14.877]]
 */
export function edgeOfCareCells(
  children: unknown,
  successRate: unknown,
  averageAnnualPlacementCost: unknown,
  placementYears: unknown,
  deflator: unknown,
  interventionCost: unknown,
  labels: unknown,
): Grid {
  const childrenStarted = cellNumber(children, "children", { min: 0 });
  const r = edgeOfCarePeriod({
    kind: "target",
    period: "formula",
    familiesStarted: childrenStarted,
    childrenStarted,
    successRate: cellRate(successRate, "successRate", { min: 0, max: 1 }),
    averageAnnualPlacementCost: cellNumber(averageAnnualPlacementCost, "averageAnnualPlacementCost", {
      min: 0,
    }),
    placementYears: isBlank(placementYears)
      ? new Decimal(2)
      : cellNumber(placementYears, "placementYears", PLACEMENT_YEARS_RULES),
    deflator: {
      kind: "rate",
      value: isBlank(deflator) ? new Decimal(1) : cellRate(deflator, "deflator", { min: 0, max: 1 }),
    },
    interventionCost: isBlank(interventionCost)
      ? new Decimal(0)
      : cellNumber(interventionCost, "interventionCost", { min: 0 }),
  });
  const figures = [
    r.cumulativeGross,
    r.postDeflatorCumulative,
    r.net ?? r.postDeflatorCumulative,
    r.inYearDiversions,
  ];
  const values = figures.map((d) => d.toNumber());
  return labels === false ? [values] : [EDGE_OF_CARE_LABELS, values];
}
