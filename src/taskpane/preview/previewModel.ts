import type { Profile } from "../../engine/types";
import { formatMillions, toMillions } from "../../engine/present";

export interface PreviewRow {
  readonly fy: number;
  readonly label: string;
  /** £m for the chart (presentation only). */
  readonly inYearMillions: number;
  readonly cumulativeMillions: number;
  /** As the template prints it, e.g. "-£0.50m" (the engine's presentation rounding). */
  readonly inYearText: string;
  readonly cumulativeText: string;
  readonly withinMtfs: boolean;
}

export interface PreviewModel {
  readonly rows: readonly PreviewRow[];
  readonly quantifiedText: string;
  readonly runRateText: string;
  readonly runRateFyLabel: string;
  readonly timeToFullRunRateYears: string;
}

/**
 * The live preview's figures, rounded only here, at presentation (£m, 2 dp).
 *
 * @example
 * previewModel(profile, 2029).rows[0].cumulativeText // "-£0.50m"
 */
export function previewModel(profile: Profile, mtfsLastFy: number): PreviewModel {
  return {
    rows: profile.years.map((y) => ({
      fy: y.fy,
      label: y.label,
      inYearMillions: toMillions(y.inYear, 4),
      cumulativeMillions: toMillions(y.cumulative, 4),
      inYearText: formatMillions(y.inYear, 2),
      cumulativeText: formatMillions(y.cumulative, 2),
      withinMtfs: y.fy <= mtfsLastFy,
    })),
    quantifiedText: formatMillions(profile.quantifiedOpportunity, 2),
    runRateText: formatMillions(profile.fullRunRate.value, 2),
    runRateFyLabel: profile.fullRunRate.label,
    timeToFullRunRateYears: profile.timeToFullRunRateYears.toDecimalPlaces(1).toString(),
  };
}
