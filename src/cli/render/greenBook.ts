import {
  formatMoney,
  formatPercent,
  toPounds,
  type Decimal,
  type GreenBookView,
  type RiskAdjustedRow,
  benefitCostRatioText,
  discountedPaybackText,
  greenBookNothingToPayBack,
} from "../../engine";
import { textTable } from "../table";

/**
 * The Green Book view and the risk-adjusted MTFS row as `calc profile` prints them, under the profile:
 * JSON with money in £ (pennies at this edge only), or tables in £m.
 */

/** How the view was priced and discounted, as the heading states it. */
export interface GreenBookBasis {
  /** "standard", "health" or a flat rate such as "0.035". */
  readonly discount: string;
  /** The deflator a year used for real prices (a fraction). */
  readonly deflatorPerYear: Decimal;
  /** First FY label: year 0 and the price base. */
  readonly priceBase: string;
}

const DISCOUNT_TEXT: Readonly<Record<string, string>> = {
  standard: "the Green Book standard rate (3.5% for years 0–30)",
  health: "the Green Book health rate (1.5% for years 0–30)",
};

function discountText(discount: string): string {
  return DISCOUNT_TEXT[discount] ?? `a flat ${formatPercent(discount, 2)} a year`;
}

function confidenceText(row: RiskAdjustedRow): string {
  return typeof row.confidence === "number" ? `grade ${row.confidence}` : row.confidence;
}

const fy = (label: string): string => label.replace(/^FY/, "FY ");

/**
 * JSON-ready Green Book view and risk-adjusted row (null when the proposal states no confidence).
 *
 * @example
 * greenBookJson(view, basis, undefined) // { greenBook: { discount: "standard", npv: 1234567.89, ... }, riskAdjusted: null }
 */
export function greenBookJson(
  view: GreenBookView,
  basis: GreenBookBasis,
  risk: RiskAdjustedRow | undefined,
): Record<string, unknown> {
  const payback = view.discountedPayback;
  return {
    greenBook: {
      discount: basis.discount,
      deflatorPerYear: basis.deflatorPerYear.toNumber(),
      priceBase: basis.priceBase,
      years: view.years.map((y) => ({
        fy: y.label,
        benefits: toPounds(y.benefits),
        costs: toPounds(y.costs),
        discountFactor: y.discountFactor.toDecimalPlaces(6).toNumber(),
        presentValue: toPounds(y.presentValue),
      })),
      npv: toPounds(view.npv),
      benefitCostRatio: view.benefitCostRatio?.toDecimalPlaces(4).toNumber() ?? null,
      // Nothing to pay back (no costs, never below zero): null, as when it does not pay back; the text says which.
      discountedPaybackYears:
        payback.kind === "paysBack" && !greenBookNothingToPayBack(view)
          ? payback.years.toDecimalPlaces(2).toNumber()
          : null,
      discountedPaybackText: discountedPaybackText(view),
    },
    riskAdjusted:
      risk === undefined
        ? null
        : {
            confidence: risk.confidence,
            optimismBias: risk.optimismBias.toNumber(),
            years: risk.years.map((y) => ({
              fy: y.label,
              mtfsImpact: toPounds(y.mtfsImpact),
              riskAdjusted: toPounds(y.riskAdjusted),
            })),
          },
  };
}

/**
 * The lines `calc profile` adds under its table.
 *
 * @example
 * greenBookTable(view, basis, risk) // "\nGreen Book view (FY26/27 prices ...)\nFY  Benefits ..."
 */
export function greenBookTable(
  view: GreenBookView,
  basis: GreenBookBasis,
  risk: RiskAdjustedRow | undefined,
): string {
  const right = (n: number) => Array.from({ length: n }, () => "right" as const);
  const years = textTable(
    ["FY", "Benefits (real)", "Costs (real)", "Discount factor", "Present value"],
    view.years.map((y) => [
      fy(y.label),
      formatMoney(y.benefits),
      formatMoney(y.costs),
      y.discountFactor.toFixed(4),
      formatMoney(y.presentValue),
    ]),
    ["left", ...right(4)],
  );
  const lines = [
    "",
    `Green Book view (${basis.priceBase} prices, deflated ${formatPercent(basis.deflatorPerYear, 1)} a year; discounted at ${discountText(basis.discount)}; year 0 = ${basis.priceBase})`,
    years,
    "",
    `Net present value: ${formatMoney(view.npv)}`,
    `Benefit–cost ratio: ${benefitCostRatioText(view)}`,
    `Discounted payback: ${discountedPaybackText(view)}`,
  ];
  if (risk !== undefined) {
    lines.push(
      "",
      `Risk-adjusted MTFS row (confidence ${confidenceText(risk)}: optimism bias takes ${formatPercent(risk.optimismBias)} off benefits; default table, the council's assumption)`,
      textTable(
        ["FY", "MTFS row", "Risk-adjusted"],
        risk.years.map((y) => [fy(y.label), formatMoney(y.mtfsImpact), formatMoney(y.riskAdjusted)]),
        ["left", ...right(2)],
      ),
    );
  }
  return lines.join("\n");
}
