import { formatMillions } from "../engine";
import type { CellScalar } from "./port";

/**
 * How an owned cell's value is shown to people (the change report, the hand-edit note): money as £m,
 * other numbers to 2 dp. Keys are the layouts' owned-cell keys ("profile.FY29/30.cumulative").
 */

const MONEY_KEY =
  /(inYear|cumulative|gross|costs|overlap|inflationContingency|mtfsImpact|quantifiedOpportunity|fullRunRate\.value|FY\d\d\/\d\d|total|er|existing|benefits|cashflow|additionalBeyondMtfs)$/i;

/**
 * An owned cell's value for display.
 *
 * @example
 * displayValue("profile.FY29/30.cumulative", 1_104_079.7) // "£1.10m"
 * displayValue("timeToFullRunRateYears", 1.5) // "1.5"
 * displayValue("fullRunRate.fy", null) // "(blank)"
 */
export function displayValue(key: string, v: CellScalar): string {
  if (v === null || v === "") return "(blank)";
  if (typeof v === "number") {
    if (MONEY_KEY.test(key) && !/caseload|avoided/i.test(key)) return formatMillions(v);
    return String(Math.round(v * 100) / 100);
  }
  return String(v);
}
